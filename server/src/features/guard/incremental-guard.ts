import { Base64RunDecoder } from './base64-runs.ts';
import { ByteListDecoder } from './byte-lists.ts';
import { HexRunDecoder } from './hex-runs.ts';
import { leakRules } from './leak-rules.ts';
import { preparePrompt, type PromptProfile } from './prompt-profile.ts';
import { ReplyReading, type LeakRule } from './reply-reading.ts';
import { countTerms, contentWords, pairCosine } from './tfidf.ts';
import { SecretDetailTracker } from './secret-detail-tracker.ts';
import { base64Lines, hexLines, SplitRunDecoder } from './split-runs.ts';
import { revelationsOf, type SessionRevelations } from './session-memory.ts';
import { rewritingThatLeaks, type WholeReplyRewriting } from './whole-reply.ts';

export type { LeakRule } from './reply-reading.ts';
export type GuardVerdict = 'ok' | 'leak';

/** Where the leak was found: in the reply as written, in text decoded from it (split runs joined first), or in a rewriting of the finished reply. */
export type LeakSource = 'text' | DecodedSource | WholeReplyRewriting;

export interface GuardOptions {
  /** TF-IDF cosine at or above which a reply is a leak; leakRules.baselineThreshold by default. */
  baselineThreshold?: number;
  /** The session's replies before this one, as its tabs received them: what they revealed counts here too. */
  earlierReplies?: readonly string[];
}

const decodedSources = ['base64', 'hex', 'split-base64', 'split-hex', 'bytes'] as const;
type DecodedSource = (typeof decodedSources)[number];

/** A decoder of encoded runs in the reply, and the reading of what it decodes, made at the first find. */
interface DecodedReading {
  decoder: Base64RunDecoder | HexRunDecoder | SplitRunDecoder | ByteListDecoder;
  reading: ReplyReading | null;
}

/**
 * Watches one streamed reply for a leak of the assistant's secret prompt. Create one per reply;
 * call push() with each text delta and finish() once the reply is complete. The reply is read as
 * written and, where it holds base64 or hex, as decoded; every rule but the final baseline is
 * updated per character or word in amortised O(1), so push() never re-reads the reply.
 * Once it has said 'leak' it keeps saying so.
 */
export class IncrementalLeakGuard {
  readonly #profile: PromptProfile;
  readonly #threshold: number;
  readonly #text: ReplyReading;
  readonly #decoded: Record<DecodedSource, DecodedReading> = {
    base64: { decoder: new Base64RunDecoder(), reading: null },
    hex: { decoder: new HexRunDecoder(), reading: null },
    'split-base64': { decoder: new SplitRunDecoder(base64Lines, new Base64RunDecoder()), reading: null },
    'split-hex': { decoder: new SplitRunDecoder(hexLines, new HexRunDecoder()), reading: null },
    bytes: { decoder: new ByteListDecoder(), reading: null },
  };
  readonly #chunks: string[] = [];
  readonly #revealed: SessionRevelations;
  /** Read on the text as written: folding leetspeak would turn a code's digits into letters. */
  readonly #secrets: SecretDetailTracker | null;
  #rule: LeakRule | null = null;
  #source: LeakSource | null = null;
  #finished = false;

  /** Pass the prepared profile when one prompt serves many replies; a string is prepared here. */
  constructor(prompt: string | PromptProfile, options: GuardOptions = {}) {
    this.#profile = typeof prompt === 'string' ? preparePrompt(prompt) : prompt;
    this.#threshold = options.baselineThreshold ?? leakRules.baselineThreshold;
    this.#revealed = revelationsOf(this.#profile, options.earlierReplies ?? []);
    const secrets = new SecretDetailTracker(this.#profile.secrets);
    this.#secrets = secrets.isEmpty ? null : secrets;
    this.#text = new ReplyReading(this.#profile, this.#threshold, this.#revealed);
  }

  push(textDelta: string): GuardVerdict {
    if (this.#rule !== null || this.#finished) return this.verdict;
    this.#chunks.push(textDelta);
    if (this.#secrets?.push(textDelta)) this.#note('text', 'secret-detail');
    this.#note('text', this.#text.push(textDelta));
    for (const source of decodedSources) this.#readDecoded(source, this.#decoded[source].decoder.push(textDelta));
    return this.verdict;
  }

  /** Reads the rest of every reading, then applies the baseline to the complete reply. */
  finish(): GuardVerdict {
    if (this.#rule !== null || this.#finished) return this.verdict;
    this.#finished = true;
    if (this.#secrets?.finish()) this.#note('text', 'secret-detail');
    this.#note('text', this.#text.finish());
    for (const source of decodedSources) {
      const decoded = this.#decoded[source];
      this.#readDecoded(source, decoded.decoder.flush());
      if (decoded.reading) this.#note(source, decoded.reading.finish());
    }
    if (this.#rule === null) this.#applyBaseline(this.#chunks.join(''));
    return this.verdict;
  }

  get verdict(): GuardVerdict {
    return this.#rule === null ? 'ok' : 'leak';
  }

  /** Which rule found the leak, for logs; null while the reply looks fine. */
  get rule(): LeakRule | null {
    return this.#rule;
  }

  /** Whether the leak was in the text as written or decoded from it; null while the reply looks fine. */
  get source(): LeakSource | null {
    return this.#source;
  }

  /**
   * The original app's rule on the raw reply, then the same comparison on the normalised reply,
   * on what was decoded from it, and, for a short prompt, on its rewritings (whole-reply.ts).
   */
  #applyBaseline(reply: string): void {
    const rawSimilarity = pairCosine(countTerms(contentWords(reply)), this.#profile.baselineCounts);
    if (rawSimilarity >= this.#threshold || this.#text.similarity >= this.#threshold) return this.#note('text', 'baseline');
    for (const source of decodedSources) {
      if ((this.#decoded[source].reading?.similarity ?? 0) >= this.#threshold) return this.#note(source, 'baseline');
    }
    // A longer prompt's letter checks already saw spaced-out or ROT13 text while it streamed.
    const rewriting = this.#profile.isShort ? rewritingThatLeaks(reply, this.#profile, this.#threshold) : null;
    if (rewriting !== null) this.#note(rewriting, 'baseline');
  }

  #readDecoded(source: DecodedSource, text: string): void {
    if (text === '' || this.#rule !== null) return;
    const decoded = this.#decoded[source];
    decoded.reading ??= new ReplyReading(this.#profile, this.#threshold, this.#revealed);
    this.#note(source, decoded.reading.push(text));
  }

  #note(source: LeakSource, rule: LeakRule | null): void {
    if (this.#rule !== null || rule === null) return;
    this.#rule = rule;
    this.#source = source;
  }
}
