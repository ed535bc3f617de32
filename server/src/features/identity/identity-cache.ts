import { createHmac, randomBytes } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { DerivedIdentity } from './key-derivation.ts';

/**
 * Remembers derived identities per instance so a reconnect storm costs no key derivation. Entries
 * are looked up by a keyed hash of the credentials under a random per-process key: the cache never
 * holds an API key, and its lookup keys are useless outside this process. Concurrent lookups of one
 * key share a single derivation.
 */
export class IdentityCache {
  private readonly lookupKey = randomBytes(32);
  private readonly entries: LRUCache<string, Promise<DerivedIdentity>>;

  constructor(maxEntries = 50_000) {
    this.entries = new LRUCache({ max: maxEntries });
  }

  get size(): number {
    return this.entries.size;
  }

  get(credentials: string, derive: () => Promise<DerivedIdentity>): Promise<DerivedIdentity> {
    const id = createHmac('sha256', this.lookupKey).update(credentials).digest('base64');
    const hit = this.entries.get(id);
    if (hit) return hit;
    const pending = derive();
    pending.catch(() => this.entries.delete(id));
    this.entries.set(id, pending);
    return pending;
  }
}
