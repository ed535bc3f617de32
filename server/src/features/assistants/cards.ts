import type { AssistantCard } from '@gptlab/common';
import type { AssistantRecord } from '../../store/records.ts';
import { avatarUrlFor } from './avatars.ts';

/** The public face of an assistant. The prompt never leaves through here. */
export function toCard(record: AssistantRecord, viewerId: string): AssistantCard {
  return {
    id: record.id,
    code: record.code,
    name: record.name,
    tagline: record.tagline,
    description: record.description,
    avatarUrl: avatarUrlFor(record.name),
    model: record.settings.model,
    starters: record.starters,
    showcased: record.showcased,
    ownedByMe: record.ownerId === viewerId,
    hidden: record.hidden,
    sessionCount: record.sessionCount,
    deleted: record.deletedAt !== null,
  };
}
