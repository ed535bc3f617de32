import type { Sampling } from '../../llm/provider.ts';
import type { ModelSettings } from '../../store/records.ts';

/** The sampling part of an assistant's (or a draft's) model settings, as the provider takes it. */
export function samplingOf(settings: Partial<Omit<ModelSettings, 'model'>>): Sampling {
  const { temperature, topP, maxTokens, frequencyPenalty, presencePenalty } = settings;
  return { temperature, topP, maxTokens, frequencyPenalty, presencePenalty };
}
