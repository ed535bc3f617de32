import * as models from 'gpt-tokenizer/models';
import { baseModelId } from '../../llm/model-kind.ts';

/**
 * Context windows and output limits come from gpt-tokenizer's table of OpenAI model specs, which is
 * kept up to date with each release of the package (gpt-5.x, o-series, dated variants). Models it
 * cannot know are listed here: our test provider's deliberately small one, so condensing triggers
 * after a few messages.
 */
interface ModelLimits {
  context_window?: number;
  max_output_tokens?: number;
}

const ownModels: Record<string, ModelLimits> = {
  'fake-chat-small': { context_window: 2_048 },
};

const specs: Readonly<Record<string, ModelLimits>> = { ...(models as unknown as Record<string, ModelLimits>), ...ownModels };

const contextWindows = tableOf((spec) => spec.context_window);
const outputLimits = tableOf((spec) => spec.max_output_tokens);

function tableOf(field: (spec: ModelLimits) => number | undefined): Record<string, number> {
  const table: Record<string, number> = {};
  for (const [id, spec] of Object.entries(specs)) {
    const value = field(spec);
    if (typeof value === 'number' && value > 0) table[id] = value;
  }
  return table;
}

/**
 * Self-hosted models vary widely and their servers often run small windows (llama.cpp and Ollama
 * start at 2,048–4,096); assuming a small one condenses early rather than overflowing.
 */
export const defaultContextWindow = 4_096;

/** The value of the longest table key that is the id itself or a `-`-separated prefix of it (gpt-4o-2024-08-06). */
function lookUp(table: Record<string, number>, model: string): number | undefined {
  // The id, then each shorter prefix ending before a '-': the first one in the table is the longest.
  for (let candidate = baseModelId(model); candidate !== ''; candidate = candidate.slice(0, Math.max(0, candidate.lastIndexOf('-')))) {
    if (Object.hasOwn(table, candidate)) return table[candidate];
  }
  return undefined;
}

/** The provider's own word (`stated`, see llm/learned-windows.ts) comes first, then the table, then the default. */
export function contextWindowOf(model: string, stated: number | null = null): number {
  return knownContextWindowOf(model, stated) ?? defaultContextWindow;
}

/** As contextWindowOf, without the guess: null when neither the provider nor the table knows. */
export function knownContextWindowOf(model: string, stated: number | null = null): number | null {
  return stated ?? lookUp(contextWindows, model) ?? null;
}

export function outputLimitOf(model: string): number {
  return lookUp(outputLimits, model) ?? Number.POSITIVE_INFINITY;
}
