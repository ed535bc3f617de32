import { describe, expect, it } from 'vitest';
import type { MessageOutline } from '../../store/records.ts';
import { VersionTree } from './versions.ts';

let seq = 0;
const user = (messageId: string, parentId: string | null | undefined, hidden = false): MessageOutline => ({ seq: ++seq, messageId, role: 'user', ...(parentId === undefined ? {} : { parentId }), ...(hidden ? { hidden } : {}) });
const reply = (messageId: string, parentId: string | null | undefined, hidden = false): MessageOutline => ({ ...user(messageId, parentId, hidden), role: 'assistant' });
const ids = (messages: MessageOutline[]) => messages.map((m) => m.messageId);

describe('versions of messages', () => {
  it('reads a session stored before versions as one line, each message following the one before', () => {
    const tree = new VersionTree([user('u1', undefined), reply('r1', undefined), user('u2', undefined), reply('r2', undefined)]);
    expect(tree.parentOf('u2')).toBe('r1');
    expect(tree.versionsOf('r2')).toEqual(['r2']);
    expect(ids(tree.shown())).toEqual(['u1', 'r1', 'u2', 'r2']);
    expect(tree.lastShown()).toBe('r2');
  });

  it('counts a regenerated reply and an edited question as versions, and a new version replaces the rest of the branch', () => {
    const tree = new VersionTree([user('u1', null), reply('r1', 'u1', true), reply('r1b', 'u1'), user('u2', 'r1b'), reply('r2', 'u2')]);
    expect(tree.versionsOf('r1b')).toEqual(['r1', 'r1b']);
    expect(tree.versionsOf('u1')).toEqual(['u1']);
    expect(tree.replacedBy('u2')).toEqual(['u2', 'r2']);
    expect(tree.replacedBy('r1')).toEqual([]);
  });

  it('switching to an earlier question shows its own replies again, and switching back shows the newest branch', () => {
    // u1 edited into u1b; u1's branch went on to u2 before the edit.
    const tree = new VersionTree([user('u1', null, true), reply('r1', 'u1', true), user('u2', 'r1', true), reply('r2', 'u2', true), user('u1b', null), reply('r1c', 'u1b')]);
    expect(tree.versionsOf('u1b')).toEqual(['u1', 'u1b']);
    expect(tree.switchTo('u1')).toEqual({ hide: ['u1b', 'r1c'], show: ['u1', 'r1', 'u2', 'r2'] });
    expect(tree.switchTo('u1b')).toBeNull();
    expect(tree.switchTo('nope')).toBeNull();
  });

  it('a first message edited in a chat with no greeting has the first message as its sibling', () => {
    const tree = new VersionTree([user('u1', undefined, true), reply('r1', undefined, true), user('u1b', null)]);
    expect(tree.versionsOf('u1b')).toEqual(['u1', 'u1b']);
  });
});
