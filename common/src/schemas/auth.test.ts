import { describe, expect, it } from 'vitest';
import { handshakeAuthSchema } from './auth.ts';

const auth = (baseUrl: string) => handshakeAuthSchema.safeParse({ apiKey: 'sk-test-x', baseUrl, protocol: 1 });

describe('the base URL a user signs in with', () => {
  it('takes http(s) URLs of OpenAI-compatible servers', () => {
    expect(auth('https://api.example/v1').success).toBe(true);
    expect(auth('http://10.0.0.5:8080/v1?tenant=a@b').success).toBe(true);
  });

  it('refuses one carrying a user name or password, with a message that says why', () => {
    const refused = auth('https://me:secret@api.example/v1');
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.message).toContain('API key is sent on its own');
    expect(auth('https://token@api.example/v1').success).toBe(false);
    expect(auth('ftp://api.example/v1').success).toBe(false);
  });
});
