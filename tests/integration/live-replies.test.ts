import { afterEach, describe, expect, it } from 'vitest';
import { io as connect } from 'socket.io-client';
import { limits } from '@gptlab/common';
import { numberedTokens } from '../fixtures/fake-provider/server.ts';

const tokens = (n: number) => numberedTokens(n).join('');
import { startWorld, type TestSocket, type TestWorld } from '../support/server.ts';
import { openSession, ReplyView, sendText, startSession } from '../support/session-tab.ts';

let world: TestWorld;
afterEach(async () => {
  await world?.close();
});

async function readySession(tab: TestSocket) {
  const view = new ReplyView(tab);
  const { sessionId, replyId } = await startSession(tab);
  await view.whenEnded(replyId);
  return { sessionId, view };
}

describe('live replies', () => {
  it('a tab opened mid-reply shows the text so far at once and continues with no gap and no repeat', async () => {
    world = await startWorld({ provider: { tokenDelayMs: 10 } });
    const writer = await world.connectTab();
    const { sessionId, view } = await readySession(writer);
    const { replyId } = await sendText(writer, sessionId, 'Long one [[tokens:150]]');
    await expect.poll(() => view.textOf(replyId).length).toBeGreaterThan(100);

    const late = await world.connectTab();
    const lateView = new ReplyView(late);
    const opened = await openSession(late, sessionId, lateView);
    expect(opened.inFlight).toMatchObject({ replyId, kind: 'reply' });
    expect(opened.inFlight?.text.length).toBeGreaterThan(0);

    await lateView.whenEnded(replyId);
    expect(lateView.textOf(replyId)).toBe(tokens(150));
  });

  it('a tab that was offline for a whole reply shows it complete after reconnecting', async () => {
    world = await startWorld();
    const writer = await world.connectTab();
    const { sessionId, view } = await readySession(writer);
    const away = await world.connectTab();
    await openSession(away, sessionId);
    away.disconnect();
    const { replyId } = await sendText(writer, sessionId, 'While you were away [[tokens:40]]');
    await view.whenEnded(replyId);
    const back = await world.connectTab();
    const opened = await openSession(back, sessionId);
    expect(opened.inFlight).toBeNull();
    expect(opened.messages.at(-1)).toMatchObject({ id: replyId, text: tokens(40), status: 'complete' });
  });

  it('a tab whose connection drops every few hundred milliseconds still gets every token exactly once, in order', async () => {
    world = await startWorld({ provider: { tokenDelayMs: 8 } });
    const writer = await world.connectTab();
    const { sessionId, view: writerView } = await readySession(writer);

    const flaky: TestSocket = connect(world.url, {
      transports: ['websocket'],
      auth: { apiKey: 'sk-test-alice', protocol: limits.protocolVersion },
      forceNew: true,
      reconnectionDelay: 20,
      reconnectionDelayMax: 50,
    });
    const flakyView = new ReplyView(flaky);
    let reconnects = 0;
    // On every (re)connect the tab reopens the session, as the web client does.
    flaky.on('connect', () => {
      reconnects++;
      void openSession(flaky, sessionId, flakyView);
    });
    await new Promise<void>((resolve) => flaky.once('connect', () => resolve()));
    await expect.poll(() => flakyView.texts.size).toBeGreaterThan(0);

    const { replyId } = await sendText(writer, sessionId, 'Through the storm [[tokens:400]]');
    // Drop the connection every 300 ms through most of the reply, then let it finish live.
    const dropper = setInterval(() => flaky.io.engine?.close(), 300);
    await expect.poll(() => writerView.textOf(replyId).length, { timeout: 10_000 }).toBeGreaterThan(tokens(300).length);
    clearInterval(dropper);
    await flakyView.whenEnded(replyId);

    expect(reconnects).toBeGreaterThan(3);
    expect(flakyView.textOf(replyId)).toBe(tokens(400));
    flaky.disconnect();
  });

  it('any tab can stop a reply: upstream is cancelled, the partial reply is kept and marked stopped everywhere', async () => {
    world = await startWorld({ provider: { tokenDelayMs: 20 } });
    const writer = await world.connectTab();
    const { sessionId, view } = await readySession(writer);
    const other = await world.connectTab();
    const otherView = new ReplyView(other);
    await openSession(other, sessionId, otherView);
    const { replyId } = await sendText(writer, sessionId, 'Go on forever [[tokens:500]]');
    await expect.poll(() => otherView.textOf(replyId).length).toBeGreaterThan(20);

    expect(await other.emitWithAck('session:stop', { sessionId })).toEqual({ ok: true, stopped: true });
    expect(await view.whenEnded(replyId)).toMatchObject({ status: 'stopped' });
    expect(await otherView.whenEnded(replyId)).toMatchObject({ status: 'stopped' });
    await world.provider.waitForRequest((r) => r.aborted);

    const stored = (await openSession(writer, sessionId)).messages.at(-1);
    expect(stored).toMatchObject({ id: replyId, status: 'stopped' });
    expect(stored?.text).toBe(view.textOf(replyId));
    expect(stored?.text.length).toBeLessThan(tokens(500).length);
    expect((await sendText(writer, sessionId, 'Next question')).replyId).toBeTruthy();
  });

  it('one reply at a time: a second message while a reply streams is refused with a clear message', async () => {
    world = await startWorld({ provider: { tokenDelayMs: 20 } });
    const tab = await world.connectTab();
    const other = await world.connectTab();
    const { sessionId, view } = await readySession(tab);
    await openSession(other, sessionId);
    const { replyId } = await sendText(tab, sessionId, 'Slow [[tokens:40]]');
    const refused = await other.emitWithAck('session:send', { sessionId, clientMessageId: crypto.randomUUID(), text: 'Me too' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'busy', message: expect.stringContaining('still being written') } });
    expect(await view.whenEnded(replyId)).toMatchObject({ status: 'complete' });
    expect((await openSession(tab, sessionId)).messages.map((m) => m.text)).not.toContain('Me too');
  });
});
