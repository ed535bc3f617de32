import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import WebSocket from 'ws';
import { limits, type ClientToServerEvents, type ServerToClientEvents } from '@gptlab/common';
import { END_FRAME, type FloorRequest } from './floor-protocol.ts';
import { newTabProgress, type TokenLedger } from './ledger.ts';
import { now } from './stats.ts';

export type OursSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A session of the fan-out load, whichever relay carries it. */
export interface BenchSession {
  /** Sends one message from the session's first tab; resolves once that tab has seen the reply end. */
  exchange(key: string, text: string, timeoutMs: number): Promise<void>;
  close(): void;
}

/** Where a session's tabs connect: one URL per tab, and whether that tab is on another instance than the writer. */
export interface TabPlacement {
  url: string;
  cross: boolean;
  /** The server's protocol version when it is not this checkout's (a `--baseline` commit). */
  protocol?: number | undefined;
}

export const benchKey = (index: number) => `sk-test-bench-${index}`;

const ackTimeoutMs = 30_000;

/** A signed-in Socket.IO tab, as the web client opens it (WebSocket only). */
export async function connectOurs(url: string, apiKey: string, reconnection = false, protocol: number = limits.protocolVersion): Promise<OursSocket> {
  const socket: OursSocket = io(url, { transports: ['websocket'], auth: { apiKey, protocol }, forceNew: true, reconnection });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', (err) => {
      socket.disconnect();
      reject(err);
    });
  });
  return socket;
}

/** Resolves when `register` calls back, or rejects after `ms`. */
function within<T>(ms: number, what: string, register: (resolve: (value: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what}: no answer in ${ms} ms`)), ms);
    register((value) => {
      clearTimeout(timer);
      resolve(value);
    });
  });
}

const keyOfReply = (replyId: string) => (replyId.endsWith('.reply') ? replyId.slice(0, -'.reply'.length) : replyId);

/** A session on our server: the first tab starts it on the example assistant, the others open it. */
export async function openOursSession(placements: TabPlacement[], apiKey: string, ledger: TokenLedger): Promise<BenchSession> {
  const sockets = await Promise.all(placements.map((placement) => connectOurs(placement.url, apiKey, false, placement.protocol)));
  const waiting = new Map<string, () => void>();
  let closing = false;
  sockets.forEach((socket, i) => {
    const progress = newTabProgress(placements[i]!.cross);
    socket.on('session:delta', (delta) => ledger.receive(progress, keyOfReply(delta.replyId), delta.text, now()));
    socket.on('session:reply-ended', (ended) => {
      const key = keyOfReply(ended.replyId);
      ledger.ended(progress, key);
      if (i !== 0) return;
      if (ended.status !== 'complete') ledger.fail(`reply ${ended.status}: ${ended.error ? `${ended.error.code} (${ended.error.message})` : ''}`);
      waiting.get(key)?.();
    });
    socket.on('disconnect', (reason) => closing || ledger.fail(`tab disconnected: ${reason}`));
  });
  const [writer, ...readers] = sockets;
  const sessionId = randomUUID();
  const opening = within<void>(ackTimeoutMs, 'opening reply', (resolve) => waiting.set(`${sessionId}.opening`, resolve));
  const started = await writer!.timeout(ackTimeoutMs).emitWithAck('session:start', { sessionId, code: 'brainstorm' });
  if (!started.ok) throw new Error(`session:start refused: ${started.error.code}`);
  for (const reader of readers) {
    const opened = await reader.timeout(ackTimeoutMs).emitWithAck('session:open', { sessionId });
    if (!opened.ok) throw new Error(`session:open refused: ${opened.error.code}`);
  }
  await opening;
  return {
    async exchange(key, text, timeoutMs) {
      const ended = within<void>(timeoutMs, 'reply end', (resolve) => waiting.set(key, resolve));
      ended.catch(() => {});
      const ack = await writer!.timeout(ackTimeoutMs).emitWithAck('session:send', { sessionId, clientMessageId: key, text });
      if (!ack.ok) throw new Error(`session:send refused: ${ack.error.code}`);
      await ended.finally(() => waiting.delete(key));
    },
    close() {
      closing = true;
      for (const socket of sockets) socket.disconnect();
    },
  };
}

function openWebSocket(url: string): Promise<WebSocket> {
  const socket = new WebSocket(url.replace(/^http/, 'ws'), { perMessageDeflate: false });
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  });
}

/** A session on the floor: every tab joins it, the first one asks for replies. */
export async function openFloorSession(url: string, tabs: number, apiKey: string, ledger: TokenLedger): Promise<BenchSession> {
  const sockets = await Promise.all(Array.from({ length: tabs }, () => openWebSocket(url)));
  const sessionId = randomUUID();
  const keys: string[] = [];
  const waiting = new Map<string, () => void>();
  let closing = false;
  sockets.forEach((socket, i) => {
    const progress = newTabProgress();
    let reply = 0;
    socket.on('message', (data) => {
      const receivedAt = now();
      const frame = String(data);
      const key = keys[reply] ?? '';
      if (frame !== END_FRAME) return ledger.receive(progress, key, frame, receivedAt);
      reply += 1;
      ledger.ended(progress, key);
      if (i === 0) waiting.get(key)?.();
    });
    socket.on('close', () => closing || ledger.fail('floor tab disconnected'));
    socket.send(JSON.stringify({ join: sessionId } satisfies FloorRequest));
  });
  return {
    async exchange(key, text, timeoutMs) {
      keys.push(key);
      const ended = within<void>(timeoutMs, 'reply end', (resolve) => waiting.set(key, resolve));
      sockets[0]!.send(JSON.stringify({ send: sessionId, text, apiKey } satisfies FloorRequest));
      await ended.finally(() => waiting.delete(key));
    },
    close() {
      closing = true;
      for (const socket of sockets) socket.close();
    },
  };
}
