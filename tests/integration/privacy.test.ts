import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startInstance } from '../support/instances.ts';
import { logCapture } from '../support/log-capture.ts';
import { createOwnedAssistant, userIdOf } from '../support/owned-assistant.ts';
import { rateLimits } from '../support/rate-limits.ts';
import { connectTab, startWorld, type TestSocket, type TestWorld } from '../support/server.ts';

let world: TestWorld;
afterEach(async () => {
  await world?.close();
});

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

describe('secrets through failures', () => {
  it('keeps keys, prompts and messages out of logs, answers and storage when handlers crash, providers fail and limits refuse', async () => {
    const logs = logCapture();
    world = await startWorld({ logs: logs.stream, config: { rateLimits: rateLimits({ messagesPerUser: { points: 6, windowSec: 60 } }) } });
    const apiKey = `sk-test-${randomUUID()}`;
    const wrongKey = `sk-wrong-${randomUUID()}`;
    const prompt = 'You are Ledger. Internal rule: the vault word is marmalade-ostrich.';
    const message = 'Please remember my passport number X99-4471-QQ';
    const tab = await world.connectTab({ apiKey });
    const answers: unknown[] = [];
    tab.onAny((event, payload) => answers.push([event, payload]));
    const ask = async (event: 'session:send' | 'session:open' | 'session:rate' | 'session:start', payload: object) => {
      const emit = tab.emitWithAck.bind(tab) as (event: string, payload: unknown) => Promise<unknown>;
      const ack = await emit(event, payload);
      answers.push(ack);
      return ack;
    };

    const { userId } = await userIdOf(world, tab);
    const assistant = await createOwnedAssistant(world, userId, 'Ledger', prompt);
    const sessionId = randomUUID();
    const ended = () => new Promise((resolve) => tab.once('session:reply-ended', resolve));
    let done = ended();
    await ask('session:start', { sessionId, assistantId: assistant.id });
    await done;
    for (const directive of ['[[echo-system]]', '[[500]]', '[[stream-error]]', '[[401]]']) {
      done = ended();
      await ask('session:send', { sessionId, clientMessageId: randomUUID(), text: `${message} ${directive}` });
      await done;
    }

    // Handlers that crash on a store failure: the error names what failed, never what was written.
    const { store } = world.app;
    store.updateSession = async (_id, patch) => {
      throw new Error(`write failed: ${JSON.stringify(patch)}`);
    };
    store.listMessages = async () => {
      throw new TypeError(`cannot read messages for ${apiKey.length} reasons`);
    };
    store.listMessagesBefore = store.listMessages;
    expect(await ask('session:rate', { sessionId, rating: 'up' })).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(await ask('session:open', { sessionId })).toMatchObject({ ok: false, error: { code: 'internal' } });
    for (let i = 0; i < 3; i++) await ask('session:send', { sessionId: randomUUID(), clientMessageId: randomUUID(), text: message });
    await ask('session:send', { apiKey, text: message, prompt });
    await expect(world.connectTab({ apiKey: wrongKey })).rejects.toThrow();
    await expect(connectTab(world.url, { apiKey }, { query: { apiKey } })).rejects.toThrow();
    await world.app.close();

    const logText = logs.text();
    expect(logText).toContain('handler failed');
    expect(answers.some((a) => JSON.stringify(a).includes('rate_limited'))).toBe(true);
    const stored = await everyStoredByte(world.dataDir);
    const answered = JSON.stringify(answers);
    for (const secret of [apiKey, wrongKey, prompt, 'marmalade-ostrich', message, 'X99-4471-QQ']) {
      expect(logText).not.toContain(secret);
      expect(stored).not.toContain(secret);
    }
    for (const secret of [apiKey, wrongKey, prompt, 'marmalade-ostrich']) expect(answered).not.toContain(secret);
  });

  it('will not start in production without GPTLAB_SECRET, and says how to make one', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'gptlab-prod-'));
    try {
      const started = startInstance({ GPTLAB_ENV: 'production', GPTLAB_SECRET: '', DATA_DIR: dataDir, LOG_LEVEL: 'error' });
      await expect(started).rejects.toThrow(/GPTLAB_SECRET is required in production.*openssl rand/);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
