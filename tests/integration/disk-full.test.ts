import { execFileSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeProvider } from '../fixtures/fake-provider/server.ts';
import { DisposableFerretDb, hasFerretdbBinary } from '../support/ferretdb-server.ts';
import { startInstance } from '../support/instances.ts';
import { connectTab, type TestSocket } from '../support/server.ts';
import { openSession, ReplyView, startSession } from '../support/session-tab.ts';

const binaryMissing = !hasFerretdbBinary();
if (binaryMissing && process.env.CI === 'true') throw new Error('The FerretDB wrapper is not built, but CI=true: run tests/services/start-ferretdb.sh first.');

let cleanup: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step().catch(() => {});
  cleanup = [];
});

/**
 * Caps how large a file a process may write (the soft RLIMIT_FSIZE, which needs no privilege to
 * raise again): past it the kernel refuses the write with EFBIG, as a full disk refuses it with
 * ENOSPC, and SQLite reports an I/O error.
 */
function limitFileSize(pid: number, bytes: number | 'unlimited'): void {
  execFileSync('prlimit', ['--pid', String(pid), `--fsize=${bytes}:`]);
}

async function largestFile(dir: string): Promise<number> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const sizes = await Promise.all(entries.filter((e) => e.isFile()).map(async (e) => (await stat(path.join(e.parentPath, e.name))).size));
  return Math.max(0, ...sizes);
}

/** Where the data lives and which process writes it, for each kind of store. */
interface StoreUnderTest {
  env: Record<string, string>;
  dataDir: string;
  writerPid(server: { pid: number }): number;
}

async function embeddedStore(): Promise<StoreUnderTest> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'gptlab-full-'));
  cleanup.push(() => rm(dataDir, { recursive: true, force: true }));
  return { env: { DATA_DIR: dataDir, MONGODB_URL: '' }, dataDir, writerPid: (server) => server.pid };
}

async function mongoWireStore(): Promise<StoreUnderTest> {
  const ferret = await DisposableFerretDb.start();
  cleanup.push(() => ferret.kill());
  const dataDir = await mkdtemp(path.join(tmpdir(), 'gptlab-full-'));
  cleanup.push(() => rm(dataDir, { recursive: true, force: true }));
  return { env: { DATA_DIR: dataDir, MONGODB_URL: ferret.url(`gptlab_full_${randomUUID().slice(0, 8)}`) }, dataDir: ferret.dataDir, writerPid: () => ferret.pid };
}

/** A 30,000-character message, numbered so it can be found again. */
const bigMessage = (n: number) => `message ${n} [[tokens:2]] ${'x'.repeat(30_000)}`;

async function send(tab: TestSocket, view: ReplyView, sessionId: string, n: number) {
  const ack = await tab.emitWithAck('session:send', { sessionId, clientMessageId: randomUUID(), text: bigMessage(n) });
  if (ack.ok) await view.whenEnded(ack.replyId);
  return ack;
}

describe.each([
  { name: 'the embedded store', open: embeddedStore, skip: false },
  { name: 'a MongoDB-wire store (FerretDB)', open: mongoWireStore, skip: binaryMissing },
])('the disk full under $name', ({ open, skip }) => {
  it.skipIf(skip)('answers writes with a clear store_unavailable, loses no acknowledged message, and recovers once space is back', async () => {
    const provider = await startFakeProvider({ tokenDelayMs: 1 });
    cleanup.push(() => provider.close());
    const store = await open();
    const instance = await startInstance({
      ...store.env, OPENAI_BASE_URL: provider.url, GPTLAB_SECRET: randomBytes(32).toString('base64'), REDIS_URL: '',
      RATE_MESSAGES_PER_USER_PER_MINUTE: '1000', RATE_MESSAGES_PER_IP_PER_MINUTE: '1000',
    });
    cleanup.push(() => instance.stop('SIGKILL'));
    const tab = await connectTab(instance.url, { apiKey: 'sk-test-full' });
    cleanup.push(async () => tab.disconnect());
    const view = new ReplyView(tab);
    const { sessionId, replyId } = await startSession(tab);
    await view.whenEnded(replyId);

    const writer = store.writerPid({ pid: instance.process.pid ?? 0 });
    limitFileSize(writer, (await largestFile(store.dataDir)) + 1_000_000);
    const acked: number[] = [];
    let refusal: Awaited<ReturnType<typeof send>> | undefined;
    for (let n = 0; n < 200 && !refusal; n++) {
      const ack = await send(tab, view, sessionId, n);
      if (ack.ok) acked.push(n);
      else refusal = ack;
    }
    expect(refusal).toMatchObject({ ok: false, error: { code: 'store_unavailable', message: expect.stringContaining('nothing was changed') } });
    // What follows means something only if the disk filled after some writes were stored.
    expect(acked.length).toBeGreaterThan(3);
    expect(tab.connected).toBe(true);
    // The log line is written asynchronously, maybe after the answer.
    await expect.poll(() => instance.output(), { timeout: 5_000 }).toContain('is the disk full?');
    const refused = acked.length;

    limitFileSize(writer, 'unlimited');
    await expect.poll(async () => (await send(tab, view, sessionId, 1000)).ok, { timeout: 20_000, interval: 500 }).toBe(true);

    const opened = await openSession(tab, sessionId);
    const stored = opened.messages.filter((m) => m.role === 'user').map((m) => Number(/^message (\d+)/.exec(m.text)?.[1]));
    expect(stored.filter((n) => n !== 1000)).toEqual(acked);
    expect(stored.filter((n) => n === 1000)).toHaveLength(1);
    expect(stored).not.toContain(refused);
    expect(opened.messages.filter((m) => m.role === 'user').every((m) => m.text.length > 30_000)).toBe(true);
  }, 120_000);
});
