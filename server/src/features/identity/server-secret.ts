import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';

const secretFileName = 'gptlab-secret';

/**
 * The server-wide secret that salts user ids and encrypts prompts. Production must pass it in
 * (every instance needs the same one, and losing it makes every prompt unreadable); elsewhere it is
 * generated once into the data folder so a fresh machine needs no setup.
 */
export function loadServerSecret(options: { configured: string | undefined; production: boolean; dataDir: string }): Buffer {
  if (options.configured) return decodeSecret(options.configured);
  if (options.production) {
    throw new Error('GPTLAB_SECRET is required in production (generate one with: openssl rand -base64 32).');
  }
  const file = path.join(options.dataDir, secretFileName);
  if (existsSync(file)) return decodeSecret(readFileSync(file, 'utf8').trim());
  mkdirSync(options.dataDir, { recursive: true });
  const secret = randomBytes(32);
  try {
    writeFileSync(file, secret.toString('base64'), { mode: 0o600, flag: 'wx' });
  } catch (err) {
    // Two instances started together on one data folder: the first one's secret wins.
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return decodeSecret(readFileSync(file, 'utf8').trim());
  }
  return secret;
}

function decodeSecret(text: string): Buffer {
  const secret = Buffer.from(text, 'base64');
  if (secret.length < 32) throw new Error('GPTLAB_SECRET must be at least 32 bytes, base64-encoded.');
  return secret;
}
