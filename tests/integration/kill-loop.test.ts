import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeProvider } from '../fixtures/fake-provider/server.ts';
import { startInstance, type Instance } from '../support/instances.ts';
import { connectTab, type TestSocket } from '../support/server.ts';
import { openSession, ReplyView, startSession } from '../support/session-tab.ts';

let cleanup: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step().catch(() => {});
  cleanup = [];
});

const writers = 4;
const rounds = 5;

/** Sends numbered messages until the connection dies; returns the numbers the server acknowledged. */
async function sendUntilKilled(tab: TestSocket, sessionId: string, prefix: string, from: number): Promise<number[]> {
  const acked: number[] = [];
  for (let n = from; tab.connected; n++) {
    const ack = await tab.timeout(2_000).emitWithAck('session:send', { sessionId, clientMessageId: randomUUID(), text: `${prefix} ${n} [[delay:1]]` }).catch(() => null);
    if (ack?.ok) acked.push(n);
    // A refusal (a reply still streaming) is fine: the message was not stored, and not acknowledged.
  }
  return acked;
}

describe('the process killed at random points while sessions write', () => {
  it('keeps every acknowledged message exactly once, decryptable and in order', async () => {
    const provider = await startFakeProvider({ tokenDelayMs: 1 });
    cleanup.push(() => provider.close());
    const dataDir = await mkdtemp(path.join(tmpdir(), 'gptlab-kill-'));
    cleanup.push(() => rm(dataDir, { recursive: true, force: true }));
    const env = { OPENAI_BASE_URL: provider.url, GPTLAB_SECRET: randomBytes(32).toString('base64'), DATA_DIR: dataDir, REDIS_URL: '', MONGODB_URL: '' };

    let instance: Instance = await startInstance(env);
    const sessions: string[] = [];
    // One user per writer, so per-user message limits do not throttle the writers.
    const keys = Array.from({ length: writers }, (_, w) => `sk-test-killer-${w}`);
    for (let w = 0; w < writers; w++) {
      const setup = await connectTab(instance.url, { apiKey: keys[w]! });
      const view = new ReplyView(setup);
      const { sessionId, replyId } = await startSession(setup);
      await view.whenEnded(replyId);
      sessions.push(sessionId);
      setup.disconnect();
    }

    const acknowledged = sessions.map(() => [] as number[]);
    for (let round = 0; round < rounds; round++) {
      const tabs = await Promise.all(sessions.map((_, w) => connectTab(instance.url, { apiKey: keys[w]! })));
      const writing = tabs.map((tab, w) => sendUntilKilled(tab, sessions[w]!, `writer${w}`, round * 1000));
      await new Promise((resolve) => setTimeout(resolve, 200 + Math.random() * 600));
      await instance.stop('SIGKILL');
      (await Promise.all(writing)).forEach((acked, w) => acknowledged[w]!.push(...acked));
      tabs.forEach((tab) => tab.disconnect());
      instance = await startInstance(env);
    }
    cleanup.push(() => instance.stop('SIGKILL'));

    for (let w = 0; w < writers; w++) {
      const reader = await connectTab(instance.url, { apiKey: keys[w]! });
      cleanup.push(async () => reader.disconnect());
      const opened = await openSession(reader, sessions[w]!);
      const stored = opened.messages.filter((m) => m.role === 'user').map((m) => Number(/writer\d+ (\d+)/.exec(m.text)?.[1]));
      for (const n of acknowledged[w]!) expect(stored.filter((s) => s === n)).toHaveLength(1);
      expect(stored).toEqual([...stored].sort((a, b) => a - b));
    }
    // The check above means something only if writes were acknowledged before the kills.
    for (const acked of acknowledged) expect(acked.length).toBeGreaterThan(0);
  }, 120_000);
});
