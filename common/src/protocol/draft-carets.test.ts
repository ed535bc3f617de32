import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { draftText } from '../draft-doc.ts';
import { draftCursorSchema } from '../schemas/draft.ts';
import { cursorOf, placeSelection } from './draft-carets.ts';

/** Two tabs' copies of one draft, kept in step the way the server relays updates. */
function twoCopies(prompt: string) {
  const mine = new Y.Doc();
  const theirs = new Y.Doc();
  draftText(mine, 'prompt').insert(0, prompt);
  Y.applyUpdate(theirs, Y.encodeStateAsUpdate(mine));
  const deliver = (from: Y.Doc, to: Y.Doc) => Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
  return { mine, theirs, deliver };
}

/** What a cursor looks like after the JSON round trip of an awareness state and the server's validation. */
const overTheWire = (cursor: unknown) => draftCursorSchema.parse(JSON.parse(JSON.stringify(cursor)));

describe('co-editors’ carets', () => {
  it('a caret stays between the same two characters while someone types before it', () => {
    const { mine, theirs, deliver } = twoCopies('You are a patient tutor.');
    const cursor = overTheWire(cursorOf(theirs, { field: 'prompt', anchor: 17, head: 17 }));
    expect(placeSelection(mine, cursor)).toEqual({ anchor: 17, head: 17 });
    draftText(mine, 'prompt').insert(0, 'Oh, ');
    expect(placeSelection(mine, cursor)).toEqual({ anchor: 21, head: 21 });
    deliver(mine, theirs);
    expect(placeSelection(theirs, cursor)).toEqual({ anchor: 21, head: 21 });
  });

  it('a selection keeps covering the same word when text around it is deleted and inserted', () => {
    const { mine, theirs } = twoCopies('You are a patient tutor.');
    const cursor = overTheWire(cursorOf(theirs, { field: 'prompt', anchor: 10, head: 17 }));
    const text = draftText(mine, 'prompt');
    text.delete(0, 'You are '.length);
    text.insert(text.length, ' Be kind.');
    const placed = placeSelection(mine, cursor);
    expect(placed && text.toString().slice(placed.anchor, placed.head)).toBe('patient');
  });

  it('a caret at the end of the text follows what is appended after it, and one in deleted text lands where it was', () => {
    const { mine, theirs } = twoCopies('Be brief.');
    const atEnd = overTheWire(cursorOf(theirs, { field: 'prompt', anchor: 9, head: 9 }));
    const inside = overTheWire(cursorOf(theirs, { field: 'prompt', anchor: 5, head: 5 }));
    draftText(mine, 'prompt').delete(3, 6);
    expect(placeSelection(mine, inside)).toEqual({ anchor: 3, head: 3 });
    expect(placeSelection(mine, atEnd)).toEqual({ anchor: 3, head: 3 });
    draftText(mine, 'prompt').insert(3, ' kind.');
    expect(placeSelection(mine, atEnd)?.head).toBe(9);
  });

  it('a backward selection keeps its direction: the head is where the caret is drawn', () => {
    const { mine, theirs } = twoCopies('abcdef');
    const cursor = overTheWire(cursorOf(theirs, { field: 'prompt', anchor: 5, head: 1 }));
    expect(placeSelection(mine, cursor)).toEqual({ anchor: 5, head: 1 });
  });

  it('a cursor in a setting or a starter names the field only, and indices past the text are clamped', () => {
    const { theirs } = twoCopies('short');
    expect(cursorOf(theirs, { field: 'starters', index: 2 })).toEqual({ field: 'starters', index: 2 });
    expect(cursorOf(theirs, { field: 'temperature', anchor: 3, head: 3 })).toEqual({ field: 'temperature' });
    expect(placeSelection(theirs, overTheWire(cursorOf(theirs, { field: 'prompt', anchor: 999, head: -4 })))).toEqual({ anchor: 5, head: 0 });
  });

  it('a position this copy has not received yet, or one pointing into another field, places no caret', () => {
    const { mine, theirs } = twoCopies('Shared.');
    draftText(theirs, 'prompt').insert(7, ' Not sent yet.');
    const ahead = overTheWire(cursorOf(theirs, { field: 'prompt', anchor: 10, head: 10 }));
    expect(placeSelection(mine, ahead)).toBeNull();
    draftText(mine, 'name').insert(0, 'Tutor');
    const inName = overTheWire(cursorOf(mine, { field: 'name', anchor: 2, head: 2 }));
    expect(placeSelection(mine, { ...inName, field: 'prompt' })).toBeNull();
    const otherRoot = overTheWire({ field: 'prompt', anchor: { tname: 'settings' }, head: { tname: 'settings' } });
    expect(placeSelection(mine, otherRoot)).toBeNull();
    expect(mine.share.has('settings')).toBe(false);
  });
});
