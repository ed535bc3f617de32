import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { diffText, moveCaret } from './text-edit.ts';

describe('diffText', () => {
  it('finds a typed character where the caret is, even among repeats', () => {
    expect(diffText('aa', 'aaa', 1)).toEqual({ index: 0, removed: 0, inserted: 'a' });
    expect(diffText('hello', 'helXlo', 4)).toEqual({ index: 3, removed: 0, inserted: 'X' });
  });

  it('finds a deletion and a replaced selection', () => {
    expect(diffText('hello', 'hllo', 1)).toEqual({ index: 1, removed: 1, inserted: '' });
    expect(diffText('hello world', 'hello there', 11)).toEqual({ index: 6, removed: 5, inserted: 'there' });
  });

  it('reports nothing when nothing changed', () => {
    expect(diffText('same', 'same')).toBeNull();
  });
});

describe('moveCaret', () => {
  it('keeps a caret before an edit and shifts one after it', () => {
    const edit = { index: 5, removed: 2, inserted: 'abc' };
    expect(moveCaret(3, edit)).toBe(3);
    expect(moveCaret(10, edit)).toBe(11);
    expect(moveCaret(6, edit)).toBe(8);
  });
});

describe('typing into two copies of a Y.Text', () => {
  it('keeps both people’s keystrokes when their edits are diffed and merged', () => {
    const [a, b] = [new Y.Doc(), new Y.Doc()];
    a.getText('prompt').insert(0, 'Hello world');
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const type = (doc: Y.Doc, after: string, caret: number) => {
      const text = doc.getText('prompt');
      const edit = diffText(text.toString(), after, caret);
      if (!edit) return;
      text.delete(edit.index, edit.removed);
      text.insert(edit.index, edit.inserted);
    };
    type(a, 'Hello, world', 6);
    type(b, 'Hello world!', 12);
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(a.getText('prompt').toString()).toBe('Hello, world!');
    expect(b.getText('prompt').toString()).toBe('Hello, world!');
  });
});
