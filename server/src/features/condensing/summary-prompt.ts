import type { ConversationTurn } from '../../llm/provider.ts';

const notePreface = 'Summary of the earlier part of this conversation:';

const summaryInstruction = [
  'You condense conversations so they can continue without the full history.',
  'Summarise the conversation below in a few short paragraphs. Keep every fact, name, number,',
  "decision, open question and preference of the user that the assistant will need later. Keep the",
  "conversation's language. Reply with the summary only.",
].join(' ');

/** Stands in for the messages a summary covers, right after the system prompt. */
export function summaryNote(summary: string): ConversationTurn {
  return { role: 'system', content: `${notePreface}\n\n${summary}` };
}

const continuationPreface = 'This conversation carries on from an earlier session. Summary of that session:';

/** The summary of the session this one carries on from, right after the system prompt. */
export function continuationNote(summary: string): ConversationTurn {
  return { role: 'system', content: `${continuationPreface}\n\n${summary}` };
}

/**
 * The request a provider-backed `summarise` sends: an instruction, then the turns as one transcript.
 * The assistant's system prompt is never part of it, so a summary cannot carry the secret prompt along.
 */
export function summaryRequestTurns(turns: readonly ConversationTurn[]): ConversationTurn[] {
  const transcript = turns.map((turn) => `${speakerOf(turn)}${turn.content}`).join('\n\n');
  return [
    { role: 'system', content: summaryInstruction },
    { role: 'user', content: `Here is the conversation to summarise:\n\n${transcript}` },
  ];
}

function speakerOf(turn: ConversationTurn): string {
  if (turn.role === 'user') return 'User: ';
  if (turn.role === 'assistant') return 'Assistant: ';
  return '';
}
