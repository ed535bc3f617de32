import { MongoClient, type Collection, type Db, type Filter, type Sort } from 'mongodb';
import { decodeCursor, pageSize, toPage } from '../cursor.ts';
import { DeletedRecordError, DuplicateRecordError } from '../errors.ts';
import { filteredPage } from '../filtered-page.ts';
import type { AssistantRecord, DraftRecord, DraftUpdateRecord, MessageOutline, MessagePatch, MessageRecord, NewDraftUpdate, NewMessage, SessionRecord, UserRecord } from '../records.ts';
import type { AssistantPatch, AssistantQuery, DraftPatch, Page, SessionPatch, SessionQuery, Store } from '../store.ts';
import { appendMessage, isDuplicateKey } from './append-message.ts';
import * as docs from './documents.ts';
import { MongoDrafts } from './drafts.ts';
import { createIndexes } from './indexes.ts';
import { assistantFilter, sessionFilter } from './listings.ts';

const assistantFields = [
  'name', 'tagline', 'description', 'sealedPrompt', 'sealedSummaryPrompt', 'settings', 'condensing',
  'starters', 'showcased', 'hidden', 'anyProvider', 'deletedAt', 'updatedAt',
] as const satisfies readonly (keyof AssistantPatch)[];
/** Messages on the branch the session shows (documents stored before versions have no `hidden`). */
const shown = { hidden: { $ne: true } } as const;
const sessionFields = ['model', 'sealedPreview', 'sealedTitle', 'sealedSummary', 'sealedContext', 'rating', 'endedAt', 'updatedAt'] as const satisfies readonly (keyof SessionPatch)[];

/**
 * Connects, prepares the indexes and returns the store. The database is the one the URL names
 * (`mongodb://host/name`), else `dbName`, which config sets per environment.
 */
export async function openMongoStore(url: string, dbName?: string): Promise<MongoStore> {
  const name = databaseNameIn(url) ?? dbName;
  if (!name) throw new Error('MongoDB: no database name in the URL and none configured');
  // Fail a request after a few seconds of outage instead of the driver's 30: the user gets a
  // clear error and retries, rather than a frozen tab.
  const client = new MongoClient(url, { serverSelectionTimeoutMS: 5_000 });
  await client.connect();
  try {
    const db = client.db(name);
    await createIndexes(db);
    return new MongoStore(client, db);
  } catch (err) {
    await client.close();
    throw err;
  }
}

/** The path of a `mongodb://` or `mongodb+srv://` URL, if it names a database. */
export function databaseNameIn(url: string): string | undefined {
  const path = /^mongodb(?:\+srv)?:\/\/[^/?]*\/([^?]*)/.exec(url)?.[1];
  return path ? decodeURIComponent(path) : undefined;
}

/**
 * The store on MongoDB or a MongoDB-wire server (FerretDB v1 in tests): no multi-document
 * transactions, no change streams, no $text; single-document writes and unique indexes only.
 */
export class MongoStore implements Store {
  readonly kind = 'mongo' as const;
  readonly #client: MongoClient;
  readonly #users: Collection<docs.UserDoc>;
  readonly #assistants: Collection<docs.AssistantDoc>;
  readonly #drafts: MongoDrafts;
  readonly #sessions: Collection<docs.SessionDoc>;
  readonly #deletedSessions: Collection<docs.DeletedSessionDoc>;
  readonly #messages: Collection<docs.MessageDoc>;
  readonly #counters: Collection<docs.CounterDoc>;

  constructor(client: MongoClient, db: Db) {
    this.#client = client;
    this.#users = db.collection('users');
    this.#assistants = db.collection('assistants');
    this.#drafts = new MongoDrafts(db);
    this.#sessions = db.collection('sessions');
    this.#deletedSessions = db.collection('deletedSessions');
    this.#messages = db.collection('messages');
    this.#counters = db.collection('messageCounters');
  }

  async touchUser(id: string, now: Date): Promise<UserRecord> {
    for (let attempt = 1; ; attempt++) {
      try {
        const user = await this.#users.findOneAndUpdate(
          { _id: id },
          { $set: { lastSeenAt: now }, $setOnInsert: { createdAt: now } },
          { upsert: true, returnDocument: 'after' },
        );
        if (!user) throw new Error('an upsert returned no user');
        return docs.userFromDoc(user);
      } catch (err) {
        // Two tabs signing in at once can both try the insert; the second then finds the first.
        if (!isDuplicateKey(err) || attempt >= 3) throw err;
      }
    }
  }

  async getUser(id: string): Promise<UserRecord | null> {
    return mapped(await this.#users.findOne({ _id: id }), docs.userFromDoc);
  }

  async createAssistant(assistant: AssistantRecord): Promise<void> {
    await inserted('assistant', this.#assistants.insertOne(docs.assistantToDoc(assistant)));
  }

  async getAssistant(id: string): Promise<AssistantRecord | null> {
    return mapped(await this.#assistants.findOne({ _id: id }), docs.assistantFromDoc);
  }

  async getAssistantByCode(code: string): Promise<AssistantRecord | null> {
    return mapped(await this.#assistants.findOne({ code }), docs.assistantFromDoc);
  }

  async updateAssistant(id: string, patch: AssistantPatch): Promise<AssistantRecord | null> {
    const set = docs.setOf(patch, assistantFields);
    // MongoDB refuses an empty $set; an empty patch still answers with the record.
    const doc = isEmpty(set)
      ? await this.#assistants.findOne({ _id: id })
      : await this.#assistants.findOneAndUpdate({ _id: id }, { $set: set }, { returnDocument: 'after' });
    return mapped(doc, docs.assistantFromDoc);
  }

  async listAssistants(query: AssistantQuery): Promise<Page<AssistantRecord>> {
    const filter = assistantFilter(query, decodeCursor(query.cursor, query.sort));
    const sort: Sort = query.sort === 'popular' ? { sessionCount: -1, createdAt: -1, _id: -1 } : { createdAt: -1, _id: -1 };
    const found = await this.#assistants.find(filter).sort(sort).limit(pageSize(query.limit) + 1).toArray();
    return toPage(found.map(docs.assistantFromDoc), query.limit, (a) => ({
      order: query.sort, sessionCount: a.sessionCount, createdAt: a.createdAt.getTime(), id: a.id,
    }));
  }

  async incrementSessionCount(assistantId: string): Promise<void> {
    await this.#assistants.updateOne({ _id: assistantId }, { $inc: { sessionCount: 1 } });
  }

  async createDraft(draft: DraftRecord): Promise<void> {
    await this.#drafts.create(draft);
  }

  async getDraft(id: string): Promise<DraftRecord | null> {
    return this.#drafts.get(id);
  }

  async updateDraft(id: string, patch: DraftPatch): Promise<DraftRecord | null> {
    return this.#drafts.update(id, patch);
  }

  async deleteDraft(id: string): Promise<boolean> {
    return this.#drafts.delete(id);
  }

  async listDrafts(ownerOrEditorId: string): Promise<DraftRecord[]> {
    return this.#drafts.list(ownerOrEditorId);
  }

  async addDraftEditor(draftId: string, userId: string): Promise<DraftRecord | null> {
    return this.#drafts.addEditor(draftId, userId);
  }

  async removeDraftEditor(draftId: string, userId: string): Promise<DraftRecord | null> {
    return this.#drafts.removeEditor(draftId, userId);
  }

  async appendDraftUpdate(update: NewDraftUpdate): Promise<number | null> {
    return this.#drafts.append(update);
  }

  async listDraftUpdates(draftId: string): Promise<DraftUpdateRecord[]> {
    return this.#drafts.listUpdates(draftId);
  }

  async compactDraftUpdates(merged: NewDraftUpdate, replaced: DraftUpdateRecord[]): Promise<number | null> {
    return this.#drafts.compact(merged, replaced);
  }

  async createSession(session: SessionRecord): Promise<void> {
    // A delete leaves its id before it removes anything, so a create after it always finds the id.
    if (await this.#deletedSessions.findOne({ _id: session.id })) throw new DeletedRecordError('session');
    await inserted('session', this.#sessions.insertOne(docs.sessionToDoc(session)));
  }

  async getSession(id: string): Promise<SessionRecord | null> {
    return mapped(await this.#sessions.findOne({ _id: id }), docs.sessionFromDoc);
  }

  async updateSession(id: string, patch: SessionPatch): Promise<SessionRecord | null> {
    const set = docs.setOf(patch, sessionFields);
    // MongoDB refuses an empty $set; an empty patch still answers with the record.
    const doc = isEmpty(set)
      ? await this.#sessions.findOne({ _id: id })
      : await this.#sessions.findOneAndUpdate({ _id: id }, { $set: set }, { returnDocument: 'after' });
    return mapped(doc, docs.sessionFromDoc);
  }

  async addSessionUsage(id: string, promptTokens: number, completionTokens: number): Promise<void> {
    await this.#sessions.updateOne({ _id: id }, { $inc: { 'usage.promptTokens': promptTokens, 'usage.completionTokens': completionTokens } });
  }

  async listSessions(query: SessionQuery): Promise<Page<SessionRecord>> {
    const page = async (cursor: string | null | undefined, limit: number) => {
      const filter = sessionFilter(query, decodeCursor(cursor, 'newest'));
      const found = await this.#sessions.find(filter).sort({ createdAt: -1, _id: -1 }).limit(pageSize(limit) + 1).toArray();
      return toPage(found.map(docs.sessionFromDoc), limit, sessionCursor);
    };
    const { where } = query;
    return where ? filteredPage({ ...query, where }, page, sessionCursor) : page(query.cursor, query.limit);
  }

  /** No transaction: each step is one write, in an order where stopping after any of them loses nothing a retry needs. */
  async deleteSession(id: string): Promise<boolean> {
    if (!(await this.#sessions.findOne({ _id: id }, { projection: { _id: 1 } }))) return false;
    await this.#deletedSessions.updateOne({ _id: id }, { $setOnInsert: { deletedAt: new Date() } }, { upsert: true });
    await this.#messages.deleteMany({ sessionId: id });
    await this.#counters.deleteOne({ _id: id });
    return (await this.#sessions.deleteOne({ _id: id })).deletedCount > 0;
  }

  async appendMessage(message: NewMessage): Promise<{ message: MessageRecord; created: boolean }> {
    return appendMessage(this.#messages, this.#counters, message);
  }

  async updateMessage(sessionId: string, messageId: string, patch: MessagePatch): Promise<boolean> {
    const { sealedText, status, errorCode, withdrawn } = patch;
    // Fields a patch leaves out are removed, as the embedded store sets them back to none.
    const unset = { ...(errorCode === undefined ? { errorCode: '' as const } : {}), ...(withdrawn ? {} : { withdrawn: '' as const }) };
    const set = { sealedText, status, ...(errorCode === undefined ? {} : { errorCode }), ...(withdrawn ? { withdrawn: true } : {}) };
    const update = Object.keys(unset).length > 0 ? { $set: set, $unset: unset } : { $set: set };
    const result = await this.#messages.updateOne({ _id: docs.messageKey(sessionId, messageId) }, update);
    return result.matchedCount > 0;
  }

  async listMessages(sessionId: string, options: { afterSeq?: number; limit?: number; includeHidden?: boolean } = {}): Promise<MessageRecord[]> {
    if (options.limit !== undefined && options.limit <= 0) return [];
    const filter: Filter<docs.MessageDoc> = { sessionId, ...(options.afterSeq === undefined ? {} : { seq: { $gt: options.afterSeq } }), ...(options.includeHidden ? {} : shown) };
    let cursor = this.#messages.find(filter).sort({ seq: 1 });
    if (options.limit !== undefined) cursor = cursor.limit(options.limit);
    return (await cursor.toArray()).map(docs.messageFromDoc);
  }

  async listMessagesBefore(sessionId: string, options: { beforeSeq?: number; limit: number }): Promise<MessageRecord[]> {
    if (options.limit <= 0) return [];
    const filter: Filter<docs.MessageDoc> = { sessionId, ...(options.beforeSeq === undefined ? {} : { seq: { $lt: options.beforeSeq } }), ...shown };
    const newestFirst = await this.#messages.find(filter).sort({ seq: -1 }).limit(options.limit).toArray();
    return newestFirst.reverse().map(docs.messageFromDoc);
  }

  async listMessageOutline(sessionId: string): Promise<MessageOutline[]> {
    const projection = { seq: 1, messageId: 1, role: 1, parentId: 1, hidden: 1 };
    return (await this.#messages.find({ sessionId }, { projection }).sort({ seq: 1 }).toArray()).map(docs.messageOutlineFromDoc);
  }

  async setMessagesHidden(sessionId: string, messageIds: readonly string[], hidden: boolean): Promise<void> {
    if (!messageIds.length) return;
    const _id = { $in: messageIds.map((messageId) => docs.messageKey(sessionId, messageId)) };
    await this.#messages.updateMany({ _id }, hidden ? { $set: { hidden: true } } : { $unset: { hidden: '' } });
  }

  async close(): Promise<void> {
    await this.#client.close();
  }
}

function sessionCursor(s: SessionRecord) {
  return { order: 'newest' as const, sessionCount: 0, createdAt: s.createdAt.getTime(), id: s.id };
}

async function inserted(what: string, insert: Promise<unknown>): Promise<void> {
  try {
    await insert;
  } catch (err) {
    if (isDuplicateKey(err)) throw new DuplicateRecordError(what, { cause: err });
    throw err;
  }
}

function isEmpty(set: object): boolean {
  return Object.keys(set).length === 0;
}

function mapped<D, R>(doc: D | null, toRecord: (doc: D) => R): R | null {
  return doc ? toRecord(doc) : null;
}
