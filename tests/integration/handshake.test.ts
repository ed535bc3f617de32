import { createHash, randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { limits } from '@gptlab/common';
import { WebSocket } from 'ws';
import { logCapture } from '../support/log-capture.ts';
import { RawSocket } from '../support/raw-socket.ts';
import { connectTab, startWorld, type TestWorld } from '../support/server.ts';

let world: TestWorld;
let cleanup: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  await world?.close();
  for (const step of cleanup.splice(0)) await step();
});

const bootScript = '\n  window.booted = true;\n';

/** A stand-in for client/build: an SPA shell with an inline boot script, and one immutable asset. */
async function builtClient(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'gptlab-client-'));
  cleanup.push(() => rm(dir, { recursive: true, force: true }));
  await mkdir(path.join(dir, '_app/immutable'), { recursive: true });
  await writeFile(path.join(dir, 'index.html'), `<!doctype html><html><head><script type="module" src="/_app/immutable/start.js"></script></head><body><div style="display: contents"><script>${bootScript}</script></div></body></html>`);
  await writeFile(path.join(dir, '_app/immutable/start.js'), 'export {};');
  return dir;
}

describe('which pages may talk to the server', () => {
  it('accepts a socket from its own origin and refuses one opened by a page of another origin', async () => {
    world = await startWorld();
    const own = await connectTab(world.url, {}, { extraHeaders: { origin: world.url } });
    expect(own.connected).toBe(true);
    own.disconnect();
    for (const transports of [['websocket'], ['polling']] as const) {
      await expect(connectTab(world.url, {}, { transports: [...transports], extraHeaders: { origin: 'https://evil.example' } })).rejects.toThrow();
    }
  });

  it('accepts exactly the configured origins when ALLOWED_ORIGINS is set', async () => {
    world = await startWorld({ config: { allowedOrigins: ['https://gptlab.example'] } });
    const allowed = await connectTab(world.url, {}, { extraHeaders: { origin: 'https://gptlab.example' } });
    expect(allowed.connected).toBe(true);
    allowed.disconnect();
    await expect(connectTab(world.url, {}, { extraHeaders: { origin: world.url } })).rejects.toThrow();
    expect((await fetch(`${world.url}/healthz`, { headers: { origin: 'https://gptlab.example' } })).status).toBe(200);
  });

  it('refuses HTTP requests made by a page of another origin', async () => {
    world = await startWorld();
    const foreign = await fetch(`${world.url}/healthz`, { headers: { origin: 'https://evil.example' } });
    expect(foreign.status).toBe(403);
    expect(await foreign.json()).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await fetch(`${world.url}/healthz`, { headers: { origin: world.url } })).status).toBe(200);
    expect((await fetch(`${world.url}/healthz`)).status).toBe(200);
  });

  it('still turns new sockets away while draining for a shutdown, own origin included', async () => {
    world = await startWorld({ provider: { tokenDelayMs: 10 } });
    const tab = await world.connectTab();
    await tab.emitWithAck('session:send', { sessionId: randomUUID(), clientMessageId: randomUUID(), text: 'Long one [[tokens:100]]' });
    const draining = world.app;
    const closing = draining.close(5_000);
    await expect(connectTab(world.url, {}, { extraHeaders: { origin: world.url } })).rejects.toThrow();
    await closing;
    // Already closed: the world's own close must not close it again.
    draining.close = async () => {};
  });
});

describe('the API key travels only in the handshake', () => {
  it('refuses a key sent in the URL, even beside a good handshake, and never logs it', async () => {
    const logs = logCapture();
    world = await startWorld({ logs: logs.stream });
    const secret = `sk-test-${randomUUID()}`;
    const inUrl = { message: 'unauthorized', data: { code: 'unauthorized', message: expect.stringContaining('never in a URL') } };
    await expect(connectTab(world.url, { apiKey: '' }, { query: { apiKey: secret } })).rejects.toMatchObject(inUrl);
    await expect(connectTab(world.url, { apiKey: secret }, { query: { key: secret } })).rejects.toMatchObject(inUrl);
    await expect(connectTab(world.url, { apiKey: secret }, { transports: ['polling'], query: { apiKey: secret } })).rejects.toMatchObject(inUrl);
    expect((await connectTab(world.url, { apiKey: secret })).connected).toBe(true);
    expect(logs.lines.length).toBeGreaterThan(0);
    expect(logs.text()).not.toContain(secret);
  });
});

describe('security headers', () => {
  it('every HTTP response carries them, and the CSP lets exactly the boot script of the served page run', async () => {
    world = await startWorld({ config: { clientDir: await builtClient() } });
    const hash = `'sha256-${createHash('sha256').update(bootScript).digest('base64')}'`;
    const paths = [
      '/', '/index.html', '/session/123', '/_app/immutable/start.js', '/healthz', '/nope.txt', `/socket.io/?EIO=4&transport=polling`,
      // engine.io's own refusals: an unknown session id, an unknown transport, an old protocol.
      '/socket.io/?EIO=4&transport=polling&sid=nosuchsession', '/socket.io/?EIO=4&transport=carrier-pigeon', '/socket.io/?EIO=2&transport=polling',
    ];
    for (const url of paths) {
      const res = await fetch(`${world.url}${url}`);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, url).toContain("default-src 'self'");
      expect(csp, url).toContain(`script-src 'self' ${hash}`);
      expect(csp, url).toContain("frame-ancestors 'none'");
      expect(csp, url).toContain("object-src 'none'");
      expect(csp, url).not.toMatch(/script-src[^;]*unsafe/);
      expect(res.headers.get('x-content-type-options'), url).toBe('nosniff');
      expect(res.headers.get('referrer-policy'), url).toBe('no-referrer');
      expect(res.headers.get('x-frame-options'), url).toBe('DENY');
      expect(res.headers.get('permissions-policy'), url).toContain('camera=()');
      expect(res.headers.get('strict-transport-security'), url).toBeNull();
      expect(res.headers.get('x-powered-by'), url).toBeNull();
      expect(res.headers.get('set-cookie'), url).toBeNull();
    }
  });

  it('sends HSTS and upgrades requests when served over https', async () => {
    world = await startWorld({ config: { behindHttps: true } });
    const res = await fetch(`${world.url}/healthz`);
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d{8}/);
    expect(res.headers.get('content-security-policy')).toContain('upgrade-insecure-requests');
  });

  it('sets no cookie anywhere, Socket.IO handshake included', async () => {
    world = await startWorld();
    const handshake = await fetch(`${world.url}/socket.io/?EIO=4&transport=polling`);
    expect(handshake.status).toBe(200);
    expect(handshake.headers.get('set-cookie')).toBeNull();
    expect(limits.maxHttpBufferSize).toBeLessThan(1024 * 1024);
  });
});

describe('a WebSocket that floods pings', () => {
  it('is cut off, even before it signs in, instead of queueing pongs it never reads', async () => {
    world = await startWorld();
    const raw = new WebSocket(`${world.url.replace('http', 'ws')}/socket.io/?EIO=4&transport=websocket`);
    await new Promise((resolve, reject) => raw.once('open', resolve).once('error', reject));
    // Stop reading: every pong the server answers with stays queued on its side.
    (raw as unknown as { _socket: { pause(): void } })._socket.pause();
    // Well inside engine.io's own 45 s timeouts, so only the pong limit can explain the close.
    const closed = new Promise((resolve, reject) => {
      raw.once('close', resolve);
      setTimeout(() => reject(new Error('the flooding socket was not cut off within 10 s')), 10_000).unref();
    });
    for (let i = 0; i < 5_000 && raw.readyState === WebSocket.OPEN; i++) raw.ping(Buffer.alloc(125));
    await closed;
    expect(raw.readyState).toBe(WebSocket.CLOSED);
    // Everyone else is unaffected.
    expect((await connectTab(world.url)).connected).toBe(true);
  });
});

describe('binary attachments', () => {
  const frames = (ws: WebSocket) => new Promise<number>((resolve) => ws.addEventListener('close', (event) => resolve(event.code)));
  const open = async (url: string) => {
    const ws = new WebSocket(`${url.replace('http', 'ws')}/socket.io/?EIO=4&transport=websocket`);
    ws.binaryType = 'arraybuffer';
    await new Promise((resolve) => ws.addEventListener('message', resolve, { once: true }));
    return ws;
  };

  it('a connection that has not signed in is closed at the first packet that announces binary, instead of holding it', async () => {
    world = await startWorld();
    const ws = await open(world.url);
    const closed = frames(ws);
    // An Engine.IO message (4) carrying a Socket.IO binary event (5) that announces 10 attachments
    // (the parser's most), then 9 of them: the packet never completes, so it would be held.
    ws.send('4510-["draft:update",{"_placeholder":true,"num":0}]');
    for (let i = 0; i < 9; i++) ws.send(new Uint8Array(250 * 1024));
    await closed;
    expect(ws.readyState).toBe(WebSocket.CLOSED);
  });

  it('a signed-in tab announcing more attachments than any request has is closed too; one with the contract’s count is answered', async () => {
    world = await startWorld();
    const tab = await world.connectTab();
    expect(await tab.emitWithAck('draft:update', { draftId: randomUUID(), update: new Uint8Array([0, 0]) })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const raw = await RawSocket.connect(world.url, { apiKey: 'sk-test-raw', protocol: limits.protocolVersion });
    raw.sendFrame('4510-["draft:update",{"_placeholder":true,"num":0}]');
    expect(await raw.closed).toBeGreaterThan(0);
  });
});
