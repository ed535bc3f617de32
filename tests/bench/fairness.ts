import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as Y from 'yjs';
import { limits, toBytes } from '@gptlab/common';
import { draftText } from '@gptlab/common/draft-doc';
import type { FakeProvider } from '../fixtures/fake-provider/server.ts';
import { repoRoot, startServerProcess } from './server-process.ts';
import { connectOurs, type OursSocket } from './tabs.ts';
import { oursEnv } from './targets.ts';
import { now, summarize, type LatencySummary } from './stats.ts';

export interface FairnessShape {
  /** How long the bystander is measured, without a flood and under each flood. */
  durationMs: number;
  /** Long messages in the flooder's session: what makes its `session:open` expensive. */
  longExchanges: number;
}

export interface FairnessRow {
  flood: string;
  /** Requests the flooder sent per second, and how many of them the server refused (rate_limited). */
  sentPerSecond: number;
  refused: number;
  bystander: LatencySummary;
}

export interface FairnessResult {
  baseline: LatencySummary;
  rows: FairnessRow[];
}

/** One tab's requests as fast as its own limit lets them through: 300 per 10 s. */
const floodIntervalMs = limits.socketEventWindowMs / limits.socketEventsPerWindow;
const bystanderIntervalMs = 50;
const ackTimeoutMs = 30_000;

type Flood = (socket: OursSocket) => Promise<{ ok: boolean; error?: { code: string } }>;

/**
 * A bystander's request latency (opening a small session), alone and while one user floods each
 * expensive request at the rate its tab is allowed. The server runs with its real request and edit
 * limits; only the message limit is lifted, so the flooder's long session can be set up quickly.
 */
export async function measureFairness(provider: FakeProvider, shape: FairnessShape, log: (line: string) => void): Promise<FairnessResult> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'gptlab-fairness-'));
  const env = {
    ...oursEnv({ providerUrl: provider.url, batchWindowMs: limits.deltaBatchWindowMs }, dataDir, randomBytes(32).toString('base64')),
    RATE_SOCKET_EVENTS_PER_10_SECONDS: String(limits.socketEventsPerWindow),
    RATE_DRAFT_EDITS_PER_USER_PER_MINUTE: '1800',
  };
  const server = await startServerProcess(repoRoot, env);
  const sockets: OursSocket[] = [];
  try {
    const flooder = await connectOurs(server.url, 'sk-test-flooder');
    const bystander = await connectOurs(server.url, 'sk-test-bystander');
    sockets.push(flooder, bystander);
    const longSession = await longSessionOf(flooder, shape.longExchanges);
    const shortSession = await longSessionOf(bystander, 1, 20);
    const earlier = await flooder.timeout(ackTimeoutMs).emitWithAck('session:open', { sessionId: longSession });
    const before = earlier.ok ? (earlier.earlier ?? Number.MAX_SAFE_INTEGER) : Number.MAX_SAFE_INTEGER;
    const draftId = await draftOf(flooder);
    const floods: Record<string, Flood> = {
      [`session:open of ${shape.longExchanges * 2} long messages`]: (s) => s.timeout(ackTimeoutMs).emitWithAck('session:open', { sessionId: longSession }),
      'session:history, a page of long messages': (s) => s.timeout(ackTimeoutMs).emitWithAck('session:history', { sessionId: longSession, before }),
      'draft:update of 8 KB': (s) => s.timeout(ackTimeoutMs).emitWithAck('draft:update', { draftId, update: textUpdate(8 * 1024) }),
      'assistant:list with a search': (s) => s.timeout(ackTimeoutMs).emitWithAck('assistant:list', { scope: 'showcased', search: 'coach', sort: 'newest', cursor: null, limit: 30 }),
      'models:list': (s) => s.timeout(ackTimeoutMs).emitWithAck('models:list', {}),
    };
    const probe = () => bystander.timeout(ackTimeoutMs).emitWithAck('session:open', { sessionId: shortSession });
    log(`Fairness: bystander alone for ${shape.durationMs} ms`);
    const baseline = summarize(await timeRequests(probe, shape.durationMs));
    const rows: FairnessRow[] = [];
    for (const [flood, request] of Object.entries(floods)) {
      log(`Fairness: bystander while one tab floods ${flood}`);
      const flooding = floodFor(flooder, request, shape.durationMs);
      const bystanderLatency = summarize(await timeRequests(probe, shape.durationMs));
      const { sent, refused } = await flooding;
      rows.push({ flood, sentPerSecond: sent / (shape.durationMs / 1000), refused, bystander: bystanderLatency });
    }
    return { baseline, rows };
  } finally {
    for (const socket of sockets) socket.disconnect();
    await server.stop('SIGTERM');
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** A session of `exchanges` messages of nearly the longest size allowed (short ones with `chars`). */
async function longSessionOf(socket: OursSocket, exchanges: number, chars = limits.messageMaxChars - 100): Promise<string> {
  const sessionId = randomUUID();
  for (let n = 0; n < exchanges; n++) {
    const ended = new Promise<void>((resolve) => {
      const onEnded = (e: { sessionId: string }) => {
        if (e.sessionId !== sessionId) return;
        socket.off('session:reply-ended', onEnded);
        resolve();
      };
      socket.on('session:reply-ended', onEnded);
    });
    const text = `Message ${n} [[tokens:20]] ${'x'.repeat(Math.max(0, chars - 40))}`;
    const ack = await socket.timeout(ackTimeoutMs).emitWithAck('session:send', { sessionId, clientMessageId: randomUUID(), text });
    if (!ack.ok) throw new Error(`fairness setup: send refused: ${ack.error.code}`);
    await ended;
  }
  return sessionId;
}

async function draftOf(socket: OursSocket): Promise<string> {
  const draftId = randomUUID();
  const created = await socket.timeout(ackTimeoutMs).emitWithAck('draft:create', { draftId });
  if (!created.ok) throw new Error(`fairness setup: draft refused: ${created.error.code}`);
  const joined = await socket.timeout(ackTimeoutMs).emitWithAck('draft:join', { draftId });
  if (!joined.ok) throw new Error(`fairness setup: join refused: ${joined.error.code}`);
  return draftId;
}

/** An update inserting `bytes` characters into the prompt of a fresh doc: valid, and stored each time. */
function textUpdate(bytes: number): Uint8Array {
  const doc = new Y.Doc();
  draftText(doc, 'prompt').insert(0, 'y'.repeat(bytes));
  return toBytes(Y.encodeStateAsUpdate(doc));
}

/** Sends `request` every floodIntervalMs without waiting for answers, for `durationMs`. */
async function floodFor(socket: OursSocket, request: Flood, durationMs: number): Promise<{ sent: number; refused: number }> {
  let sent = 0;
  let refused = 0;
  const answers: Array<Promise<unknown>> = [];
  const timer = setInterval(() => {
    sent++;
    answers.push(request(socket).then((ack) => {
      if (!ack.ok && ack.error?.code === 'rate_limited') refused++;
    }, () => undefined));
  }, floodIntervalMs);
  await new Promise((resolve) => setTimeout(resolve, durationMs));
  clearInterval(timer);
  await Promise.all(answers);
  return { sent, refused };
}

/** The bystander's request, one at a time every bystanderIntervalMs: each answer's round trip in ms. */
async function timeRequests(request: () => Promise<unknown>, durationMs: number): Promise<number[]> {
  const samples: number[] = [];
  const until = now() + durationMs;
  while (now() < until) {
    const sentAt = now();
    await request();
    samples.push(now() - sentAt);
    await new Promise((resolve) => setTimeout(resolve, bystanderIntervalMs));
  }
  return samples;
}
