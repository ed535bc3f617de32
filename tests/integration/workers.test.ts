import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { numberedTokens, startFakeProvider } from '../fixtures/fake-provider/server.ts';
import { startInstance, type Instance } from '../support/instances.ts';
import { connectTab, type TestSocket } from '../support/server.ts';
import { serviceUrl } from '../support/services.ts';
import { openSession, ReplyView, sendText, startSession } from '../support/session-tab.ts';

const redisUrl = serviceUrl('REDIS_URL');

let cleanup: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step().catch(() => {});
  cleanup = [];
});

/** The worker processes the primary has forked, as the operating system lists them. */
function workersOf(instance: Instance): number[] {
  const pid = instance.process.pid!;
  return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
}

async function startWorkers(count: number) {
  const provider = await startFakeProvider({ tokenDelayMs: 10 });
  cleanup.push(() => provider.close());
  const dataDir = await mkdtemp(path.join(tmpdir(), 'gptlab-workers-'));
  cleanup.push(() => rm(dataDir, { recursive: true, force: true }));
  const server = await startInstance({
    WORKERS: String(count),
    REDIS_URL: redisUrl!,
    OPENAI_BASE_URL: provider.url,
    GPTLAB_SECRET: randomBytes(32).toString('base64'),
    DATA_DIR: dataDir,
    MONGODB_URL: '',
    SHUTDOWN_GRACE_MS: '1000',
    LOG_LEVEL: 'error',
  });
  cleanup.push(() => server.stop('SIGKILL'));
  const tabs: TestSocket[] = [];
  cleanup.push(async () => tabs.forEach((tab) => tab.disconnect()));
  return {
    server,
    async tab() {
      const tab = await connectTab(server.url);
      tabs.push(tab);
      return tab;
    },
  };
}

describe.skipIf(!redisUrl)('WORKERS: several server processes on one port', () => {
  it('spreads the tabs of one session over the workers, streams the reply to all, and replaces a worker that dies', async () => {
    const { server, tab } = await startWorkers(2);
    expect(workersOf(server)).toHaveLength(2);
    const tabs = [await tab(), await tab(), await tab(), await tab()];
    const views = tabs.map((t) => new ReplyView(t));
    const { sessionId, replyId: opening } = await startSession(tabs[0]!);
    await views[0]!.whenEnded(opening);
    for (const [i, reader] of tabs.entries()) if (i > 0) await openSession(reader, sessionId, views[i]);

    const { replyId } = await sendText(tabs[0]!, sessionId, 'Hello, everyone [[tokens:40]]');
    for (const view of views) await view.whenEnded(replyId);
    for (const view of views) expect(view.textOf(replyId)).toBe(numberedTokens(40).join(''));

    // Killing one worker cuts the tabs it held and only those: the tabs were on both.
    const [doomed, survivor] = workersOf(server);
    const lost = tabs.map((t) => new Promise<boolean>((resolve) => {
      t.once('disconnect', () => resolve(true));
      setTimeout(() => resolve(false), 3_000);
    }));
    process.kill(doomed!, 'SIGKILL');
    const cut = (await Promise.all(lost)).filter(Boolean).length;
    expect(cut).toBeGreaterThan(0);
    expect(cut).toBeLessThan(tabs.length);
    await expect.poll(() => workersOf(server), { timeout: 15_000 }).toHaveLength(2);
    expect(workersOf(server)).toContain(survivor);
    const after = await tab();
    expect((await openSession(after, sessionId)).messages.at(-1)?.text).toBe(numberedTokens(40).join(''));
  });

  it('stops every worker and exits cleanly on SIGTERM', async () => {
    const { server } = await startWorkers(2);
    const workers = workersOf(server);
    expect(await server.stop('SIGTERM')).toBe(0);
    for (const pid of workers) expect(() => process.kill(pid, 0)).toThrow();
  });
});
