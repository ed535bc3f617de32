import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { draftText } from '@gptlab/common/draft-doc';
import { cursorOf, writeAwarenessUpdate } from '@gptlab/common/protocol';
import { AwarenessPace, goodbyeOf, readTabState } from './awareness.ts';

function tabAwareness(state: unknown) {
  const doc = new Y.Doc();
  draftText(doc, 'prompt').insert(0, 'You are a tutor.');
  const awareness = new Awareness(doc);
  awareness.setLocalState(state as Record<string, unknown>);
  const update = encodeAwarenessUpdate(awareness, [awareness.clientID]);
  awareness.destroy();
  return { doc, clientId: doc.clientID, update };
}

describe('reading a tab’s awareness update', () => {
  it('reads the update y-protocols writes for a tab’s cursor', () => {
    const doc = new Y.Doc();
    draftText(doc, 'prompt').insert(0, 'You are a tutor.');
    const cursor = cursorOf(doc, { field: 'prompt', anchor: 4, head: 7 });
    const { update, clientId } = tabAwareness({ cursor });
    expect(readTabState(update)).toEqual({ clientId, clock: 1, state: { cursor: JSON.parse(JSON.stringify(cursor)) } });
  });

  it('reads a null state as the tab saying goodbye', () => {
    expect(readTabState(writeAwarenessUpdate([{ clientId: 7, clock: 3, state: null }]))).toEqual({ clientId: 7, clock: 3, state: null });
  });

  it('refuses what is not one valid state of the tab’s own', () => {
    const valid = { cursor: { field: 'name' } };
    const refused = [
      new Uint8Array([]),
      new Uint8Array([1, 5]),
      new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]),
      writeAwarenessUpdate([]),
      writeAwarenessUpdate([{ clientId: 1, clock: 1, state: valid }, { clientId: 2, clock: 1, state: valid }]),
      writeAwarenessUpdate([{ clientId: 2 ** 33, clock: 1, state: valid }]),
      writeAwarenessUpdate([{ clientId: 1, clock: 1, state: { cursor: { field: 'secrets' } } }]),
      writeAwarenessUpdate([{ clientId: 1, clock: 1, state: { cursor: { field: 'prompt', anchor: 'here' } } }]),
      writeAwarenessUpdate([{ clientId: 1, clock: 1, state: { name: 'Owner' } }]),
      writeAwarenessUpdate([{ clientId: 1, clock: 1, state: 42 }]),
      new Uint8Array([...writeAwarenessUpdate([{ clientId: 1, clock: 1, state: valid }]), 0]),
    ];
    for (const update of refused) expect(readTabState(update)).toBeNull();
  });

  it('a stamped state and a goodbye read back with y-protocols, as co-editors apply them', () => {
    const peer = new Awareness(new Y.Doc());
    const presence = { tabId: 'tab-1', memberId: '0123456789abcdef', role: 'editor', label: 'Editor 1', colour: '#1c7ed6', cursor: { field: 'name' } };
    applyAwarenessUpdate(peer, writeAwarenessUpdate([{ clientId: 7, clock: 4, state: presence }]), 'server');
    expect(peer.getStates().get(7)).toEqual(presence);
    applyAwarenessUpdate(peer, writeAwarenessUpdate([goodbyeOf({ clientId: 7, clock: 4, state: null })]), 'server');
    expect(peer.getStates().has(7)).toBe(false);
    peer.destroy();
  });
});

describe('the awareness pace', () => {
  it('relays at most the allowed number per second, then again in the next second', () => {
    const pace = new AwarenessPace(3);
    const start = 10_000;
    expect([0, 10, 20, 30, 999].map((t) => pace.allow(start + t))).toEqual([true, true, true, false, false]);
    expect(pace.allow(start + 1_000)).toBe(true);
  });
});
