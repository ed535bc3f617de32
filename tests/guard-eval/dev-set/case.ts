/** How a reply leaks the prompt; each kind is scored on its own. */
export const leakKinds = ['verbatim', 'partial', 'paraphrased', 'reformatted', 'spaced', 'encoded'] as const;
export type LeakKind = (typeof leakKinds)[number];

/** Honest replies that are hard to tell from leaks, because they reuse the prompt's words on purpose. */
export const innocentKinds = ['introduction', 'sign-off', 'quoted-fact', 'on-topic', 'long-answer', 'look-alike'] as const;
export type InnocentKind = (typeof innocentKinds)[number];

/**
 * One labelled reply. The kind is the label: a leak kind means the reply gives the prompt away.
 * `look-alike` marks honest text that resembles an obfuscation (base64 data, hex hashes, spelled-out
 * words, other scripts), which the guard's decoders must not mistake for the prompt.
 */
export interface EvalCase {
  name: string;
  prompt: string;
  reply: string;
  kind: LeakKind | InnocentKind;
}

export function isLeak(testCase: EvalCase): boolean {
  return (leakKinds as readonly string[]).includes(testCase.kind);
}
