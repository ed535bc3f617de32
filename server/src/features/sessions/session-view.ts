import type { SessionSummary } from '@gptlab/common';
import type { AssistantRecord, SessionRecord } from '../../store/records.ts';
import type { Store } from '../../store/store.ts';
import { avatarUrlFor } from '../assistants/avatars.ts';
import { unseal } from '../identity/sealing.ts';

/** A session as its owner sees it, decrypted with their key. */
export function toSessionSummary(session: SessionRecord, assistant: AssistantRecord | null, messageKey: Uint8Array): SessionSummary {
  const preview = openOrMark(session.sealedPreview, messageKey) ?? '';
  return {
    id: session.id,
    assistant: assistant
      ? { id: assistant.id, name: assistant.name, code: assistant.code, avatarUrl: avatarUrlFor(assistant.name), deleted: assistant.deletedAt !== null }
      : null,
    title: openOrMark(session.sealedTitle, messageKey) ?? preview,
    preview,
    model: session.model,
    createdAt: session.createdAt.toISOString(),
    updatedAt: session.updatedAt.toISOString(),
    endedAt: session.endedAt?.toISOString() ?? null,
    summary: openOrMark(session.sealedSummary, messageKey),
    rating: session.rating,
    continuedFrom: session.continuedFrom ? { sessionId: session.continuedFrom.sessionId, title: openOrMark(session.continuedFrom.sealedTitle, messageKey) ?? '' } : null,
  };
}

/** Looks each assistant up once, however many sessions share it. */
export async function describeSessions(store: Store, sessions: SessionRecord[], messageKey: Uint8Array): Promise<SessionSummary[]> {
  const ids = [...new Set(sessions.map((s) => s.assistantId).filter((id): id is string => id !== null))];
  const assistants = new Map(await Promise.all(ids.map(async (id) => [id, await store.getAssistant(id)] as const)));
  return sessions.map((s) => toSessionSummary(s, s.assistantId ? (assistants.get(s.assistantId) ?? null) : null, messageKey));
}

/** A field that fails to open is shown as such, not as garbage, and does not hide the rest. */
export function openOrMark(sealed: string | null, messageKey: Uint8Array): string | null {
  if (!sealed) return null;
  try {
    return unseal(sealed, messageKey);
  } catch {
    return '(unreadable)';
  }
}
