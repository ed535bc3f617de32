import type { ChatMessage } from '@gptlab/common';
import type { ConversationTurn } from '../../llm/provider.ts';
import type { CondensingMode } from '../../store/records.ts';

export interface TurnRequest {
  systemPrompt: string | null;
  messages: ChatMessage[];
  model: string;
  condensing: CondensingMode;
}

/** Decides what the model is sent for the next reply; condensing plugs in here. */
export type TurnBuilder = (request: TurnRequest) => Promise<ConversationTurn[]>;

const rollingWindow = 20;

/** Failed replies with no text carry nothing the model should see again. */
export function conversationTurns(messages: ChatMessage[]): ConversationTurn[] {
  return messages.filter((m) => m.text).map((m) => ({ role: m.role, content: m.text }));
}

/** The plain builder: the prompt, then the last 20 messages (rolling) or all of them. */
export const simpleTurns: TurnBuilder = async ({ systemPrompt, messages, condensing }) => {
  const turns = conversationTurns(messages);
  const kept = condensing === 'rolling' ? turns.slice(-rollingWindow) : turns;
  return systemPrompt ? [{ role: 'system', content: systemPrompt }, ...kept] : kept;
};

/** The recap request: the summary prompt, then the whole conversation as a transcript. */
export function summaryTurns(summaryPrompt: string, messages: ChatMessage[]): ConversationTurn[] {
  const transcript = conversationTurns(messages)
    .map((t) => `${t.role === 'user' ? 'User' : 'Assistant'}: ${t.content}`)
    .join('\n\n');
  return [
    { role: 'system', content: summaryPrompt },
    { role: 'user', content: `Here is the conversation to recap:\n\n${transcript}` },
  ];
}
