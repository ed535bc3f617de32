import nacl from 'tweetnacl';
import type { Sealed } from '../../store/records.ts';

const version = 'v1';

export class UnsealError extends Error {
  constructor() {
    super('This record cannot be decrypted with this key, or it was altered.');
    this.name = 'UnsealError';
  }
}

/** Encrypts and authenticates `plaintext` under `key` (32 bytes) with a fresh random nonce. */
export function seal(plaintext: string, key: Uint8Array): Sealed {
  const nonce = nacl.randomBytes(nacl.secretbox.nonceLength);
  const box = nacl.secretbox(new TextEncoder().encode(plaintext), nonce, key);
  return `${version}.${Buffer.from(nonce).toString('base64')}.${Buffer.from(box).toString('base64')}`;
}

/** Throws UnsealError for a wrong key or a tampered record; never returns garbage. */
export function unseal(sealed: Sealed, key: Uint8Array): string {
  const [tag, nonceText, boxText] = sealed.split('.');
  if (tag !== version || !nonceText || !boxText) throw new UnsealError();
  const nonce = Buffer.from(nonceText, 'base64');
  if (nonce.length !== nacl.secretbox.nonceLength) throw new UnsealError();
  const opened = nacl.secretbox.open(Buffer.from(boxText, 'base64'), nonce, key);
  if (!opened) throw new UnsealError();
  return new TextDecoder().decode(opened);
}
