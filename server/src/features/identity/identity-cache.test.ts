import { describe, expect, it } from 'vitest';
import { IdentityCache } from './identity-cache.ts';
import type { DerivedIdentity } from './key-derivation.ts';

const identity = (userId: string): DerivedIdentity => ({ userId, messageKey: new Uint8Array(32) });

describe('the per-instance identity cache', () => {
  it('derives once for a storm of reconnects with the same key', async () => {
    const cache = new IdentityCache();
    let derivations = 0;
    const derive = async () => {
      derivations++;
      return identity('alice');
    };
    const results = await Promise.all(Array.from({ length: 50 }, () => cache.get('sk-proj-alice', derive)));
    expect(derivations).toBe(1);
    expect(new Set(results.map((r) => r.userId))).toEqual(new Set(['alice']));
  });

  it('forgets a failed derivation so a corrected key is tried again', async () => {
    const cache = new IdentityCache();
    await expect(cache.get('sk-bad', async () => Promise.reject(new Error('refused')))).rejects.toThrow('refused');
    expect(cache.size).toBe(0);
    await expect(cache.get('sk-bad', async () => identity('now-fine'))).resolves.toMatchObject({ userId: 'now-fine' });
  });

  it('never holds the key itself', async () => {
    const cache = new IdentityCache();
    await cache.get('sk-proj-very-secret-key', async () => identity('alice'));
    const internals = JSON.stringify([...(cache as unknown as { entries: Map<string, unknown> }).entries.keys()]);
    expect(internals).not.toContain('very-secret');
  });

  it('evicts the least recently used entry beyond its capacity', async () => {
    const cache = new IdentityCache(2);
    let derivations = 0;
    const derive = (id: string) => async () => {
      derivations++;
      return identity(id);
    };
    await cache.get('a', derive('a'));
    await cache.get('b', derive('b'));
    await cache.get('a', derive('a'));
    await cache.get('c', derive('c'));
    await cache.get('a', derive('a'));
    expect(derivations).toBe(3);
    await cache.get('b', derive('b'));
    expect(derivations).toBe(4);
  });
});
