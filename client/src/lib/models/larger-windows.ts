import type { ModelInfo } from '@gptlab/common';

/**
 * Models of the same kind whose known context window is larger than that of `model`, smallest
 * first (the nearest that fits is usually the cheapest). None when the window of `model` is unknown.
 */
export function modelsWithLargerWindows(models: readonly ModelInfo[], model: string, limit = 3): ModelInfo[] {
  const current = models.find((candidate) => candidate.id === model);
  const window = current?.contextWindow;
  if (!current || !window) return [];
  return models
    .filter((candidate) => candidate.kind === current.kind && (candidate.contextWindow ?? 0) > window)
    .sort((a, b) => (a.contextWindow ?? 0) - (b.contextWindow ?? 0) || a.id.localeCompare(b.id))
    .slice(0, limit);
}

const compact = new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 });

/** 200000 → "200K tokens". */
export function describeWindow(tokens: number): string {
  return `${compact.format(tokens)} tokens`;
}
