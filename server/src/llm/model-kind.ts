import type { ModelKind } from '@gptlab/common';

/** Providers do not say which endpoint a model serves; OpenAI's legacy completion models are named so. */
const completionModelPattern = /(^|[-/])(instruct|davinci|babbage|curie|ada)([-:]|$)|-instruct/;

export function modelKindOf(modelId: string): ModelKind {
  return completionModelPattern.test(modelId) ? 'completion' : 'chat';
}
