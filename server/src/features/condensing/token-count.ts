import { LRUCache } from 'lru-cache';
import type { ConversationTurn } from '../../llm/provider.ts';
import { baseModelId } from '../../llm/model-kind.ts';

export type EncodingName = 'o200k_base' | 'cl100k_base';

/** Counts the tokens a chat costs a model, as the chat endpoint bills it. */
export interface ChatTokenCounter {
  readonly encoding: EncodingName;
  /** Tokens of plain text, with no chat framing. */
  countText(text: string): number;
  /** Tokens of the whole request: every message with its framing, plus the reply primer. */
  countChat(turns: readonly ConversationTurn[]): number;
}

type FramingModel = 'gpt-4o' | 'gpt-4';

/** The part of gpt-tokenizer's per-encoding API this module relies on. */
interface EncodingApi {
  countTokens(text: string, options?: { disallowedSpecial?: Set<string> }): number;
  encodeChat(chat: readonly ConversationTurn[], model: FramingModel): number[];
}

/** gpt-4 and gpt-3.5 use cl100k_base; every newer family (and an unknown model) uses o200k_base. */
export function encodingOf(model: string): EncodingName {
  const id = baseModelId(model);
  // `gpt-4-…` but not gpt-4o, gpt-4.1 or gpt-4.5, which moved to o200k_base.
  return /^gpt-3\.5/.test(id) || /^gpt-4(-|$)/.test(id) ? 'cl100k_base' : 'o200k_base';
}

// gpt-tokenizer needs a chat model name to frame messages; all chat models of one encoding frame alike.
const framingModel: Record<EncodingName, FramingModel> = { o200k_base: 'gpt-4o', cl100k_base: 'gpt-4' };

// Users may paste `<|endoftext|>`; the API tokenizes it as text, and the library would throw on it.
const asPlainText = { disallowedSpecial: new Set<string>() };

// Messages are immutable once stored, so a content string always costs the same. The cache is bounded
// by characters, not entries, because a few pasted documents would otherwise dominate memory.
const cachedCharacterLimit = 4_000_000;

/** Loaded on first use: each encoding's rank table is megabytes, and most servers need only one. */
async function importEncoding(encoding: EncodingName): Promise<EncodingApi> {
  const loaded =
    encoding === 'cl100k_base'
      ? await import('gpt-tokenizer/encoding/cl100k_base')
      : await import('gpt-tokenizer/encoding/o200k_base');
  return loaded.default;
}

class CachedChatTokenCounter implements ChatTokenCounter {
  readonly encoding: EncodingName;
  private readonly api: EncodingApi;
  // Bounded by characters, not entries: a few pasted documents must not crowd out a session's messages.
  private readonly textCounts = new LRUCache<string, number>({ maxSize: cachedCharacterLimit, sizeCalculation: (_count, text) => Math.max(1, text.length) });
  private readonly framingByRole = new Map<ConversationTurn['role'], number>();
  private readonly replyPrimer: number;

  constructor(encoding: EncodingName, api: EncodingApi) {
    this.encoding = encoding;
    this.api = api;
    this.replyPrimer = api.encodeChat([], framingModel[encoding]).length;
  }

  countText(text: string): number {
    const cached = this.textCounts.get(text);
    if (cached !== undefined) return cached;
    const count = this.api.countTokens(text, asPlainText);
    // A text larger than the whole cache is counted again next time rather than evict everything.
    if (text.length <= cachedCharacterLimit) this.textCounts.set(text, count);
    return count;
  }

  countChat(turns: readonly ConversationTurn[]): number {
    let total = this.replyPrimer;
    for (const turn of turns) total += this.framingOf(turn.role) + this.countText(turn.content);
    return total;
  }

  /** Start marker, role name, separator and end marker around each message's content. */
  private framingOf(role: ConversationTurn['role']): number {
    let framing = this.framingByRole.get(role);
    if (framing === undefined) {
      const model = framingModel[this.encoding];
      framing = this.api.encodeChat([{ role, content: '' }], model).length - this.replyPrimer;
      this.framingByRole.set(role, framing);
    }
    return framing;
  }
}

const counters = new Map<EncodingName, Promise<ChatTokenCounter>>();

/** The shared, caching counter for `model`'s encoding. */
/** More than any chat framing of OpenAI's encodings adds per message (start, role, separator, end). */
const framingBound = 16;

/**
 * A cheap ceiling on what `countChat` would say: a byte-pair token covers at least one UTF-8 byte.
 * When even this fits, nothing needs counting, and the tokenizer (46 MB for o200k) never loads.
 */
export function chatTokenUpperBound(turns: readonly ConversationTurn[]): number {
  let bound = framingBound;
  for (const turn of turns) bound += framingBound + Buffer.byteLength(turn.content, 'utf8');
  return bound;
}

export function tokenCounterFor(model: string): Promise<ChatTokenCounter> {
  const encoding = encodingOf(model);
  let counter = counters.get(encoding);
  if (!counter) {
    counter = importEncoding(encoding).then((api) => new CachedChatTokenCounter(encoding, api));
    counters.set(encoding, counter);
  }
  return counter;
}
