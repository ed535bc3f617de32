import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { DraftInvite } from '@gptlab/common';
import type { Sealed } from '../../store/records.ts';
import { seal, unseal } from '../identity/sealing.ts';

/**
 * An invite token is the draft id (16 bytes) then 18 random bytes, base64url: 46 characters. The
 * id part finds the draft without an index; only the random part, compared with the sealed copy
 * the draft keeps, lets anyone in. Rotating the token replaces the copy, so the old link dies.
 */
export function newInviteToken(draftId: string): string {
  const id = Buffer.from(draftId.replaceAll('-', ''), 'hex');
  return Buffer.concat([id, randomBytes(18)]).toString('base64url');
}

export function draftIdInToken(token: string): string {
  const hex = Buffer.from(token.slice(0, 22), 'base64url').toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export function sealInvite(token: string, promptKey: Uint8Array): Sealed {
  return seal(token, promptKey);
}

export function inviteMatches(token: string, sealedInvite: Sealed | null, promptKey: Uint8Array): boolean {
  if (!sealedInvite) return false;
  const expected = Buffer.from(unseal(sealedInvite, promptKey));
  const given = Buffer.from(token);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export function inviteFor(token: string): DraftInvite {
  return { token, path: `/lab/join/${token}` };
}

export function inviteOf(sealedInvite: Sealed | null, promptKey: Uint8Array): DraftInvite | null {
  return sealedInvite ? inviteFor(unseal(sealedInvite, promptKey)) : null;
}
