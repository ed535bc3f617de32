import { failure, type Ack, type AssistantCard, type ListAssistants } from '@gptlab/common';
import type { AssistantRecord } from '../../store/records.ts';
import type { Store } from '../../store/store.ts';
import { unseal } from '../identity/sealing.ts';
import { toCard } from './cards.ts';

/** An assistant as the server runs it: its record and its prompts in clear, for this call only. */
export interface RunnableAssistant {
  record: AssistantRecord;
  prompt: string;
  summaryPrompt: string;
}

const missing = failure('not_found', 'No assistant has this code. Check it, or find another assistant in the Lounge.');

/** Finding and reading assistants. Prompts are opened only to run them, never to show them. */
export class AssistantService {
  private readonly store: Store;
  private readonly promptKey: Uint8Array;

  constructor(store: Store, promptKey: Uint8Array) {
    this.store = store;
    this.promptKey = promptKey;
  }

  async list(viewerId: string, query: ListAssistants): Promise<Ack<{ assistants: AssistantCard[]; next: string | null }>> {
    const page = await this.store.listAssistants({
      ...(query.scope === 'mine' ? { ownerId: viewerId, includeHidden: true } : { showcased: true }),
      search: query.search || undefined,
      sort: query.sort,
      limit: query.limit,
      cursor: query.cursor,
    });
    return { ok: true, assistants: page.items.map((record) => toCard(record, viewerId)), next: page.next };
  }

  async findByCode(viewerId: string, code: string): Promise<Ack<{ assistant: AssistantCard }>> {
    const record = await this.store.getAssistantByCode(code);
    if (!record || record.deletedAt) return missing;
    return { ok: true, assistant: toCard(record, viewerId) };
  }

  /** Owner only; anyone else is told it does not exist, as for an unknown id. */
  async setHidden(viewerId: string, assistantId: string, hidden: boolean): Promise<Ack<{ assistant: AssistantCard }>> {
    const record = await this.ownedBy(viewerId, assistantId);
    if (!record) return missing;
    const updated = await this.store.updateAssistant(assistantId, { hidden, updatedAt: new Date() });
    return updated ? { ok: true, assistant: toCard(updated, viewerId) } : missing;
  }

  /** A soft delete: past sessions keep their link to it and show it as deleted. */
  async delete(viewerId: string, assistantId: string): Promise<Ack> {
    const record = await this.ownedBy(viewerId, assistantId);
    if (!record) return missing;
    await this.store.updateAssistant(assistantId, { deletedAt: new Date(), updatedAt: new Date() });
    return { ok: true };
  }

  private async ownedBy(viewerId: string, assistantId: string): Promise<AssistantRecord | null> {
    const record = await this.store.getAssistant(assistantId);
    return record && !record.deletedAt && record.ownerId === viewerId ? record : null;
  }

  /** For starting a session: a deleted assistant cannot start new ones. */
  async loadForRun(assistantId: string): Promise<RunnableAssistant | null> {
    const record = await this.store.getAssistant(assistantId);
    if (!record) return null;
    return { record, prompt: unseal(record.sealedPrompt, this.promptKey), summaryPrompt: unseal(record.sealedSummaryPrompt, this.promptKey) };
  }
}
