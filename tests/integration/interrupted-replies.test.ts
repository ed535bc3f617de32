import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { numberedTokens, startFakeProvider } from '../fixtures/fake-provider/server.ts';
import { startInstance, type Instance } from '../support/instances.ts';
import { connectTab, type TestSocket } from '../support/server.ts';
import { serviceUrl } from '../support/services.ts';
import { openSession, ReplyView, sendText, startSession } from '../support/session-tab.ts';

const mongodbUrl = serviceUrl('MONGODB_URL');
const longReply = numberedTokens(2_000).join('');
/** The reply streams at about 100 tokens a second; checkpoints are every second. */
const tokenDelayMs = 10;
/** What a kill may cost at most: the checkpoint period plus slack for a loaded 2-core machine. */
const allowedLossMs = 2_500;

let cleanup: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step().catch(() => {});
  cleanup = [];
});

/** What the tab had received, and when: the text it had `allowedLossMs` before the kill must survive. */
class ReadingLog {
  private readonly samples: Array<{ at: number; length: number }> = [];
  private readonly timer: NodeJS.Timeout;

  constructor(view: ReplyView, replyId: string) {
    this.timer = setInterval(() => this.samples.push({ at: Date.now(), length: view.textOf(replyId).length }), 50);
  }

  /** Stops and returns how much the tab had read `ms` before now. */
  readBefore(ms: number): number {
    clearInterval(this.timer);
    const cutoff = Date.now() - ms;
    return this.samples.filter((s) => s.at <= cutoff).at(-1)?.length ?? 0;
  }
}

async function oneServer(store: 'sqlite' | 'mongo', extraEnv: Record<string, string> = {}) {
  const provider = await startFakeProvider({ tokenDelayMs });
  cleanup.push(() => provider.close());
  const dataDir = await mkdtemp(path.join(tmpdir(), 'gptlab-interrupted-'));
  cleanup.push(() => rm(dataDir, { recursive: true, force: true }));
  const env = {
    OPENAI_BASE_URL: provider.url,
    GPTLAB_SECRET: randomBytes(32).toString('base64'),
    DATA_DIR: dataDir,
    REDIS_URL: '',
    MONGODB_URL: store === 'mongo' ? `${mongodbUrl!.replace(/\/?$/, '/')}gptlab_interrupted_${randomUUID().slice(0, 8)}` : '',
    ...extraEnv,
  };
  const instances: Instance[] = [];
  cleanup.push(async () => Promise.all(instances.map((i) => i.stop('SIGKILL'))));
  const tabs: TestSocket[] = [];
  cleanup.push(async () => tabs.forEach((t) => t.disconnect()));
  return {
    async start() {
      const instance = await startInstance(env);
      instances.push(instance);
      return instance;
    },
    async tab(instance: Instance) {
      const tab = await connectTab(instance.url);
      tabs.push(tab);
      return tab;
    },
  };
}

/** A session whose long reply the tab has been reading for a few seconds. */
async function midLongReply(tab: TestSocket) {
  const view = new ReplyView(tab);
  const { sessionId, replyId: opening } = await startSession(tab);
  await view.whenEnded(opening);
  const { replyId } = await sendText(tab, sessionId, 'Tell me everything [[tokens:2000]]');
  const log = new ReadingLog(view, replyId);
  await expect.poll(() => view.textOf(replyId).length, { timeout: 20_000 }).toBeGreaterThan(longReply.length / 5);
  return { view, sessionId, replyId, log };
}

const stores = mongodbUrl ? (['sqlite', 'mongo'] as const) : (['sqlite'] as const);

describe.each(stores)('a reply cut off by its server (%s store)', (store) => {
  it('kill -9 mid-reply: after a restart the text the tab was reading is there, marked interrupted, and the session carries on', async () => {
    const server = await oneServer(store);
    const first = await server.start();
    const tab = await server.tab(first);
    const { sessionId, replyId, log } = await midLongReply(tab);

    await first.stop('SIGKILL');
    const mustSurvive = log.readBefore(allowedLossMs);
    expect(mustSurvive).toBeGreaterThan(0);

    const second = await server.start();
    const back = await server.tab(second);
    const view = new ReplyView(back);
    const opened = await openSession(back, sessionId, view);
    expect(opened.inFlight).toBeNull();
    const kept = opened.messages.find((m) => m.id === replyId);
    expect(kept).toMatchObject({ role: 'assistant', status: 'interrupted' });
    expect(longReply.startsWith(kept!.text)).toBe(true);
    expect(kept!.text.length).toBeGreaterThanOrEqual(mustSurvive);

    const next = await sendText(back, sessionId, 'Once more, shorter [[tokens:20]]');
    expect(await view.whenEnded(next.replyId)).toMatchObject({ status: 'complete' });
    const reopened = await openSession(back, sessionId);
    expect(reopened.messages.map((m) => m.id)).toEqual(opened.messages.map((m) => m.id).concat(next.messageId, next.replyId));
  }, 60_000);

  it('a graceful restart that outlasts its grace stores the reply as interrupted with all it sent, never as stopped by the user', async () => {
    const server = await oneServer(store, { SHUTDOWN_GRACE_MS: '300' });
    const first = await server.start();
    const tab = await server.tab(first);
    const { view, sessionId, replyId } = await midLongReply(tab);

    const exited = first.stop('SIGTERM');
    const ended = await view.whenEnded(replyId);
    expect(ended).toMatchObject({ status: 'interrupted', error: { code: 'reply_interrupted' } });
    const seen = view.textOf(replyId);
    expect(await exited).toBe(0);

    const second = await server.start();
    const opened = await openSession(await server.tab(second), sessionId);
    expect(opened.messages.find((m) => m.id === replyId)).toMatchObject({ status: 'interrupted', text: seen });
  }, 60_000);
});
