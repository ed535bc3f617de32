import { randomBytes, randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { draftText, readDraft, writeDraft } from '@gptlab/common/draft-doc';
import { createLogger } from '../../logger.ts';
import { localDraftRelay, type DraftRelay } from '../../realtime/draft-relay.ts';
import type { DraftRecord } from '../../store/records.ts';
import { SqliteStore } from '../../store/sqlite/sqlite-store.ts';
import { emptyDraft } from './defaults.ts';
import { sealUpdate } from './document-store.ts';
import { LiveDrafts, type UpdateBroadcaster } from './live-drafts.ts';

const promptKey = new Uint8Array(randomBytes(32));
const owner = { tabId: 'tab-1', userId: 'owner' };
let store: SqliteStore;

afterEach(async () => {
  await store?.close();
});

function recordingBroadcaster() {
  const sent: Array<{ update: Uint8Array; except: string[] }> = [];
  const broadcaster: UpdateBroadcaster = {
    updated: (_draftId, update, except) => sent.push({ update, except }),
    updatedForTab: () => {},
  };
  return { sent, broadcaster };
}

function liveDrafts(options: { compactAfter?: number } = {}) {
  return new LiveDrafts({ store, promptKey, relay: localDraftRelay, broadcaster: recordingBroadcaster().broadcaster, logger: createLogger('silent'), ...options });
}

async function newDraft(): Promise<DraftRecord> {
  const doc = new Y.Doc();
  writeDraft(doc, { ...emptyDraft('gpt-4o-mini'), prompt: 'Be kind.' });
  const draft: DraftRecord = {
    id: randomUUID(), ownerId: owner.userId, assistantId: null, sealedState: sealUpdate(Y.encodeStateAsUpdate(doc), promptKey),
    editorIds: [], sealedInvite: null, testSessionId: randomUUID(), createdAt: new Date(), updatedAt: new Date(),
  };
  await store.createDraft(draft);
  return draft;
}

/** Two instances' relays, joined as Redis joins them: what one stores, the other hears. */
function relayPair(): [DraftRelay, DraftRelay] {
  const handlers: Array<Array<(draftId: string, update: Uint8Array, exceptTabs: string[]) => void>> = [[], []];
  const relay = (me: 0 | 1): DraftRelay => ({
    ...localDraftRelay,
    stored: (draftId, update, exceptTabs) => handlers[1 - me]?.forEach((handle) => handle(draftId, update, exceptTabs)),
    onStored: (handle) => void handlers[me]?.push(handle),
  });
  return [relay(0), relay(1)];
}

/** A tab's replica: each local edit yields the update it would send. */
async function tabReplica(live: LiveDrafts, draft: DraftRecord, tab = owner) {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(await live.attach(draft, tab.tabId)));
  const edit = (change: (doc: Y.Doc) => void) => {
    const before = Y.encodeStateVector(doc);
    change(doc);
    return Y.encodeStateAsUpdate(doc, before);
  };
  return { doc, edit };
}

describe('live drafts', () => {
  it('reading the draft (to publish it, or for a test message) first stores the edits still queued', async () => {
    store = new SqliteStore(':memory:');
    const draft = await newDraft();
    const live = new LiveDrafts({ store, promptKey, relay: localDraftRelay, broadcaster: recordingBroadcaster().broadcaster, logger: createLogger('silent'), batchMs: 10_000 });
    const tab = await tabReplica(live, draft);
    const stored = live.submit(draft.id, tab.edit((doc) => draftText(doc, 'prompt').insert(0, 'Always ')), owner);
    expect((await live.read(draft)).prompt).toBe('Always Be kind.');
    expect(await stored).toEqual({ ok: true });
  });

  it('an acknowledged edit survives a restart: a new instance reads it from the store', async () => {
    store = new SqliteStore(':memory:');
    const draft = await newDraft();
    const live = liveDrafts();
    const tab = await tabReplica(live, draft);
    const ack = await live.submit(draft.id, tab.edit((doc) => draftText(doc, 'prompt').insert(0, 'Always ')), owner);
    expect(ack).toEqual({ ok: true });
    const restarted = liveDrafts();
    expect(readDraft(await restarted.current(draft)).prompt).toBe('Always Be kind.');
  });

  it('edits arriving within the batch window are stored as one entry, and each is acked after it', async () => {
    store = new SqliteStore(':memory:');
    const draft = await newDraft();
    const live = liveDrafts();
    const tab = await tabReplica(live, draft);
    const acks = await Promise.all(['a', 'b', 'c'].map((letter) => live.submit(draft.id, tab.edit((doc) => draftText(doc, 'name').insert(0, letter)), owner)));
    expect(acks).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
    expect(await store.listDraftUpdates(draft.id)).toHaveLength(1);
    expect(readDraft(await liveDrafts().current(draft)).name).toBe('cba');
  });

  it('sends a stored edit to the other tabs, not back to the tab that made it', async () => {
    store = new SqliteStore(':memory:');
    const draft = await newDraft();
    const { sent, broadcaster } = recordingBroadcaster();
    const live = new LiveDrafts({ store, promptKey, relay: localDraftRelay, broadcaster, logger: createLogger('silent') });
    const tab = await tabReplica(live, draft);
    await live.submit(draft.id, tab.edit((doc) => draftText(doc, 'name').insert(0, 'x')), owner);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.except).toEqual([owner.tabId]);
  });

  it('refuses an edit from a tab that has not joined, a user who is no member, and bytes that are no update', async () => {
    store = new SqliteStore(':memory:');
    const draft = await newDraft();
    const live = liveDrafts();
    const tab = await tabReplica(live, draft);
    const update = tab.edit((doc) => draftText(doc, 'name').insert(0, 'x'));
    expect(await live.submit(draft.id, update, { tabId: 'other-tab', userId: owner.userId })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    await live.attach(draft, 'stranger-tab');
    expect(await live.submit(draft.id, update, { tabId: 'stranger-tab', userId: 'stranger' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await live.submit(draft.id, new Uint8Array([9, 9, 9, 9]), owner)).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    expect(await store.listDraftUpdates(draft.id)).toEqual([]);
  });

  it('compaction merges the log into one entry and keeps the document exactly as it was', async () => {
    store = new SqliteStore(':memory:');
    const draft = await newDraft();
    const live = liveDrafts({ compactAfter: 5 });
    const tab = await tabReplica(live, draft);
    for (let i = 0; i < 12; i++) {
      await live.submit(draft.id, tab.edit((doc) => draftText(doc, 'prompt').insert(i % 3, `<${i}>`)), owner);
      if (i === 6) await live.submit(draft.id, tab.edit((doc) => draftText(doc, 'prompt').delete(0, 3)), owner);
    }
    await expect.poll(async () => (await store.listDraftUpdates(draft.id)).length).toBeLessThan(5);
    expect(readDraft(await liveDrafts().current(draft))).toEqual(readDraft(tab.doc));
  });

  it('two instances writing to one store at once lose none of each other’s edits', async () => {
    store = new SqliteStore(':memory:');
    const draft = await newDraft();
    const [one, two] = [liveDrafts({ compactAfter: 8 }), liveDrafts({ compactAfter: 8 })];
    const tabs = [await tabReplica(one, draft, owner), await tabReplica(two, draft, { tabId: 'tab-2', userId: owner.userId })];
    await Promise.all(
      tabs.map(async (tab, n) => {
        const author = n === 0 ? owner : { tabId: 'tab-2', userId: owner.userId };
        for (let i = 0; i < 30; i++) {
          const ack = await [one, two][n]?.submit(draft.id, tab.edit((doc) => draftText(doc, 'prompt').insert(0, `[${n}:${i}]`)), author);
          expect(ack).toEqual({ ok: true });
        }
      }),
    );
    const merged = readDraft(await liveDrafts().current(draft)).prompt;
    for (let n = 0; n < 2; n++) for (let i = 0; i < 30; i++) expect(merged).toContain(`[${n}:${i}]`);
    expect(readDraft(await one.current(draft)).prompt).toBe(merged);
    expect(readDraft(await two.current(draft)).prompt).toBe(merged);
  });

  it('a tab joining a draft already open here reuses this copy, which edits stored elsewhere have reached, without reading the log again', async () => {
    store = new SqliteStore(':memory:');
    const draft = await newDraft();
    const [hereRelay, thereRelay] = relayPair();
    const { sent, broadcaster } = recordingBroadcaster();
    const here = new LiveDrafts({ store, promptKey, relay: hereRelay, broadcaster, logger: createLogger('silent') });
    const there = new LiveDrafts({ store, promptKey, relay: thereRelay, broadcaster: recordingBroadcaster().broadcaster, logger: createLogger('silent') });
    await tabReplica(here, draft);
    const elsewhere = await tabReplica(there, draft, { tabId: 'tab-2', userId: owner.userId });
    const ack = await there.submit(draft.id, elsewhere.edit((doc) => draftText(doc, 'prompt').insert(0, 'Always ')), { tabId: 'tab-2', userId: owner.userId });
    expect(ack).toEqual({ ok: true });
    // The other instance's one message reached this one's tabs too, except the sender.
    expect(sent).toEqual([{ update: expect.any(Uint8Array), except: ['tab-2'] }]);

    let logReads = 0;
    const listDraftUpdates = store.listDraftUpdates.bind(store);
    store.listDraftUpdates = (draftId) => {
      logReads++;
      return listDraftUpdates(draftId);
    };
    const late = await tabReplica(here, draft, { tabId: 'tab-3', userId: owner.userId });
    expect(draftText(late.doc, 'prompt').toString()).toBe('Always Be kind.');
    expect(logReads).toBe(0);
  });
});
