import nacl from 'tweetnacl';
import { describe, expect, it } from 'vitest';
import { seal, unseal, UnsealError } from './sealing.ts';

const aliceKey = nacl.randomBytes(32);
const bobKey = nacl.randomBytes(32);

describe('sealing messages at rest', () => {
  it('opens what it sealed, and the sealed form shows none of the plaintext', () => {
    const sealed = seal('My secret plan for Tuesday', aliceKey);
    expect(sealed).not.toContain('secret');
    expect(Buffer.from(sealed.split('.')[2] ?? '', 'base64').toString('latin1')).not.toContain('secret');
    expect(unseal(sealed, aliceKey)).toBe('My secret plan for Tuesday');
  });

  it('uses a fresh nonce each time, so equal messages look different', () => {
    expect(seal('same', aliceKey)).not.toBe(seal('same', aliceKey));
  });

  it("refuses another user's key cleanly instead of returning garbage", () => {
    const sealed = seal('for Alice only', aliceKey);
    expect(() => unseal(sealed, bobKey)).toThrow(UnsealError);
  });

  it('detects a record altered in storage', () => {
    const sealed = seal('do not touch', aliceKey);
    const [tag, nonce, box] = sealed.split('.') as [string, string, string];
    const bytes = Buffer.from(box, 'base64');
    bytes[5] = (bytes[5] ?? 0) ^ 1;
    expect(() => unseal(`${tag}.${nonce}.${bytes.toString('base64')}`, aliceKey)).toThrow(UnsealError);
    expect(() => unseal('v1.junk', aliceKey)).toThrow(UnsealError);
    expect(() => unseal('plain text someone wrote in', aliceKey)).toThrow(UnsealError);
  });
});
