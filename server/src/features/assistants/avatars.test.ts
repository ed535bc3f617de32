import { describe, expect, it } from 'vitest';
import { AvatarRenderer } from './avatars.ts';

describe('avatars', () => {
  it('renders one deterministic SVG per name, remembered, and forgets the least recently used beyond 2,000 names', () => {
    const renderer = new AvatarRenderer();
    const first = renderer.svgFor('Life Coach');
    expect(first).toMatch(/^<svg/);
    expect(renderer.svgFor('Life Coach')).toBe(first);
    for (let i = 0; i < 2_500; i++) renderer.svgFor(`assistant ${i}`);
    const cache = (renderer as unknown as { cache: { size: number; has(key: string): boolean } }).cache;
    expect(cache.size).toBe(2_000);
    expect(cache.has('Life Coach')).toBe(false);
    expect(renderer.svgFor('Life Coach')).toBe(first);
  });
});
