import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { DisposableFerretDb, hasFerretdbBinary } from '../support/ferretdb-server.ts';
import { startWorld, type TestWorld } from '../support/server.ts';
import { openSession, ReplyView, startSession } from '../support/session-tab.ts';

const binaryMissing = !hasFerretdbBinary();
if (binaryMissing && process.env.CI === 'true') throw new Error('The FerretDB wrapper is not built, but CI=true: run tests/services/start-ferretdb.sh first.');

let world: TestWorld | undefined;
let ferret: DisposableFerretDb | undefined;
afterEach(async () => {
  await world?.close();
  await ferret?.kill();
});

describe.skipIf(binaryMissing)('the store unavailable for a few seconds', () => {
  it('answers with a clear error, writes nothing twice, and recovers without a restart', async () => {
    ferret = await DisposableFerretDb.start();
    world = await startWorld({ config: { mongodbUrl: ferret.url(`gptlab_outage_${randomUUID().slice(0, 8)}`) } });
    const tab = await world.connectTab();
    const view = new ReplyView(tab);
    const { sessionId, replyId } = await startSession(tab);
    await view.whenEnded(replyId);

    await ferret.kill();
    const message = { sessionId, clientMessageId: randomUUID(), text: 'Sent during the outage' };
    const refused = await tab.emitWithAck('session:send', message);
    expect(refused).toMatchObject({ ok: false, error: { code: 'store_unavailable', message: expect.stringContaining('Try again') } });
    expect(tab.connected).toBe(true);

    await ferret.restart();
    await expect.poll(async () => (await tab.emitWithAck('session:send', message)).ok, { timeout: 20_000, interval: 500 }).toBe(true);
    const accepted = await tab.emitWithAck('session:send', message);
    if (!accepted.ok) throw new Error(accepted.error.message);
    await view.whenEnded(accepted.replyId);
    const opened = await openSession(tab, sessionId);
    expect(opened.messages.filter((m) => m.text === 'Sent during the outage')).toHaveLength(1);
    expect(opened.messages.filter((m) => m.id === accepted.replyId)).toHaveLength(1);
  });
});
