import { describe, expect, it } from 'vitest';
import { testConfig } from '../../../../tests/support/test-config.ts';
import { createLogger } from '../../logger.ts';
import { memoryRateLimits } from '../../realtime/rate-limit.ts';
import { retryIn, RateLimits } from './service.ts';

const who = { userId: 'u1', address: '203.0.113.1' };

function limitsWith(overrides: Partial<ReturnType<typeof testConfig>['rateLimits']>) {
  const memory = memoryRateLimits(createLogger('silent'));
  return new RateLimits({ ...testConfig().rateLimits, ...overrides }, memory, memory);
}

describe('RateLimits', () => {
  it('says when to try again in words', () => {
    expect(retryIn(1)).toBe('1 second');
    expect(retryIn(12_300)).toBe('13 seconds');
    expect(retryIn(14 * 60_000)).toBe('14 minutes');
  });

  it('refuses the message past the budget of a user, with a typed error', async () => {
    const limits = limitsWith({ messagesPerUser: { points: 2, windowSec: 60 } });
    expect(await limits.message(who)).toBeNull();
    expect(await limits.message(who)).toBeNull();
    expect(await limits.message(who)).toMatchObject({ ok: false, error: { code: 'rate_limited', message: expect.stringMatching(/Try again in \d+ seconds\./) } });
    expect(await limits.message({ ...who, userId: 'u2' })).toBeNull();
  });

  it('blocks an address after its failed sign-ins, before it may try any key again', async () => {
    const limits = limitsWith({ failedSignInsPerIp: { points: 2, windowSec: 900, blockSec: 900 } });
    expect(await limits.signIn(who.address)).toBeNull();
    await limits.signInFailed(who.address);
    await limits.signInFailed(who.address);
    expect(await limits.signIn(who.address)).toMatchObject({ error: { code: 'rate_limited', message: expect.stringContaining('15 minutes') } });
    expect(await limits.signIn('198.51.100.1')).toBeNull();
  });

  it('forgets a closed socket, so its id starts afresh', async () => {
    const limits = limitsWith({ socketEvents: { points: 1, windowSec: 10 } });
    expect(await limits.socketEvent('s1')).toBeNull();
    expect(await limits.socketEvent('s1')).not.toBeNull();
    limits.forgetSocket('s1');
    await new Promise((resolve) => setImmediate(resolve));
    expect(await limits.socketEvent('s1')).toBeNull();
  });
});
