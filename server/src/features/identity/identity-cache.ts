import { createHmac, randomBytes } from 'node:crypto';
import type { DerivedIdentity } from './key-derivation.ts';

/**
 * Remembers derived identities per instance so a reconnect storm costs no key derivation. Entries
 * are looked up by a keyed hash of the credentials under a random per-process key: the cache never
 * holds an API key, and its lookup keys are useless outside this process. Concurrent lookups of one
 * key share a single derivation.
 */
export class IdentityCache {
  private readonly lookupKey = randomBytes(32);
  private readonly entries = new Map<string, Promise<DerivedIdentity>>();
  private readonly maxEntries: number;

  constructor(maxEntries = 50_000) {
    this.maxEntries = maxEntries;
  }

  get size(): number {
    return this.entries.size;
  }

  get(credentials: string, derive: () => Promise<DerivedIdentity>): Promise<DerivedIdentity> {
    const id = createHmac('sha256', this.lookupKey).update(credentials).digest('base64');
    const hit = this.entries.get(id);
    if (hit) {
      // Re-insert so the Map's insertion order doubles as least-recently-used order.
      this.entries.delete(id);
      this.entries.set(id, hit);
      return hit;
    }
    const pending = derive();
    pending.catch(() => this.entries.delete(id));
    this.entries.set(id, pending);
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    return pending;
  }
}
