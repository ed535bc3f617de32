import { afterEach, describe, expect, it } from 'vitest';
import { placeSelection } from '@gptlab/common/protocol';
import { DraftTab, shareWith, sleep } from '../support/draft-tab.ts';
import { startWorld, type TestWorld } from '../support/server.ts';

let world: TestWorld;
afterEach(async () => {
  await world?.close();
});

const people = ['sk-test-alice', 'sk-test-bob', 'sk-test-carol', 'sk-test-dave', 'sk-test-erin'];

/** The owner's tab first, then one tab per invited co-editor, all joined to one new draft. */
async function coEditors(count: number): Promise<DraftTab[]> {
  const owner = await world.connectTab({ apiKey: people[0] });
  const first = await DraftTab.create(owner);
  const tabs = [first];
  for (const apiKey of people.slice(1, count)) {
    const socket = await world.connectTab({ apiKey });
    await shareWith(owner, first.draftId, socket);
    tabs.push(await DraftTab.open(socket, first.draftId));
  }
  return tabs;
}

async function converged(tabs: DraftTab[], field: Parameters<DraftTab['text']>[0] = 'prompt'): Promise<string> {
  await Promise.all(tabs.map((tab) => tab.settled()));
  await expect.poll(() => new Set(tabs.map((tab) => tab.text(field).toString())).size, { timeout: 10_000 }).toBe(1);
  return tabs[0]?.text(field).toString() ?? '';
}

/** Where `tab` shows the co-editor tab `of`'s selection in its own copy of the text. */
const placed = (tab: DraftTab, of: string) => {
  const cursor = tab.presence.get(of)?.cursor;
  return cursor ? placeSelection(tab.doc, cursor) : null;
};

const randomInt = (below: number) => Math.floor(Math.random() * below);

/** A random place between two whole insertions (each starts with `opener`), so every one stays checkable. */
function randomBoundary(text: string, opener: string): number {
  const boundaries = [text.length];
  for (let i = text.indexOf(opener); i !== -1; i = text.indexOf(opener, i + 1)) boundaries.push(i);
  return boundaries[randomInt(boundaries.length)] ?? 0;
}

describe('co-editing a draft', () => {
  it('five people typing into the same prompt at once end with the same text, holding every keystroke', async () => {
    world = await startWorld();
    const tabs = await coEditors(5);
    await Promise.all(
      tabs.map(async (tab, n) => {
        for (let i = 0; i < 30; i++) {
          const text = tab.text('prompt');
          text.insert(randomBoundary(text.toString(), '['), `[${n}:${i}]`);
          await sleep(randomInt(15));
        }
      }),
    );
    const merged = await converged(tabs);
    for (let n = 0; n < 5; n++) for (let i = 0; i < 30; i++) expect(merged).toContain(`[${n}:${i}]`);
    expect(merged).toHaveLength(tabs.reduce((sum, _tab, n) => sum + Array.from({ length: 30 }, (_, i) => `[${n}:${i}]`.length).reduce((a, b) => a + b, 0), 0));
    const late = await DraftTab.open(await world.connectTab({ apiKey: people[0] }), tabs[0]!.draftId);
    expect(late.text('prompt').toString()).toBe(merged);
  });

  it('a 50 KB prompt co-edited by five clients converges to the identical text on all of them', async () => {
    world = await startWorld();
    const tabs = await coEditors(5);
    const chunk = (n: number, i: number) => `<${n}.${String(i).padStart(2, '0')}>`.padEnd(500, String.fromCharCode(97 + n));
    await Promise.all(
      tabs.map(async (tab, n) => {
        for (let i = 0; i < 20; i++) {
          const text = tab.text('prompt');
          text.insert(randomBoundary(text.toString(), '<'), chunk(n, i));
          await sleep(randomInt(20));
        }
      }),
    );
    const merged = await converged(tabs);
    expect(merged).toHaveLength(50_000);
    for (let n = 0; n < 5; n++) for (let i = 0; i < 20; i++) expect(merged).toContain(chunk(n, i));
    const late = await DraftTab.open(await world.connectTab({ apiKey: people[2] }), tabs[0]!.draftId);
    expect(late.text('prompt').toString()).toBe(merged);
  });

  it('a tab that edited offline merges its changes when it reconnects, losing nobody’s', async () => {
    world = await startWorld();
    const [alice, bob] = await coEditors(2);
    alice!.text('prompt').insert(0, 'You are a tutor.');
    await converged([alice!, bob!]);

    bob!.offline = true;
    bob!.socket.disconnect();
    bob!.text('prompt').insert(0, 'Offline: ');
    bob!.text('name').insert(0, 'Named offline');
    alice!.text('prompt').insert(alice!.text('prompt').length, ' Online edit.');
    await alice!.settled();

    await bob!.reconnect(await world.connectTab({ apiKey: people[1] }));
    const prompt = await converged([alice!, bob!]);
    expect(prompt).toBe('Offline: You are a tutor. Online edit.');
    expect(await converged([alice!, bob!], 'name')).toBe('Named offline');
  });

  it('every acknowledged edit survives a server restart, the compacted log included', async () => {
    world = await startWorld();
    const [alice] = await coEditors(1);
    // One stored entry per edit (within the tab's request rate), so the log passes the compaction threshold.
    for (let i = 0; i < 100; i++) {
      alice!.text('prompt').insert(alice!.text('prompt').length, `${i} `);
      await alice!.settled();
    }
    alice!.text('name').insert(0, 'Durable');
    await alice!.settled();
    const before = alice!.text('prompt').toString();
    await expect.poll(async () => (await world.app.store.listDraftUpdates(alice!.draftId)).length).toBeLessThan(64);

    await world.restartServer();
    const reopened = await DraftTab.open(await world.connectTab({ apiKey: people[0] }), alice!.draftId);
    expect(reopened.text('prompt').toString()).toBe(before);
    expect(reopened.text('name').toString()).toBe('Durable');
    const listed = await reopened.socket.emitWithAck('draft:list', {});
    expect(listed.ok && listed.drafts.map((d) => [d.id, d.name, d.role])).toEqual([[alice!.draftId, 'Durable', 'owner']]);
  });

  it('co-editors see who is here and where their cursor is, and a closed tab leaves the list', async () => {
    world = await startWorld();
    const [alice, bob] = await coEditors(2);
    const bobTab = bob!.joined!.you.tabId;
    await expect.poll(() => [...alice!.presence.values()].map((p) => p.label).toSorted()).toEqual(['Editor 1', 'Owner']);
    alice!.text('prompt').insert(0, 'You are a patient tutor.');
    await converged([alice!, bob!]);
    bob!.setCursor({ field: 'prompt', anchor: 12, head: 23 });
    await expect.poll(() => placed(alice!, bobTab)).toEqual({ anchor: 12, head: 23 });
    expect(alice!.presence.get(bobTab)).toMatchObject({ label: 'Editor 1', role: 'editor', colour: expect.stringMatching(/^#[0-9a-f]{6}$/) });
    bob!.socket.disconnect();
    await expect.poll(() => alice!.presence.has(bobTab)).toBe(false);
  });
});

describe('crafted updates', () => {
  it('a 7-byte update declaring 30 million structs is refused as not an update, and the draft keeps working', async () => {
    world = await startWorld();
    const [owner] = await coEditors(1);
    // [1 client, 30,000,000 structs (varint), client 1, clock 0]: Yjs would size an array by the count.
    const bomb = new Uint8Array([1, 0x80, 0x87, 0xa7, 0x0e, 1, 0]);
    for (let i = 0; i < 5; i++) {
      expect(await owner!.socket.emitWithAck('draft:update', { draftId: owner!.draftId, update: bomb })).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    }
    owner!.text('prompt').insert(0, 'Still editable.');
    await owner!.settled();
    const reopened = await DraftTab.open(await world.connectTab({ apiKey: people[0] }), owner!.draftId);
    expect(reopened.text('prompt').toString()).toBe('Still editable.');
  });
});
