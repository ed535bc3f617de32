import { describe, expect, it } from 'vitest';
import { LruMap } from './lru-map.ts';

describe('a bounded map', () => {
  it('forgets the least recently used entry once full, counting reads as use', () => {
    const map = new LruMap<string, number>(2);
    map.set('a', 1);
    map.set('b', 2);
    expect(map.get('a')).toBe(1);
    map.set('c', 3);
    expect([map.get('a'), map.get('b'), map.get('c'), map.size]).toEqual([1, undefined, 3, 2]);
  });
});
