/**
 * A child process of the benchmark holding thousands of idle, signed-in tabs (each process may open
 * only so many files). Tabs reconnect like the web client's (socket.io-client defaults), so a killed
 * server shows how fast they all come back. Driven over IPC by capacity.ts.
 */
import { io, type Socket } from 'socket.io-client';
import { limits } from '@gptlab/common';
import { now } from './stats.ts';
import { benchKey } from './tabs.ts';

export type IdleTabsCommand =
  | { type: 'connect'; url: string; count: number; keyCount: number; keyOffset: number; concurrency: number }
  | { type: 'storm'; since: number }
  | { type: 'report'; since: number }
  | { type: 'close' };

export type IdleTabsMessage =
  | { type: 'progress'; connected: number; refused: number; back: number }
  | { type: 'report'; connected: number; backAt: number[] };

interface IdleTab {
  socket: Socket;
  connectedAt: number;
}

const tabs: IdleTab[] = [];
let refused = 0;
let lastSent = '';
/** Tabs connected after this moment are back from a storm. */
let stormSince = Number.POSITIVE_INFINITY;

const send = (message: IdleTabsMessage) => process.send?.(message);

function reportProgress(): void {
  let connected = 0;
  let back = 0;
  for (const tab of tabs) {
    if (!tab.socket.connected) continue;
    connected += 1;
    if (tab.connectedAt > stormSince) back += 1;
  }
  const line = `${connected}/${refused}/${back}`;
  if (line === lastSent) return;
  lastSent = line;
  send({ type: 'progress', connected, refused, back });
}

function openTab(url: string, apiKey: string): Promise<void> {
  const socket = io(url, { transports: ['websocket'], auth: { apiKey, protocol: limits.protocolVersion }, forceNew: true });
  const tab: IdleTab = { socket, connectedAt: Number.NaN };
  tabs.push(tab);
  return new Promise((resolve) => {
    socket.on('connect', () => {
      tab.connectedAt = now();
      resolve();
    });
    // A refusal by the server (not a network error) is final for socket.io-client: count it and move on.
    socket.on('connect_error', (err: Error & { data?: unknown }) => {
      if (err.data === undefined && socket.active) return;
      refused += 1;
      resolve();
    });
  });
}

async function connectAll(command: Extract<IdleTabsCommand, { type: 'connect' }>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < command.count) {
      const index = next++;
      await openTab(command.url, benchKey(command.keyOffset + (index % command.keyCount)));
    }
  };
  await Promise.all(Array.from({ length: command.concurrency }, worker));
}

setInterval(reportProgress, 250).unref();

process.on('message', (command: IdleTabsCommand) => {
  if (command.type === 'connect') void connectAll(command);
  if (command.type === 'storm') stormSince = command.since;
  if (command.type === 'report') {
    const backAt = tabs.filter((tab) => tab.socket.connected && tab.connectedAt > command.since).map((tab) => tab.connectedAt);
    send({ type: 'report', connected: tabs.filter((tab) => tab.socket.connected).length, backAt });
  }
  if (command.type === 'close') {
    for (const tab of tabs) tab.socket.disconnect();
    process.exit(0);
  }
});
