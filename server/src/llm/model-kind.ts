import type { ModelKind } from '@gptlab/common';

/** Providers do not say which endpoint a model serves; OpenAI's legacy completion models are named so. */
const completionModelPattern = /(^|[-/])(instruct|davinci|babbage|curie|ada)([-:]|$)|-instruct/;

export function modelKindOf(modelId: string): ModelKind {
  return completionModelPattern.test(modelId) ? 'completion' : 'chat';
}

/**
 * OpenAI's reasoning models (o1, o3, o4-mini, gpt-5 but not gpt-5-chat): they refuse `max_tokens`
 * (they take `max_completion_tokens`) and any temperature, top-p or penalty but the default.
 * Matched after a vendor prefix (`openai/o3`) or a fine-tune's `ft:`.
 */
const reasoningModelPattern = /^(o\d+(-|$)|gpt-5(?!-chat)(-|$|\.))/;

export function isReasoningModel(modelId: string): boolean {
  const id = modelId.replace(/^ft:/, '');
  return reasoningModelPattern.test(id.slice(id.lastIndexOf('/') + 1).toLowerCase());
}
