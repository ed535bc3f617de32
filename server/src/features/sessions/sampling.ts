import type { ConversationTurn, Sampling } from '../../llm/provider.ts';
import type { ModelSettings } from '../../store/records.ts';
import { contextWindowOf } from '../condensing/context-windows.ts';
import { tokenCounterFor } from '../condensing/token-count.ts';

/**
 * The sampling part of an assistant's (or a draft's) model settings, for one request. Max tokens is
 * lowered to what the model's window has left after `turns`: providers refuse a request whose
 * prompt plus max_tokens exceeds the window, and a thread may fill 60% of a small window before it
 * is summarised. With no room left by our count it is left out, and the provider, whose count
 * decides, either answers or says the conversation is too long.
 */
export async function samplingFor(model: string, turns: readonly ConversationTurn[], settings: Partial<Omit<ModelSettings, 'model'>>): Promise<Sampling> {
  const { temperature, topP, maxTokens, frequencyPenalty, presencePenalty } = settings;
  return { temperature, topP, maxTokens: await fitMaxTokens(model, turns, maxTokens), frequencyPenalty, presencePenalty };
}

async function fitMaxTokens(model: string, turns: readonly ConversationTurn[], maxTokens: number | undefined): Promise<number | undefined> {
  if (maxTokens === undefined) return undefined;
  const room = contextWindowOf(model) - (await tokenCounterFor(model)).countChat(turns);
  return room >= 1 ? Math.min(maxTokens, room) : undefined;
}
