import { errorCodes, type ChatMessage, type ErrorCode } from '@gptlab/common';
import { seal, unseal } from '../identity/sealing.ts';
import type { MessageRecord, NewMessage } from '../../store/records.ts';
import type { Store } from '../../store/store.ts';

/** A message as its writer gives it: the plain text, which the transcript seals. */
type NewTranscriptMessage = Omit<NewMessage, 'sessionId' | 'sealedText' | 'createdAt'> & { text: string };

/** A session's messages, sealed on the way into the store and opened on the way out. */
export class Transcript {
  private readonly store: Store;
  private readonly sessionId: string;
  private readonly messageKey: Uint8Array;

  constructor(store: Store, sessionId: string, messageKey: Uint8Array) {
    this.store = store;
    this.sessionId = sessionId;
    this.messageKey = messageKey;
  }

  async append(message: NewTranscriptMessage): Promise<{ message: ChatMessage; created: boolean }> {
    const { record, created } = await this.#appendSealed(message);
    return { message: this.open(record), created };
  }

  /**
   * Stores the message, or overwrites the stored one with the same id: a reply is written over its
   * own checkpoints as it streams, and its final text over the last of them.
   */
  async write(message: NewTranscriptMessage): Promise<void> {
    const { created, sealedText } = await this.#appendSealed(message);
    if (!created) await this.store.updateMessage(this.sessionId, message.messageId, { sealedText, status: message.status, errorCode: message.errorCode, withdrawn: message.withdrawn });
  }

  /** Seals the text and appends; a message already stored under its id is returned as it is. */
  async #appendSealed(message: NewTranscriptMessage): Promise<{ record: MessageRecord; created: boolean; sealedText: string }> {
    const { text, ...rest } = message;
    const sealedText = seal(text, this.messageKey);
    const { message: record, created } = await this.store.appendMessage({ ...rest, sessionId: this.sessionId, sealedText, createdAt: new Date() });
    return { record, created, sealedText };
  }

  /**
   * Throws UnsealError if a record was altered or sealed under another key. A checkpoint nobody is
   * writing any more (its server went away) reads as interrupted: the caller who knows of a reply
   * in flight drops its checkpoint instead.
   */
  async read(): Promise<ChatMessage[]> {
    const records = await this.store.listMessages(this.sessionId);
    return records.map((record) => this.open(record));
  }

  /** The messages shown, and every message of the session: earlier versions, and what followed them, too. */
  async readWithVersions(): Promise<{ shown: ChatMessage[]; everything: ChatMessage[] }> {
    const records = await this.store.listMessages(this.sessionId, { includeHidden: true });
    const everything = records.map((record) => this.open(record));
    return { shown: everything.filter((_, i) => !records[i]?.hidden), everything };
  }

  /** What a new message follows: the last message shown, null in an empty session. */
  async lastShownId(): Promise<string | null> {
    const [last] = await this.store.listMessagesBefore(this.sessionId, { limit: 1 });
    return last?.messageId ?? null;
  }

  /**
   * The newest messages before `beforeSeq`, oldest first: at most `limit`, and no more than about
   * `maxChars` of sealed text (one message at least). Only the messages kept are unsealed.
   * `earlier` is the cursor of the page before, null when this page reaches the first message.
   */
  async page(options: { beforeSeq?: number; limit: number; maxChars: number }): Promise<{ messages: ChatMessage[]; earlier: number | null }> {
    const records = await this.store.listMessagesBefore(this.sessionId, { beforeSeq: options.beforeSeq, limit: options.limit + 1 });
    const kept: MessageRecord[] = [];
    let chars = 0;
    for (const record of records.slice(-options.limit).reverse()) {
      if (kept.length > 0 && chars + record.sealedText.length > options.maxChars) break;
      kept.push(record);
      chars += record.sealedText.length;
    }
    kept.reverse();
    const oldest = kept[0];
    const reachedFirst = oldest === undefined || oldest === records[0];
    return { messages: kept.map((record) => this.open(record)), earlier: reachedFirst ? null : oldest.seq };
  }

  private open(record: MessageRecord): ChatMessage {
    const status = record.status === 'writing' ? 'interrupted' : record.status;
    const model = record.model === undefined ? {} : { model: record.model };
    // A checkpoint nobody finished was cut off by its server.
    const errorCode = record.status === 'writing' ? 'reply_interrupted' : knownErrorCode(record.errorCode);
    const why = errorCode === undefined ? {} : { errorCode };
    const withdrawn = record.withdrawn ? { withdrawn: true as const } : {};
    return { id: record.messageId, role: record.role, text: unseal(record.sealedText, this.messageKey), status, createdAt: record.createdAt.toISOString(), ...model, ...why, ...withdrawn };
  }
}

/** A stored code this release still knows; one from a newer release reads as none. */
function knownErrorCode(code: string | undefined): ErrorCode | undefined {
  return (errorCodes as readonly string[]).includes(code ?? '') ? (code as ErrorCode) : undefined;
}
