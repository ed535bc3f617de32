import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { deriveIdentity, derivePromptKey } from './key-derivation.ts';

const secret = randomBytes(32);
const openai = 'https://api.openai.com/v1';
const fast = 1_000;

describe('deriving who a key belongs to', () => {
  it('gives the same user id and message key for the same key, every time', async () => {
    const a = await deriveIdentity('sk-proj-alice', openai, openai, secret, fast);
    const b = await deriveIdentity('sk-proj-alice', openai, openai, secret, fast);
    expect(a.userId).toBe(b.userId);
    expect(Buffer.from(a.messageKey)).toEqual(Buffer.from(b.messageKey));
  });

  it('gives different users for different keys, and for one trivial key on two self-hosted servers', async () => {
    const alice = await deriveIdentity('sk-proj-alice', openai, openai, secret, fast);
    const bob = await deriveIdentity('sk-proj-bob', openai, openai, secret, fast);
    const ollamaA = await deriveIdentity('ollama', 'http://a.local:11434/v1', openai, secret, fast);
    const ollamaB = await deriveIdentity('ollama', 'http://b.local:11434/v1', openai, secret, fast);
    expect(new Set([alice.userId, bob.userId, ollamaA.userId, ollamaB.userId]).size).toBe(4);
  });

  it('keeps the message key apart from the user id and from the key itself', async () => {
    const { userId, messageKey } = await deriveIdentity('sk-proj-alice', openai, openai, secret, fast);
    const hexKey = Buffer.from(messageKey).toString('hex');
    expect(hexKey).not.toBe(userId);
    expect(userId).not.toContain('alice');
    expect(userId).toMatch(/^[0-9a-f]{64}$/);
  });

  it('depends on the server secret, so ids from another deployment do not match', async () => {
    const here = await deriveIdentity('sk-proj-alice', openai, openai, secret, fast);
    const elsewhere = await deriveIdentity('sk-proj-alice', openai, openai, randomBytes(32), fast);
    expect(here.userId).not.toBe(elsewhere.userId);
    expect(Buffer.from(derivePromptKey(secret))).not.toEqual(Buffer.from(derivePromptKey(randomBytes(32))));
  });
});
