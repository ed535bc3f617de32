/**
 * The floor: the least a relay can do. Each WebSocket joins one session; a `send` opens one SSE
 * request upstream and every chunk's content goes straight to the session's sockets as a tiny text
 * frame, then END_FRAME. No sign-in, no store, no batching, no app logic. Run as its own process so
 * its CPU and RSS compare with the real server's.
 *
 *   UPSTREAM_URL=http://127.0.0.1:4010/v1 PORT=0 node tests/bench/floor-server.ts
 */
import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { WebSocketServer, type WebSocket } from 'ws';
import { END_FRAME, type FloorRequest } from './floor-protocol.ts';

const upstream = process.env.UPSTREAM_URL ?? 'http://127.0.0.1:4010/v1';
const agent = new Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });
const sessions = new Map<string, Set<WebSocket>>();

function broadcast(sessionId: string, frame: string): void {
  for (const socket of sessions.get(sessionId) ?? []) socket.send(frame);
}

/** Reads `data:` lines of the SSE body and forwards each chunk's content as it comes. */
function relay(sessionId: string, text: string, apiKey: string): void {
  const body = JSON.stringify({ model: 'gpt-4o-mini', stream: true, messages: [{ role: 'user', content: text }] });
  const url = new URL(`${upstream}/chat/completions`);
  const req = request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` } }, (res) => {
    let buffered = '';
    res.setEncoding('utf8');
    res.on('data', (part: string) => {
      buffered += part;
      let end = buffered.indexOf('\n\n');
      while (end !== -1) {
        const line = buffered.slice(0, end);
        buffered = buffered.slice(end + 2);
        end = buffered.indexOf('\n\n');
        if (!line.startsWith('data: ')) continue;
        const data = line.slice(6);
        if (data === '[DONE]') {
          broadcast(sessionId, END_FRAME);
          continue;
        }
        const content = (JSON.parse(data) as { choices?: Array<{ delta?: { content?: string } }> }).choices?.[0]?.delta?.content;
        if (content) broadcast(sessionId, content);
      }
    });
  });
  req.on('error', () => broadcast(sessionId, END_FRAME));
  req.end(body);
}

const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();
const lagMs = (ns: number) => Math.max(0, ns / 1e6 - 10);

// Same JSON as the real server's METRICS route, so the benchmark reads both alike.
const server = createServer((req, res) => {
  if (req.url !== '/internal/metrics') {
    res.writeHead(404).end();
    return;
  }
  const eventLoopLagMs = { p50: lagMs(loopDelay.percentile(50)), p99: lagMs(loopDelay.percentile(99)), max: lagMs(loopDelay.max) };
  loopDelay.reset();
  const { rss, heapUsed, heapTotal, external } = process.memoryUsage();
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ eventLoopLagMs, rssBytes: rss, heap: { usedBytes: heapUsed, totalBytes: heapTotal, externalBytes: external }, cpuMicros: process.cpuUsage() }));
});

const wss = new WebSocketServer({ server, perMessageDeflate: false });
wss.on('connection', (socket) => {
  let joined: string | undefined;
  socket.on('message', (raw) => {
    const message = JSON.parse(String(raw)) as FloorRequest;
    if ('join' in message) {
      joined = message.join;
      const members = sessions.get(joined) ?? new Set<WebSocket>();
      sessions.set(joined, members.add(socket));
    } else {
      relay(message.send, message.text, message.apiKey);
    }
  });
  socket.on('close', () => {
    if (joined) sessions.get(joined)?.delete(socket);
  });
});

server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  console.log(`floor listening on http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});
process.on('SIGTERM', () => process.exit(0));
