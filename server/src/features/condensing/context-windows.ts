import { baseModelId } from '../../llm/model-kind.ts';

/** Context window, in tokens, of the models people commonly pick; dated variants match by prefix. */
const contextWindows: Record<string, number> = {
  'gpt-5': 400_000,
  'gpt-5-chat-latest': 128_000,
  'gpt-4.1': 1_047_576,
  'gpt-4.5-preview': 128_000,
  'gpt-4o': 128_000,
  'chatgpt-4o-latest': 128_000,
  'gpt-4-turbo': 128_000,
  // The dated gpt-4 previews are gpt-4-turbo under another name.
  'gpt-4-1106-preview': 128_000,
  'gpt-4-0125-preview': 128_000,
  'gpt-4-vision-preview': 128_000,
  'gpt-4-32k': 32_768,
  'gpt-4': 8_192,
  'gpt-3.5-turbo': 16_385,
  'gpt-3.5-turbo-instruct': 4_096,
  o1: 200_000,
  'o1-mini': 128_000,
  'o1-preview': 128_000,
  o3: 200_000,
  'o3-mini': 200_000,
  'o4-mini': 200_000,
  // The test provider's deliberately small model, so condensing triggers after a few messages.
  'fake-chat-small': 2_048,
};

/**
 * Self-hosted models vary widely and their servers often run small windows (llama.cpp and Ollama
 * start at 2,048–4,096); assuming a small one condenses early rather than overflowing.
 */
export const defaultContextWindow = 4_096;


/**
 * The most tokens one reply may have, for the same models; providers refuse a larger max_tokens.
 * Unknown models get no cap: their server says so if the setting is too large.
 */
const outputLimits: Record<string, number> = {
  'gpt-5': 128_000,
  'gpt-5-chat-latest': 16_384,
  'gpt-4.1': 32_768,
  'gpt-4.5-preview': 16_384,
  'gpt-4o': 16_384,
  'chatgpt-4o-latest': 16_384,
  'gpt-4-turbo': 4_096,
  'gpt-4-1106-preview': 4_096,
  'gpt-4-0125-preview': 4_096,
  'gpt-4-vision-preview': 4_096,
  'gpt-4-32k': 32_768,
  'gpt-4': 8_192,
  'gpt-3.5-turbo': 4_096,
  'gpt-3.5-turbo-instruct': 4_096,
  o1: 100_000,
  'o1-mini': 65_536,
  'o1-preview': 32_768,
  o3: 100_000,
  'o3-mini': 100_000,
  'o4-mini': 100_000,
};

/** The value of the longest table key that is the id itself or a `-`-separated prefix of it (gpt-4o-2024-08-06). */
function lookUp(table: Record<string, number>, model: string): number | undefined {
  const id = baseModelId(model);
  let best: string | undefined;
  for (const known of Object.keys(table)) {
    const matches = id === known || id.startsWith(`${known}-`);
    if (matches && (best === undefined || known.length > best.length)) best = known;
  }
  return best === undefined ? undefined : table[best];
}

/** The provider's own word (`stated`, see llm/learned-windows.ts) comes first, then the table, then the default. */
export function contextWindowOf(model: string, stated: number | null = null): number {
  return stated ?? lookUp(contextWindows, model) ?? defaultContextWindow;
}

export function outputLimitOf(model: string): number {
  return lookUp(outputLimits, model) ?? Number.POSITIVE_INFINITY;
}
