import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { limits, toBytes, type DraftAwarenessChanged } from '@gptlab/common';
import { placeSelection, readAwarenessUpdate, writeAwarenessUpdate } from '@gptlab/common/protocol';
import { DraftTab, shareWith } from '../support/draft-tab.ts';
import { startWorld, type TestSocket, type TestWorld } from '../support/server.ts';

let world: TestWorld;
afterEach(async () => {
  await world?.close();
});

/** An owner and an invited editor, both in the draft. */
async function ownerAndEditor() {
  const ownerSocket = await world.connectTab({ apiKey: 'sk-test-alice' });
  const owner = await DraftTab.create(ownerSocket);
  const editorSocket = await world.connectTab({ apiKey: 'sk-test-bob' });
  await shareWith(ownerSocket, owner.draftId, editorSocket);
  const editor = await DraftTab.open(editorSocket, owner.draftId);
  await expect.poll(() => owner.presence.has(editor.joined!.you.tabId)).toBe(true);
  return { owner, editor };
}

/** Every awareness entry a socket receives, as the y-protocols bytes read them. */
function awarenessSeenBy(socket: TestSocket) {
  const seen: Array<{ clientId: number; state: unknown }> = [];
  socket.on('draft:awareness', (event: DraftAwarenessChanged) => {
    for (const entry of readAwarenessUpdate(toBytes(event.update), 100) ?? []) seen.push({ clientId: entry.clientId, state: JSON.parse(entry.stateJson) });
  });
  return seen;
}

/** An awareness update as y-protocols writes one for a tab whose doc is `doc`. */
function awarenessOf(doc: Y.Doc, state: Record<string, unknown> | null) {
  const awareness = new Awareness(doc);
  awareness.setLocalState(state);
  const update = encodeAwarenessUpdate(awareness, [doc.clientID]);
  awareness.destroy();
  return update;
}

/** Resolves once `tab` has received this many stored edits from co-editors. */
function updatesReceived(tab: DraftTab, count: number) {
  let received = 0;
  return new Promise<void>((resolve) => tab.socket.on('draft:updated', () => ++received >= count && resolve()));
}

describe('Lab awareness over raw sockets', () => {
  it('a co-editor’s selection reaches the others as relative positions, with who they are stamped on by the server', async () => {
    world = await startWorld();
    const { owner, editor } = await ownerAndEditor();
    owner.text('prompt').insert(0, 'You are a patient tutor.');
    await owner.settled();
    await expect.poll(() => editor.text('prompt').toString()).toBe('You are a patient tutor.');
    editor.setCursor({ field: 'prompt', anchor: 10, head: 17 });
    const editorTab = editor.joined!.you.tabId;
    const selected = () => {
      const cursor = owner.presence.get(editorTab)?.cursor;
      const placed = cursor && placeSelection(owner.doc, cursor);
      return placed ? owner.text('prompt').toString().slice(placed.anchor, placed.head) : null;
    };
    await expect.poll(selected).toBe('patient');
    owner.text('prompt').insert(0, 'Hello. ');
    expect(selected()).toBe('patient');
    expect(owner.presence.get(editorTab)).toMatchObject({ label: 'Editor 1', role: 'editor', memberId: editor.joined!.you.memberId });
  });

  it('a tab cannot pass for someone else: its claimed name and role are replaced by the server’s', async () => {
    world = await startWorld();
    const { owner, editor } = await ownerAndEditor();
    const seen = awarenessSeenBy(owner.socket);
    editor.socket.emit('draft:awareness', {
      draftId: editor.draftId,
      update: writeAwarenessUpdate([{ clientId: editor.doc.clientID, clock: 1_000, state: { cursor: { field: 'name' }, label: 'Owner', role: 'owner', tabId: owner.joined!.you.tabId } }]),
    });
    await expect.poll(() => seen.length).toBe(1);
    expect(seen[0]?.state).toEqual({ ...editor.joined!.you, cursor: { field: 'name' } });
  });

  it('only members receive awareness: a stranger’s is dropped, and a stranger hears nobody’s', async () => {
    world = await startWorld();
    const { owner, editor } = await ownerAndEditor();
    const stranger = await world.connectTab({ apiKey: 'sk-test-mallory' });
    const heardByStranger = awarenessSeenBy(stranger);
    const heardByOwner = awarenessSeenBy(owner.socket);
    stranger.emit('draft:awareness', { draftId: owner.draftId, update: awarenessOf(new Y.Doc(), { cursor: { field: 'prompt' } }) });
    expect(await stranger.emitWithAck('draft:join', { draftId: owner.draftId })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    editor.setCursor({ field: 'tagline', anchor: 0, head: 0 });
    await expect.poll(() => owner.presence.get(editor.joined!.you.tabId)?.cursor?.field).toBe('tagline');
    // An edit stored after all that: once the owner has it, it has every frame sent to it before.
    const edited = updatesReceived(owner, 1);
    editor.text('name').insert(0, 'x');
    await editor.settled();
    await edited;
    expect(new Set(heardByOwner.map((entry) => entry.clientId))).toEqual(new Set([editor.doc.clientID]));
    expect(heardByStranger).toEqual([]);
  });

  it('malformed, oversized, foreign and too frequent awareness updates are dropped, and the connection stays up', async () => {
    world = await startWorld();
    const { owner, editor } = await ownerAndEditor();
    const heardByOwner = awarenessSeenBy(owner.socket);
    const send = (update: unknown) => editor.socket.emit('draft:awareness', { draftId: editor.draftId, update } as never);
    const hostile = [
      'not bytes',
      null,
      new Uint8Array(limits.draft.awarenessMaxBytes + 1),
      new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff]),
      writeAwarenessUpdate([{ clientId: editor.doc.clientID, clock: 50, state: { cursor: { field: 'prompt', anchor: { item: 'x' } } } }]),
      writeAwarenessUpdate([{ clientId: editor.doc.clientID, clock: 50, state: { cursor: null } }, { clientId: 99, clock: 1, state: { cursor: null } }]),
      // The owner's own client id: a tab speaks only for itself.
      writeAwarenessUpdate([{ clientId: owner.doc.clientID, clock: 99, state: null }]),
    ];
    for (const update of hostile) send(update);
    editor.socket.emit('draft:awareness', { junk: true } as never);
    // A flood: far more cursor moves than a second allows.
    const flood = limits.draft.awarenessPerSecond * 5;
    for (let i = 1; i <= flood; i++) send(writeAwarenessUpdate([{ clientId: editor.doc.clientID, clock: 100 + i, state: { cursor: { field: 'name' } } }]));
    const edited = updatesReceived(owner, 1);
    editor.text('name').insert(0, 'still editing');
    await editor.settled();
    await edited;
    expect(editor.socket.connected).toBe(true);
    expect(heardByOwner.length).toBeGreaterThan(0);
    expect(heardByOwner.length).toBeLessThanOrEqual(2 * limits.draft.awarenessPerSecond);
    expect(heardByOwner.every((entry) => entry.clientId === editor.doc.clientID)).toBe(true);
    expect(owner.presence.has(owner.joined!.you.tabId)).toBe(true);
  });

  it('a tab that leaves, disconnects or is removed has its caret cleared for the others at once', async () => {
    world = await startWorld();
    const { owner, editor } = await ownerAndEditor();
    const carolSocket = await world.connectTab({ apiKey: 'sk-test-carol' });
    await shareWith(owner.socket, owner.draftId, carolSocket);
    const carol = await DraftTab.open(carolSocket, owner.draftId);
    const secondOwnerTab = await DraftTab.open(await world.connectTab({ apiKey: 'sk-test-alice' }), owner.draftId);
    for (const tab of [editor, carol, secondOwnerTab]) {
      tab.setCursor({ field: 'prompt', anchor: 0, head: 0 });
      await expect.poll(() => owner.presence.get(tab.joined!.you.tabId)?.cursor?.field).toBe('prompt');
    }
    // Each well within y-protocols' 30 s timeout: it is the server's goodbye that clears them.
    expect(await secondOwnerTab.socket.emitWithAck('draft:leave', { draftId: owner.draftId })).toEqual({ ok: true });
    await expect.poll(() => owner.presence.has(secondOwnerTab.joined!.you.tabId)).toBe(false);
    editor.socket.disconnect();
    await expect.poll(() => owner.presence.has(editor.joined!.you.tabId)).toBe(false);
    expect(await owner.socket.emitWithAck('draft:revoke', { draftId: owner.draftId, memberId: carol.joined!.you.memberId })).toMatchObject({ ok: true });
    await expect.poll(() => owner.presence.has(carol.joined!.you.tabId)).toBe(false);
    for (const tab of [editor, carol, secondOwnerTab]) tab.close();
  });
});
