import { randomUUID } from 'node:crypto';
import { checkDraft, failure, type Ack, type DraftContent, type PublishableDraft, type PublishedDraft } from '@gptlab/common';
import type { AssistantRecord, DraftRecord } from '../../store/records.ts';
import { DuplicateRecordError, type AssistantPatch, type Store } from '../../store/store.ts';
import { toCard } from '../assistants/cards.ts';
import { newAssistantCode } from '../assistants/codes.ts';
import { defaultSummaryPrompt } from '../assistants/examples.ts';
import { seal } from '../identity/sealing.ts';

const codeAttempts = 5;

export const sharePathOf = (code: string) => `/assistant/${code}`;

/**
 * Validates the draft as it stands and writes it to its assistant: the one it edits if that still
 * exists and is the owner's, else a new one. A first publish uses the draft's id as the assistant's,
 * so two publishes racing create it once.
 */
export async function publishDraft(store: Store, promptKey: Uint8Array, draft: DraftRecord, content: DraftContent): Promise<Ack<PublishedDraft>> {
  const checked = checkDraft(content);
  if (!checked.ok) return failure('invalid_payload', `Fix this before publishing: ${checked.issues.map((i) => i.message).join(' ')}`);
  const fields = assistantFields(checked.draft, promptKey);
  const existing = draft.assistantId ? await store.getAssistant(draft.assistantId) : null;
  const editable = existing && existing.ownerId === draft.ownerId && !existing.deletedAt ? existing : null;
  const assistant = editable ? await store.updateAssistant(editable.id, fields) : await create(store, draft, fields);
  if (!assistant) return failure('not_found', 'The assistant this draft edits was deleted meanwhile. Publish again to create a new one.');
  if (draft.assistantId !== assistant.id) await store.updateDraft(draft.id, { assistantId: assistant.id });
  return { ok: true, assistant: toCard(assistant, draft.ownerId), sharePath: sharePathOf(assistant.code) };
}

function assistantFields(draft: PublishableDraft, promptKey: Uint8Array): Required<Pick<AssistantPatch, 'name' | 'tagline' | 'description' | 'sealedPrompt' | 'sealedSummaryPrompt' | 'settings' | 'condensing' | 'anyProvider' | 'starters' | 'updatedAt'>> {
  const { condensing, anyProvider, ...settings } = draft.settings;
  return {
    name: draft.name,
    tagline: draft.tagline,
    description: draft.description,
    sealedPrompt: seal(draft.prompt, promptKey),
    sealedSummaryPrompt: seal(draft.summaryPrompt || defaultSummaryPrompt, promptKey),
    settings,
    condensing,
    anyProvider,
    starters: draft.starters,
    updatedAt: new Date(),
  };
}

async function create(store: Store, draft: DraftRecord, fields: ReturnType<typeof assistantFields>): Promise<AssistantRecord | null> {
  // A draft whose assistant was deleted publishes a new one under a new id.
  const id = draft.assistantId ? randomUUID() : draft.id;
  for (let attempt = 1; ; attempt++) {
    const record: AssistantRecord = {
      id, code: newAssistantCode(), ownerId: draft.ownerId, ...fields,
      showcased: false, hidden: false, deletedAt: null, sessionCount: 0, createdAt: fields.updatedAt,
    };
    try {
      await store.createAssistant(record);
      return record;
    } catch (err) {
      if (!(err instanceof DuplicateRecordError) || attempt >= codeAttempts) throw err;
      // The id is taken: another publish of this draft won the race, so this one updates it.
      const taken = await store.getAssistant(id);
      if (taken) return taken.ownerId === draft.ownerId && !taken.deletedAt ? store.updateAssistant(id, fields) : null;
    }
  }
}
