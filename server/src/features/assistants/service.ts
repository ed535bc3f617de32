import { failure, type Ack, type AssistantCard, type ListAssistants } from '@gptlab/common';
import type { AssistantRecord } from '../../store/records.ts';
import type { Store } from '../../store/store.ts';
import type { TrustedProviders } from '../../llm/trusted-providers.ts';
import { unseal } from '../identity/sealing.ts';
import { toCard } from './cards.ts';
import { defaultSummaryPrompt } from './examples.ts';

/** An assistant as the server runs it: its record and its prompts in clear, for this call only. */
export interface RunnableAssistant {
  record: AssistantRecord;
  prompt: string;
  summaryPrompt: string;
}

/** Who wants an assistant run, and on which provider: that provider will read its prompt. */
export interface Runner {
  userId: string;
  baseUrl: string;
}

/** How a session names the assistant it starts with: anyone by its code, its owner also by its id. */
export type AssistantHandle = { code: string } | { id: string };

/** The answer for a code (or id) that opens no assistant, whoever asks and wherever. */
export const missing = failure('not_found', 'No assistant has this code. Check it, or find another assistant in the Lounge.');

/** Finding and reading assistants. Prompts are opened only to run them, never to show them. */
export class AssistantService {
  private readonly store: Store;
  private readonly promptKey: Uint8Array;
  private readonly trusted: TrustedProviders;

  constructor(store: Store, promptKey: Uint8Array, trusted: TrustedProviders) {
    this.store = store;
    this.promptKey = promptKey;
    this.trusted = trusted;
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

  /**
   * The assistant a new session names. An id finds only the caller's own assistants: anyone
   * else's answers as an unknown code, so ids seen anywhere open nothing without the code.
   */
  async resolve(handle: AssistantHandle, viewerId: string): Promise<AssistantRecord | null> {
    if ('code' in handle) return this.store.getAssistantByCode(handle.code);
    const record = await this.store.getAssistant(handle.id);
    return record?.ownerId === viewerId ? record : null;
  }

  /**
   * Opens the prompts to run them, only for a provider allowed to read them: the operator's
   * trusted ones, any at all for the owner, or any if the owner allowed it. A deleted assistant
   * still loads (its sessions stay readable); callers decide what it may still do.
   */
  async loadForRun(assistantId: string, runner: Runner): Promise<Ack<{ assistant: RunnableAssistant }>> {
    const record = await this.store.getAssistant(assistantId);
    return record ? this.openForRun(record, runner) : missing;
  }

  /** loadForRun for a record already read. */
  openForRun(record: AssistantRecord, runner: Runner): Ack<{ assistant: RunnableAssistant }> {
    if (!this.mayRun(record, runner)) return this.untrustedProvider();
    return { ok: true, assistant: { record, prompt: unseal(record.sealedPrompt, this.promptKey), summaryPrompt: unseal(record.sealedSummaryPrompt, this.promptKey) } };
  }

  /** Both prompts opened, for the leak guard only: it runs here, and nothing of them leaves through it. */
  secretsOf(record: AssistantRecord): string[] {
    return [unseal(record.sealedPrompt, this.promptKey), unseal(record.sealedSummaryPrompt, this.promptKey)];
  }

  /** A recap on a provider not allowed the owner's summary prompt is written with the default one. */
  recapPromptFor(record: AssistantRecord, runner: Runner): string {
    return this.mayRun(record, runner) ? unseal(record.sealedSummaryPrompt, this.promptKey) : defaultSummaryPrompt;
  }

  mayRun(record: AssistantRecord, runner: Runner): boolean {
    return record.ownerId === runner.userId || record.anyProvider || this.trusted.trusts(runner.baseUrl);
  }

  private untrustedProvider(): ReturnType<typeof failure> {
    const [own, ...others] = this.trusted.urls;
    const where = others.length ? `${own} (or ${others.join(', ')})` : own;
    return failure(
      'provider_not_trusted',
      `This assistant keeps its prompt on this server's trusted provider, ${where}, and you are signed in with another one. Sign in with a key for ${own} to chat with it.`,
    );
  }
}
