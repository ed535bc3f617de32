/**
 * Measures what sign-in costs per key: PBKDF2-HMAC-SHA256 at several iteration counts, and the
 * cached path a reconnect takes. Run with `npm run bench:identity`.
 */
import { randomBytes } from 'node:crypto';
import { IdentityCache } from '../../server/src/features/identity/identity-cache.ts';
import { deriveIdentity, userIdIterations } from '../../server/src/features/identity/key-derivation.ts';

const secret = randomBytes(32);
const base = 'https://api.openai.com/v1';
const rounds = 20;

async function timeDerivation(iterations: number): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < rounds; i++) await deriveIdentity(`sk-proj-${randomBytes(24).toString('base64url')}`, base, base, secret, iterations);
  return (performance.now() - start) / rounds;
}

async function timeCachedReconnects(count: number): Promise<number> {
  const cache = new IdentityCache();
  const key = `sk-proj-${randomBytes(24).toString('base64url')}`;
  await cache.get(key, () => deriveIdentity(key, base, base, secret));
  const start = performance.now();
  for (let i = 0; i < count; i++) await cache.get(key, () => deriveIdentity(key, base, base, secret));
  return ((performance.now() - start) * 1000) / count;
}

console.log('PBKDF2-HMAC-SHA256 user id + HKDF message key, one key at a time (ms per sign-in):');
for (const iterations of [10_000, 100_000, 210_000, 600_000]) {
  const marker = iterations === userIdIterations ? '  <- in use' : '';
  console.log(`  ${String(iterations).padStart(7)} iterations: ${(await timeDerivation(iterations)).toFixed(1)} ms${marker}`);
}
console.log(`Cached reconnect of a known key: ${(await timeCachedReconnects(10_000)).toFixed(2)} µs`);
