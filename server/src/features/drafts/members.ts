import { createHash } from 'node:crypto';
import { failure, type DraftMember, type DraftRole } from '@gptlab/common';
import type { DraftRecord } from '../../store/records.ts';

/** Unknown drafts and drafts a user may not open answer alike, so nobody learns which ids exist. */
export const draftNotFound = failure('not_found', 'This draft does not exist, or you do not have access to it.');
export const ownerOnly = (what: string) => failure('forbidden', `Only the draft's owner can ${what}.`);

/** Names a member within one draft without revealing their user id, which is their identity everywhere. */
export function memberIdOf(draftId: string, userId: string): string {
  return createHash('sha256').update(`draft-member:${draftId}:${userId}`).digest('hex').slice(0, 16);
}

export function roleOf(draft: DraftRecord, userId: string): DraftRole | null {
  if (draft.ownerId === userId) return 'owner';
  return draft.editorIds.includes(userId) ? 'editor' : null;
}

/** The owner first, then editors in the order they joined. */
export function membersOf(draft: DraftRecord): DraftMember[] {
  return [
    { memberId: memberIdOf(draft.id, draft.ownerId), role: 'owner', label: 'Owner' },
    ...draft.editorIds.map((userId, i) => ({ memberId: memberIdOf(draft.id, userId), role: 'editor' as const, label: `Editor ${i + 1}` })),
  ];
}

/** Distinct on light and dark backgrounds; a member keeps theirs unless they pick another. */
const palette = ['#e8590c', '#1c7ed6', '#2f9e44', '#ae3ec9', '#f08c00', '#0c8599', '#d6336c', '#5c7cfa'];

export function colourOf(members: DraftMember[], memberId: string): string {
  const index = Math.max(0, members.findIndex((m) => m.memberId === memberId));
  return palette[index % palette.length] ?? '#1c7ed6';
}
