import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { draftText } from '../draft-doc.ts';
import { limits } from '../limits.ts';
import type { JoinedDraft } from '../schemas/draft.ts';
import { writeAwarenessUpdate } from './awareness-wire.ts';
import { DraftSync, type DraftLink } from './draft-sync.ts';

const draftId = '3f8fad5b-d9cb-469f-a165-70867728950e';
const you = { tabId: 'tab-me', memberId: '0123456789abcdef', role: 'owner' as const, label: 'Owner', colour: '#e8590c' };
const editor = { tabId: 'tab-bob', memberId: 'fedcba9876543210', role: 'editor' as const, label: 'Editor 1', colour: '#1c7ed6', cursor: { field: 'name' as const } };

/** A server that answers the join with `seed`, stores updates (or refuses them while `refusing`), and records every awareness signal. */
function fakeServer(seed: Y.Doc) {
  const sent: Uint8Array[] = [];
  const signals: Uint8Array[] = [];
  let refusing = false;
  let beforeJoinAck: () => void = () => {};
  const link: DraftLink = {
    connected: true,
    async request(event, payload) {
      if (event === 'draft:join') {
        beforeJoinAck();
        const joined: Partial<JoinedDraft> = { you, update: Y.encodeStateAsUpdate(seed), stateVector: Y.encodeStateVector(seed), awareness: writeAwarenessUpdate([]) };
        return { ok: true, ...joined } as never;
      }
      if (event === 'draft:update') {
        if (refusing) return { ok: false, error: { code: 'store_unavailable', message: 'Saving is unavailable for a moment.' } } as never;
        sent.push((payload as { update: Uint8Array }).update);
        return { ok: true } as never;
      }
      return { ok: false, error: { code: 'internal', message: 'not in this test' } } as never;
    },
    signal: (_event, payload) => void signals.push(payload.update as Uint8Array),
  };
  return { link, sent, signals, refuse: (on: boolean) => (refusing = on), onJoin: (run: () => void) => (beforeJoinAck = run) };
}

let sync: DraftSync | undefined;
afterEach(() => {
  sync?.destroy();
  vi.useRealTimers();
});

describe('a tab’s draft sync', () => {
  it('coalesces a burst of keystrokes into one stored update that holds all of them', async () => {
    vi.useFakeTimers();
    const server = fakeServer(new Y.Doc());
    sync = new DraftSync(draftId, server.link);
    await sync.join();
    for (const letter of 'hello') draftText(sync.doc, 'prompt').insert(draftText(sync.doc, 'prompt').length, letter);
    await vi.advanceTimersByTimeAsync(limits.draft.sendIntervalMs);
    expect(server.sent).toHaveLength(1);
    const stored = new Y.Doc();
    Y.applyUpdate(stored, server.sent[0]!);
    expect(draftText(stored, 'prompt').toString()).toBe('hello');
  });

  it('keeps a refused edit and sends it again until it is stored, telling why meanwhile', async () => {
    vi.useFakeTimers();
    const server = fakeServer(new Y.Doc());
    const problems: Array<string | null> = [];
    sync = new DraftSync(draftId, server.link, { saveProblem: (error) => problems.push(error?.code ?? null) });
    await sync.join();
    server.refuse(true);
    draftText(sync.doc, 'name').insert(0, 'Tutor');
    await vi.advanceTimersByTimeAsync(limits.draft.sendIntervalMs);
    server.refuse(false);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(problems).toEqual(['store_unavailable', null]);
    const stored = new Y.Doc();
    for (const update of server.sent) Y.applyUpdate(stored, update);
    expect(draftText(stored, 'name').toString()).toBe('Tutor');
  });

  it('sends cursor moves at most once per interval, the latest one last', async () => {
    vi.useFakeTimers();
    const server = fakeServer(new Y.Doc());
    sync = new DraftSync(draftId, server.link);
    await sync.join();
    const afterJoin = server.signals.length;
    for (let i = 0; i < 20; i++) sync.setCursor({ field: 'prompt', anchor: 0, head: 0 });
    sync.setCursor({ field: 'tagline', anchor: 0, head: 0 });
    await vi.advanceTimersByTimeAsync(limits.draft.awarenessIntervalMs);
    expect(server.signals.length - afterJoin).toBe(1);
    expect(new TextDecoder().decode(server.signals.at(-1))).toContain('tagline');
  });

  it('shows a co-editor whose awareness arrives before the join’s own answer', async () => {
    const server = fakeServer(new Y.Doc());
    const seen: string[][] = [];
    sync = new DraftSync(draftId, server.link, { presenceChanged: (presence) => seen.push(presence.map((p) => p.label)) });
    server.onJoin(() => sync!.receiveAwareness({ draftId, update: writeAwarenessUpdate([{ clientId: 42, clock: 3, state: editor }]) }));
    await sync.join();
    expect(sync.presence().map((p) => p.label)).toEqual(['Owner', 'Editor 1']);
    expect(sync.presence()[1]?.cursor).toEqual({ field: 'name' });
  });

  it('ignores a co-editor state that does not read as one (it is never shown)', async () => {
    const server = fakeServer(new Y.Doc());
    sync = new DraftSync(draftId, server.link);
    await sync.join();
    sync.receiveAwareness({ draftId, update: writeAwarenessUpdate([{ clientId: 43, clock: 1, state: { label: 'Owner' } }]) });
    sync.receiveAwareness({ draftId, update: new Uint8Array([9, 9]) });
    expect(sync.presence().map((p) => p.label)).toEqual(['Owner']);
  });
});
