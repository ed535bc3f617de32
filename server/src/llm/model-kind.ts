import type { ModelKind } from '@gptlab/common';

/** Providers do not say which endpoint a model serves; OpenAI's legacy completion models are named so. */
const completionModelPattern = /(^|[-/])(instruct|davinci|babbage|curie|ada)([-:]|$)|-instruct/;

export function modelKindOf(modelId: string): ModelKind {
  return completionModelPattern.test(modelId) ? 'completion' : 'chat';
}

/**
 * `ft:gpt-4o-mini-2024-07-18:org::id` is a fine-tune of gpt-4o-mini, and gateways such as
 * OpenRouter prefix the vendor (`openai/gpt-4o`); both keep the base model's window, encoding and
 * parameters.
 */
export function baseModelId(model: string): string {
  const withoutFineTune = model.startsWith('ft:') ? (model.slice(3).split(':')[0] ?? '') : model;
  return withoutFineTune.slice(withoutFineTune.lastIndexOf('/') + 1).toLowerCase();
}

/**
 * OpenAI's reasoning models (o1, o3, o4-mini, gpt-5 but not gpt-5-chat): they refuse `max_tokens`
 * (they take `max_completion_tokens`) and any temperature, top-p or penalty but the default.
 */
const reasoningModelPattern = /^(o\d+(-|$)|gpt-5(?!-chat)(-|$|\.))/;

export function isReasoningModel(modelId: string): boolean {
  return reasoningModelPattern.test(baseModelId(modelId));
}
