import { describe, expect, it } from 'vitest';
import { clientAddress } from './client-address.ts';

describe('clientAddress', () => {
  it('is the peer when no proxy is trusted, whatever X-Forwarded-For claims', () => {
    expect(clientAddress('10.0.0.5', { 'x-forwarded-for': '1.2.3.4' }, 0)).toBe('10.0.0.5');
  });

  it('is what the trusted proxies saw, never what the client wrote to the left of it', () => {
    const headers = { 'x-forwarded-for': '6.6.6.6, 203.0.113.9' };
    expect(clientAddress('10.0.0.2', headers, 1)).toBe('203.0.113.9');
    expect(clientAddress('10.0.0.2', headers, 2)).toBe('6.6.6.6');
  });

  it('stops at the leftmost entry when fewer proxies answered than are trusted', () => {
    expect(clientAddress('10.0.0.2', {}, 2)).toBe('10.0.0.2');
    expect(clientAddress('10.0.0.2', { 'x-forwarded-for': '203.0.113.9' }, 3)).toBe('203.0.113.9');
  });
});
