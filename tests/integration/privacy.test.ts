import { randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { startWorld, type TestSocket, type TestWorld } from '../support/server.ts';

let world: TestWorld;
afterEach(async () => {
  await world?.close();
});

/** Captures every log line the server writes, at debug level. */
function logCapture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, stream };
}

async function everyStoredByte(dataDir: string): Promise<string> {
  const files = await readdir(dataDir, { recursive: true });
  const contents = await Promise.all(files.map((file) => readFile(path.join(dataDir, file)).catch(() => Buffer.alloc(0))));
  return Buffer.concat(contents).toString('latin1');
}

async function chat(tab: TestSocket, sessionId: string, text: string): Promise<void> {
  const ended = new Promise((resolve) => tab.once('session:reply-ended', resolve));
  await tab.emitWithAck('session:send', { sessionId, clientMessageId: randomUUID(), text });
  await ended;
}

describe('what the server keeps', () => {
  it('never writes the API key or a message in clear to the store or the logs, even through errors', async () => {
    const logs = logCapture();
    world = await startWorld({ logs: logs.stream });
    const apiKey = `sk-test-${randomUUID()}`;
    const tab = await world.connectTab({ apiKey });
    const sessionId = randomUUID();
    await chat(tab, sessionId, 'My bank PIN is 4921-zebra');
    await chat(tab, sessionId, 'And now fail please [[500]]');
    await chat(tab, sessionId, 'And cut off [[disconnect]]');
    await expect(world.connectTab({ apiKey: 'sk-wrong-but-secret-key' })).rejects.toThrow();
    // @ts-expect-error a malformed payload on purpose
    await tab.emitWithAck('session:send', { apiKey, text: 42 });
    await world.app.close();

    const stored = await everyStoredByte(world.dataDir);
    expect(stored.length).toBeGreaterThan(0);
    const logText = logs.lines.join('');
    expect(logs.lines.length).toBeGreaterThan(0);
    for (const secret of [apiKey, 'sk-wrong-but-secret-key', '4921-zebra', 'My bank PIN']) {
      expect(stored).not.toContain(secret);
      expect(logText).not.toContain(secret);
    }
  });

  it('stores each message sealed, so the raw records hold no plaintext', async () => {
    world = await startWorld();
    const tab = await world.connectTab({ apiKey: 'sk-test-alice' });
    const sessionId = randomUUID();
    await chat(tab, sessionId, 'Remember the word pelican');
    const records = await world.app.store.listMessages(sessionId);
    expect(records.map((r) => r.role)).toEqual(['user', 'assistant']);
    for (const record of records) expect(record.sealedText).toMatch(/^v1\./);
    expect(records.map((r) => r.sealedText).join('')).not.toContain('pelican');
  });
});
