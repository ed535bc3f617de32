import { createAvatar } from '@dicebear/core';
import { LRUCache } from 'lru-cache';
import * as bottts from '@dicebear/bottts';

const maxSeedLength = 100;
const cacheSize = 2_000;

/** Where a card's avatar is served: generated here, from the assistant's name, never fetched. */
export function avatarUrlFor(name: string): string {
  return `/avatars/${encodeURIComponent(name.slice(0, maxSeedLength))}.svg`;
}

/** Deterministic robot avatars, generated locally and remembered, since names repeat across requests. */
export class AvatarRenderer {
  private readonly cache = new LRUCache<string, string>({ max: cacheSize });

  svgFor(seed: string): string {
    const key = seed.slice(0, maxSeedLength);
    const cached = this.cache.get(key);
    if (cached) return cached;
    const svg = createAvatar(bottts, { seed: key, radius: 20 }).toString();
    this.cache.set(key, svg);
    return svg;
  }
}
