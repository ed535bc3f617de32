import type { FakeProvider, RecordedRequest } from '../fixtures/fake-provider/server.ts';
import { LatencyHistogram } from './stats.ts';

/** Written into each benchmark message, so the provider's request names the reply it is for. */
export const markerFor = (replyKey: string) => `[bench:${replyKey}]`;
const markerPattern = /\[bench:([0-9a-f-]{36})\]/;

/** Where a tab is in the replies it receives: token numbers must come 1, 2, 3, ... per reply. */
export interface TabProgress {
  key: string;
  next: number;
  /** The tab sits on another instance than the one writing the reply (Redis runs). */
  cross: boolean;
}

export const newTabProgress = (cross = false): TabProgress => ({ key: '', next: 1, cross });

export interface DeliveryErrors {
  /** A token that came out of order or twice. */
  outOfOrder: number;
  /** Replies a tab saw end without all their tokens. */
  incompleteReplies: number;
  /** Acks refused, replies failed or timed out, connections lost. */
  failures: number;
  firstFailure?: string;
}

function replyKeyOf(request: RecordedRequest): string | undefined {
  const messages = (request.body as { messages?: Array<{ role?: string; content?: unknown }> } | undefined)?.messages;
  if (!Array.isArray(messages)) return undefined;
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i];
    if (message?.role === 'user' && typeof message.content === 'string') return markerPattern.exec(message.content)?.[1];
  }
  return undefined;
}

/**
 * Pairs each token a tab receives with the moment the fake provider wrote it upstream (one process,
 * one clock). Only tokens written inside the measuring window count towards latency; deliveries and
 * frames count by when they arrive.
 */
export class TokenLedger {
  private readonly keyOfRequest = new Map<string, string>();
  private readonly written = new Map<string, Float64Array>();
  private readonly tokensPerReply: number;
  private windowStart = Number.POSITIVE_INFINITY;
  private windowEnd = Number.POSITIVE_INFINITY;
  readonly latency = new LatencyHistogram();
  /** Per frame, its newest token: the latency a batching window does not explain. */
  readonly freshest = new LatencyHistogram();
  readonly cross = new LatencyHistogram();
  deliveries = 0;
  frames = 0;
  upstreamChunks = 0;
  readonly errors: DeliveryErrors = { outOfOrder: 0, incompleteReplies: 0, failures: 0 };
  private readonly detach: () => void;

  constructor(provider: FakeProvider, tokensPerReply: number) {
    this.tokensPerReply = tokensPerReply;
    const onRequest = (request: RecordedRequest) => {
      const key = replyKeyOf(request);
      if (key) this.keyOfRequest.set(request.id, key);
    };
    const onChunk = ({ requestId, index, writtenAt }: { requestId: string; index: number; writtenAt: number }) => {
      const key = this.keyOfRequest.get(requestId);
      if (!key) return;
      let times = this.written.get(key);
      if (!times) this.written.set(key, (times = new Float64Array(this.tokensPerReply)));
      times[index] = writtenAt;
      if (writtenAt >= this.windowStart && writtenAt < this.windowEnd) this.upstreamChunks += 1;
    };
    provider.on('request', onRequest).on('chunk', onChunk);
    this.detach = () => provider.off('request', onRequest).off('chunk', onChunk);
  }

  openWindow(at: number): void {
    this.windowStart = at;
    this.windowEnd = Number.POSITIVE_INFINITY;
  }

  closeWindow(at: number): void {
    this.windowEnd = at;
  }

  /** A frame of reply text reached a tab at `receivedAt`. */
  receive(tab: TabProgress, key: string, text: string, receivedAt: number): void {
    const written = this.written.get(key);
    if (!written) return; // not a benchmark reply (an opening greeting)
    if (tab.key !== key) {
      tab.key = key;
      tab.next = 1;
    }
    const arrivedInWindow = receivedAt >= this.windowStart && receivedAt < this.windowEnd;
    let newest = Number.POSITIVE_INFINITY;
    let tokens = 0;
    for (let at = text.indexOf('t'); at !== -1; at = text.indexOf('t', at + 1)) {
      const n = Number.parseInt(text.slice(at + 1, at + 6), 10);
      if (n !== tab.next) this.errors.outOfOrder += 1;
      tab.next = n + 1;
      tokens += 1;
      const writtenAt = written[n - 1] ?? 0;
      if (writtenAt < this.windowStart || writtenAt >= this.windowEnd) continue;
      const ms = receivedAt - writtenAt;
      this.latency.record(ms);
      if (tab.cross) this.cross.record(ms);
      if (ms < newest) newest = ms;
    }
    if (Number.isFinite(newest)) this.freshest.record(newest);
    if (arrivedInWindow) {
      this.deliveries += tokens;
      if (tokens) this.frames += 1;
    }
  }

  /** A tab saw the reply end: it must have every token by now. */
  ended(tab: TabProgress, key: string): void {
    if (!this.written.has(key)) return;
    if (tab.key !== key || tab.next - 1 !== this.tokensPerReply) this.errors.incompleteReplies += 1;
  }

  fail(reason: string): void {
    this.errors.failures += 1;
    this.errors.firstFailure ??= reason;
  }

  close(): void {
    this.detach();
  }
}
