import { draftFieldLimits } from '@gptlab/common';
import { modelKindOf } from '../../llm/model-kind.ts';
import { completionMaxTokens } from '../../llm/completion-prompt.ts';
import type { ConversationTurn, Sampling } from '../../llm/provider.ts';
import type { ModelSettings } from '../../store/records.ts';
import { contextWindowOf, outputLimitOf } from '../condensing/context-windows.ts';
import { chatTokenUpperBound, tokenCounterFor } from '../condensing/token-count.ts';

type SamplingSettings = Partial<Omit<ModelSettings, 'model'>>;

/** Our token count is close to the provider's, not equal: this share of the window is left spare. */
const countMargin = 0.03;
/** Below this much room a reply would be cut off almost at once; the provider decides instead. */
const fewestUsefulTokens = 256;

/**
 * The sampling part of an assistant's (or a draft's) model settings, for one request. A draft's
 * settings may be half-typed, so a value out of its range is left out (the provider's default
 * applies) rather than sent to be refused. Max tokens is lowered to the model's output limit and to
 * what its window has left after `turns`: providers refuse prompt + max_tokens beyond the window,
 * and a thread may fill 60% of a small window before it is summarised.
 */
export async function samplingFor(model: string, turns: readonly ConversationTurn[], settings: SamplingSettings, statedWindow: number | null = null): Promise<Sampling> {
  const { temperature, topP, frequencyPenalty, presencePenalty } = settings;
  const { penalty } = draftFieldLimits;
  return {
    temperature: within(temperature, draftFieldLimits.temperature),
    topP: within(topP, draftFieldLimits.topP),
    maxTokens: await fitMaxTokens(model, turns, within(settings.maxTokens, draftFieldLimits.maxTokens, true) ?? defaultMaxTokensOf(model), statedWindow),
    frequencyPenalty: within(frequencyPenalty, penalty),
    presencePenalty: within(presencePenalty, penalty),
  };
}

/** A legacy completion model writes 16 tokens unless told more; a chat model writes until it is done. */
function defaultMaxTokensOf(model: string): number | undefined {
  return modelKindOf(model) === 'completion' ? completionMaxTokens : undefined;
}

function within(value: number | undefined, range: { min: number; max: number }, whole = false): number | undefined {
  if (value === undefined || !Number.isFinite(value) || value < range.min || value > range.max) return undefined;
  return whole && !Number.isInteger(value) ? undefined : value;
}

async function fitMaxTokens(model: string, turns: readonly ConversationTurn[], maxTokens: number | undefined, statedWindow: number | null): Promise<number | undefined> {
  if (maxTokens === undefined) return undefined;
  const usable = Math.floor(contextWindowOf(model, statedWindow) * (1 - countMargin));
  const wanted = Math.min(maxTokens, outputLimitOf(model));
  // Most threads are far from the window: the byte count alone shows the reply fits, uncounted.
  if (usable - chatTokenUpperBound(turns) >= wanted) return wanted;
  const room = usable - (await tokenCounterFor(model)).countChat(turns);
  if (room < Math.min(maxTokens, fewestUsefulTokens)) return undefined;
  return Math.min(wanted, room);
}
