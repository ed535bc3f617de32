import { personalityPresets, type DraftContent } from '@gptlab/common';
import { defaultSummaryPrompt } from '../assistants/examples.ts';

/** A new, empty draft: blank texts, the recap prompt to adapt, and balanced sampling. */
export function emptyDraft(defaultModel: string): DraftContent {
  return {
    name: '',
    tagline: '',
    description: '',
    prompt: '',
    summaryPrompt: defaultSummaryPrompt,
    settings: { model: defaultModel, ...personalityPresets.balanced, maxTokens: 1024, frequencyPenalty: 0, presencePenalty: 0, condensing: 'rolling' },
    starters: [],
  };
}
