import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { numberedTokens, type FakeProvider } from '../fixtures/fake-provider/server.ts';
import { ReplyView } from '../support/session-tab.ts';
import { markerFor } from './ledger.ts';
import { now, summarize, type LatencySummary } from './stats.ts';
import { benchKey, connectOurs, type OursSocket } from './tabs.ts';
import { startOurs } from './targets.ts';

export interface CatchUpShape {
  sessions: number;
  tokensPerReply: number;
  tokenDelayMs: number;
  durationMs: number;
  /** Each session's second tab loses its connection this often (staggered across sessions). */
  dropEveryMs: number;
}

export interface CatchUpResult {
  shape: CatchUpShape;
  drops: number;
  /** Reconnected → `session:open` answered and applied: the tab shows the text so far. Mid-reply only. */
  catchUpMs: LatencySummary;
  /** Connection lost → signed in again (the client's reconnect back-off included). */
  reconnectMs: LatencySummary;
  /** Replies the dropping tab saw end live, and how many of them were exact (every token once, in order). */
  repliesChecked: number;
  repliesExact: number;
  /** Of those, replies that a drop cut through. */
  repliesAcrossDrops: number;
  repliesAcrossDropsExact: number;
  failures: number;
  firstFailure?: string;
}

interface Tally {
  catchUp: number[];
  reconnect: number[];
  checked: number;
  exact: number;
  across: number;
  acrossExact: number;
  failures: number;
  firstFailure?: string;
}

function fail(tally: Tally, reason: string): void {
  tally.failures += 1;
  tally.firstFailure ??= reason;
}

/** The tab that keeps losing its connection; it catches up through `session:open`, as the web client does. */
function watchDroppingTab(tab: OursSocket, sessionId: string, expected: string, tally: Tally): { drop(): void } {
  const view = new ReplyView(tab);
  let droppedAt = Number.NaN;
  const cutReplies = new Set<string>();
  let current = '';
  tab.on('session:reply-started', (started) => (current = started.replyId));
  tab.on('session:reply-ended', (ended) => {
    if (!ended.replyId.endsWith('.reply')) return;
    const exact = view.textOf(ended.replyId) === expected;
    tally.checked += 1;
    if (exact) tally.exact += 1;
    if (cutReplies.has(ended.replyId)) {
      tally.across += 1;
      if (exact) tally.acrossExact += 1;
    }
  });
  tab.on('connect', () => {
    if (Number.isNaN(droppedAt)) return;
    const connectedAt = now();
    tally.reconnect.push(connectedAt - droppedAt);
    droppedAt = Number.NaN;
    const ticket = view.opening(sessionId);
    tab.timeout(30_000).emitWithAck('session:open', { sessionId }).then(
      (ack) => {
        if (!ack.ok) return fail(tally, `session:open after a reconnect: ${ack.error.code}`);
        view.opened(sessionId, ticket, ack);
        if (ack.inFlight) tally.catchUp.push(now() - connectedAt);
      },
      // The benchmark's own next drop may land while the open is on its way (a reconnect takes
      // 0.5–1.5 s, a drop comes every 1.5 s): that open is cut by the test, not lost by the server.
      (err: Error) => Number.isNaN(droppedAt) && fail(tally, `session:open after a reconnect: ${err.message}`),
    );
  });
  return {
    drop() {
      if (!tab.connected) return;
      droppedAt = now();
      if (current && !view.ended.has(current)) cutReplies.add(current);
      tab.io.engine.close(); // as a network drop: the client reconnects on its own
    },
  };
}

/**
 * Tabs that drop mid-reply: how long until a reconnected tab has the text so far, and whether every
 * reply still arrives whole, in order, without repeats.
 */
export async function measureCatchUp(provider: FakeProvider, shape: CatchUpShape): Promise<CatchUpResult> {
  const target = await startOurs({ providerUrl: provider.url, batchWindowMs: 16 });
  const url = target.urls[0]!;
  const tally: Tally = { catchUp: [], reconnect: [], checked: 0, exact: 0, across: 0, acrossExact: 0, failures: 0 };
  const expected = numberedTokens(shape.tokensPerReply).join('');
  const replyMs = shape.tokensPerReply * shape.tokenDelayMs;
  let stopping = false;
  const sockets: OursSocket[] = [];
  const timers: NodeJS.Timeout[] = [];
  let drops = 0;
  try {
    const sessions = await Promise.all(Array.from({ length: shape.sessions }, async (_, i) => {
      const apiKey = benchKey(i % 10);
      const writer = await connectOurs(url, apiKey);
      const dropper = await connectOurs(url, apiKey, true);
      sockets.push(writer, dropper);
      const sessionId = randomUUID();
      const openingEnded = new Promise((resolve) => writer.once('session:reply-ended', resolve));
      const started = await writer.emitWithAck('session:start', { sessionId, code: 'brainstorm' });
      if (!started.ok) throw new Error(`session:start refused: ${started.error.code}`);
      // One reply at a time per session: the first message waits for the opening reply.
      await Promise.race([openingEnded, sleep(30_000, undefined, { ref: false }).then(() => Promise.reject(new Error('the opening reply did not end within 30 s')))]);
      await dropper.emitWithAck('session:open', { sessionId });
      const tab = watchDroppingTab(dropper, sessionId, expected, tally);
      const offset = (i / shape.sessions) * shape.dropEveryMs;
      timers.push(setTimeout(() => timers.push(setInterval(() => (drops++, tab.drop()), shape.dropEveryMs)), offset));
      return { writer, sessionId };
    }));
    await Promise.all(sessions.map(async ({ writer, sessionId }) => {
      await sleep(Math.random() * replyMs);
      while (!stopping) {
        const clientMessageId = randomUUID();
        const ended = new Promise<void>((resolve) => {
          const onEnded = (event: { replyId: string }) => {
            if (event.replyId !== `${clientMessageId}.reply`) return;
            writer.off('session:reply-ended', onEnded);
            resolve();
          };
          writer.on('session:reply-ended', onEnded);
        });
        const text = `[[tokens:${shape.tokensPerReply}]] [[delay:${shape.tokenDelayMs}]] ${markerFor(clientMessageId)}`;
        const ack = await writer.emitWithAck('session:send', { sessionId, clientMessageId, text });
        if (!ack.ok) fail(tally, `session:send: ${ack.error.code}`);
        else await ended;
        await sleep(20 + Math.random() * 80);
      }
    }).concat((async () => {
      await sleep(shape.durationMs);
      stopping = true;
      for (const timer of timers) clearTimeout(timer);
    })()));
    await sleep(3000); // the last reconnects and catch-ups
    return {
      shape,
      drops,
      catchUpMs: summarize(tally.catchUp),
      reconnectMs: summarize(tally.reconnect),
      repliesChecked: tally.checked,
      repliesExact: tally.exact,
      repliesAcrossDrops: tally.across,
      repliesAcrossDropsExact: tally.acrossExact,
      failures: tally.failures,
      firstFailure: tally.firstFailure,
    };
  } finally {
    for (const timer of timers) clearTimeout(timer);
    for (const socket of sockets) socket.disconnect();
    await target.stop();
  }
}
