import { randomBytes } from 'node:crypto';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadServerSecret } from './server-secret.ts';

const freshDir = () => mkdtempSync(path.join(tmpdir(), 'gptlab-secret-'));

describe('loadServerSecret', () => {
  it('refuses to run in production without GPTLAB_SECRET, and says how to make one', () => {
    expect(() => loadServerSecret({ configured: undefined, production: true, dataDir: freshDir() })).toThrow(/GPTLAB_SECRET is required in production.*openssl rand -base64 32/);
  });

  it('refuses a secret shorter than 32 bytes', () => {
    expect(() => loadServerSecret({ configured: randomBytes(16).toString('base64'), production: true, dataDir: freshDir() })).toThrow(/at least 32 bytes/);
  });

  it('uses the configured secret as given', () => {
    const secret = randomBytes(32);
    expect(loadServerSecret({ configured: secret.toString('base64'), production: true, dataDir: freshDir() }).equals(secret)).toBe(true);
  });

  it('outside production, makes one once, readable by the owner only, and keeps it', () => {
    const dataDir = freshDir();
    const first = loadServerSecret({ configured: undefined, production: false, dataDir });
    expect(loadServerSecret({ configured: undefined, production: false, dataDir }).equals(first)).toBe(true);
    expect(statSync(path.join(dataDir, 'gptlab-secret')).mode & 0o777).toBe(0o600);
  });
});
