import type { SessionRecord } from '../../store/records.ts';

/** A session as it starts: nothing said, nothing used, named by nothing but (maybe) its first words. */
export function newSessionRecord(fields: Pick<SessionRecord, 'id' | 'userId' | 'assistantId' | 'model' | 'sealedPreview'> & Partial<Pick<SessionRecord, 'continuedFrom'>>): SessionRecord {
  const now = new Date();
  return {
    continuedFrom: null,
    ...fields,
    sealedSummary: null,
    sealedTitle: null,
    sealedContext: null,
    rating: null,
    usage: { promptTokens: 0, completionTokens: 0 },
    createdAt: now,
    updatedAt: now,
    endedAt: null,
  };
}
