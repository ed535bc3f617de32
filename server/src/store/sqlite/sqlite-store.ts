import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';
import { toPage } from '../cursor.ts';
import { DeletedRecordError, DuplicateRecordError } from '../errors.ts';
import { filteredPage } from '../filtered-page.ts';
import type { AssistantRecord, DraftRecord, DraftUpdateRecord, MessageOutline, MessagePatch, MessageRecord, NewDraftUpdate, NewMessage, SessionRecord, UserRecord } from '../records.ts';
import type { AssistantPatch, AssistantQuery, DraftPatch, Page, SessionPatch, SessionQuery, Store } from '../store.ts';
import { assistantListing, containsText, sessionListing } from './listings.ts';
import * as rows from './rows.ts';
import { migrate } from './schema.ts';

const assistantColumns: rows.PatchColumns<AssistantPatch> = {
  name: ['name', rows.asIs],
  tagline: ['tagline', rows.asIs],
  description: ['description', rows.asIs],
  sealedPrompt: ['sealed_prompt', rows.asIs],
  sealedSummaryPrompt: ['sealed_summary_prompt', rows.asIs],
  settings: ['settings', rows.asJson],
  condensing: ['condensing', rows.asIs],
  starters: ['starters', rows.asJson],
  showcased: ['showcased', rows.flag],
  hidden: ['hidden', rows.flag],
  anyProvider: ['any_provider', rows.flag],
  deletedAt: ['deleted_at', rows.optionalMs],
  updatedAt: ['updated_at', rows.ms],
};

const draftColumns: rows.PatchColumns<DraftPatch> = {
  sealedState: ['sealed_state', rows.asIs],
  assistantId: ['assistant_id', rows.asIs],
  sealedInvite: ['sealed_invite', rows.asIs],
  testSessionId: ['test_session_id', rows.asIs],
  updatedAt: ['updated_at', rows.ms],
};

const sessionColumns: rows.PatchColumns<SessionPatch> = {
  model: ['model', rows.asIs],
  sealedPreview: ['sealed_preview', rows.asIs],
  sealedTitle: ['sealed_title', rows.asIs],
  sealedSummary: ['sealed_summary', rows.asIs],
  sealedContext: ['sealed_context', rows.asIs],
  rating: ['rating', rows.asIs],
  endedAt: ['ended_at', rows.optionalMs],
  updatedAt: ['updated_at', rows.ms],
};

/** SQLite extended result codes for a UNIQUE or PRIMARY KEY violation. */
const constraintViolations = new Set([2067, 1555]);

/**
 * The embedded store: one SQLite file through Node's built-in driver. Calls are synchronous, so a
 * statement never interleaves with another in this process; BEGIN IMMEDIATE and busy_timeout keep
 * a second process (or connection) on the same file safe too.
 */
export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  readonly #db: DatabaseSync;
  readonly #statements = new Map<string, StatementSync>();

  /** `path` is a file (its folder must exist) or `:memory:`. */
  constructor(path: string) {
    this.#db = new DatabaseSync(path, { enableForeignKeyConstraints: true });
    // WAL lets readers run beside the writer; synchronous=NORMAL is durable across a process
    // crash and only risks the last commits on power loss, for far fewer fsyncs per message.
    // secure_delete: a deleted session's sealed messages are overwritten in the file, not left in free pages.
    this.#db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON; PRAGMA secure_delete = ON;');
    this.#db.function('contains_text', { deterministic: true }, containsText);
    migrate(this.#db);
  }

  async touchUser(id: string, now: Date): Promise<UserRecord> {
    const row = this.#get(
      `INSERT INTO users (id, created_at, last_seen_at) VALUES (?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET last_seen_at = excluded.last_seen_at RETURNING *`,
      id, now.getTime(), now.getTime(),
    );
    return rows.userFromRow(required(row));
  }

  async getUser(id: string): Promise<UserRecord | null> {
    return mapped(this.#get('SELECT * FROM users WHERE id = ?', id), rows.userFromRow);
  }

  async createAssistant(assistant: AssistantRecord): Promise<void> {
    this.#insert('assistant', 'INSERT INTO assistants VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)', rows.assistantParams(assistant));
  }

  async getAssistant(id: string): Promise<AssistantRecord | null> {
    return mapped(this.#get('SELECT * FROM assistants WHERE id = ?', id), rows.assistantFromRow);
  }

  async getAssistantByCode(code: string): Promise<AssistantRecord | null> {
    return mapped(this.#get('SELECT * FROM assistants WHERE code = ?', code), rows.assistantFromRow);
  }

  async updateAssistant(id: string, patch: AssistantPatch): Promise<AssistantRecord | null> {
    return mapped(this.#update('assistants', id, rows.setClause(patch, assistantColumns)), rows.assistantFromRow);
  }

  async listAssistants(query: AssistantQuery): Promise<Page<AssistantRecord>> {
    const { sql, params } = assistantListing(query);
    const found = this.#all(sql, ...params).map(rows.assistantFromRow);
    return toPage(found, query.limit, (a) => ({ order: query.sort, sessionCount: a.sessionCount, createdAt: a.createdAt.getTime(), id: a.id }));
  }

  async incrementSessionCount(assistantId: string): Promise<void> {
    this.#run('UPDATE assistants SET session_count = session_count + 1 WHERE id = ?', assistantId);
  }

  async createDraft(draft: DraftRecord): Promise<void> {
    this.#insert('draft', 'INSERT INTO drafts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)', rows.draftParams(draft));
  }

  async getDraft(id: string): Promise<DraftRecord | null> {
    return mapped(this.#get('SELECT * FROM drafts WHERE id = ?', id), rows.draftFromRow);
  }

  async updateDraft(id: string, patch: DraftPatch): Promise<DraftRecord | null> {
    return mapped(this.#update('drafts', id, rows.setClause(patch, draftColumns)), rows.draftFromRow);
  }

  async deleteDraft(id: string): Promise<boolean> {
    return this.#run('DELETE FROM drafts WHERE id = ?', id) > 0;
  }

  async listDrafts(ownerOrEditorId: string): Promise<DraftRecord[]> {
    return this.#all(
      `SELECT * FROM drafts
       WHERE owner_id = ? OR EXISTS (SELECT 1 FROM json_each(drafts.editor_ids) WHERE value = ?)
       ORDER BY updated_at DESC, id DESC`,
      ownerOrEditorId, ownerOrEditorId,
    ).map(rows.draftFromRow);
  }

  async addDraftEditor(draftId: string, userId: string): Promise<DraftRecord | null> {
    return this.#immediate(() => {
      this.#run(
        `UPDATE drafts SET editor_ids = json_insert(editor_ids, '$[#]', ?)
         WHERE id = ? AND NOT EXISTS (SELECT 1 FROM json_each(drafts.editor_ids) WHERE value = ?)`,
        userId, draftId, userId,
      );
      return mapped(this.#get('SELECT * FROM drafts WHERE id = ?', draftId), rows.draftFromRow);
    });
  }

  async removeDraftEditor(draftId: string, userId: string): Promise<DraftRecord | null> {
    const row = this.#get(
      `UPDATE drafts SET editor_ids = (SELECT json_group_array(value) FROM json_each(drafts.editor_ids) WHERE value != ?)
       WHERE id = ? RETURNING *`,
      userId, draftId,
    );
    return mapped(row, rows.draftFromRow);
  }

  /** An edit also moves the draft's updatedAt (never back), so listings show recently edited drafts first. */
  async appendDraftUpdate(update: NewDraftUpdate): Promise<number | null> {
    return this.#immediate(() => {
      const row = this.#get(
        `INSERT INTO draft_updates (draft_id, sealed_update, created_at)
         SELECT id, ?, ? FROM drafts WHERE id = ? RETURNING seq`,
        update.sealedUpdate, update.createdAt.getTime(), update.draftId,
      );
      if (!row) return null;
      this.#run('UPDATE drafts SET updated_at = MAX(updated_at, ?) WHERE id = ?', update.createdAt.getTime(), update.draftId);
      return Number(row.seq);
    });
  }

  async listDraftUpdates(draftId: string): Promise<DraftUpdateRecord[]> {
    return this.#all('SELECT * FROM draft_updates WHERE draft_id = ? ORDER BY seq', draftId).map(rows.draftUpdateFromRow);
  }

  /** AUTOINCREMENT never hands out a seq twice, so deleting by seq deletes exactly what was merged. */
  async compactDraftUpdates(merged: NewDraftUpdate, replaced: DraftUpdateRecord[]): Promise<number | null> {
    return this.#immediate(() => {
      const seq = this.#get(
        `INSERT INTO draft_updates (draft_id, sealed_update, created_at)
         SELECT id, ?, ? FROM drafts WHERE id = ? RETURNING seq`,
        merged.sealedUpdate, merged.createdAt.getTime(), merged.draftId,
      )?.seq;
      if (seq === undefined) return null;
      this.#run('DELETE FROM draft_updates WHERE draft_id = ? AND seq IN (SELECT value FROM json_each(?))', merged.draftId, JSON.stringify(replaced.map((entry) => entry.seq)));
      return Number(seq);
    });
  }

  async createSession(session: SessionRecord): Promise<void> {
    this.#immediate(() => {
      if (this.#get('SELECT 1 FROM deleted_sessions WHERE id = ?', session.id)) throw new DeletedRecordError('session');
      this.#insert('session', 'INSERT INTO sessions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)', rows.sessionParams(session));
    });
  }

  async getSession(id: string): Promise<SessionRecord | null> {
    return mapped(this.#get('SELECT * FROM sessions WHERE id = ?', id), rows.sessionFromRow);
  }

  async updateSession(id: string, patch: SessionPatch): Promise<SessionRecord | null> {
    return mapped(this.#update('sessions', id, rows.setClause(patch, sessionColumns)), rows.sessionFromRow);
  }

  async addSessionUsage(id: string, promptTokens: number, completionTokens: number): Promise<void> {
    this.#run(
      'UPDATE sessions SET prompt_tokens = prompt_tokens + ?, completion_tokens = completion_tokens + ? WHERE id = ?',
      promptTokens, completionTokens, id,
    );
  }

  async listSessions(query: SessionQuery): Promise<Page<SessionRecord>> {
    const page = async (cursor: string | null | undefined, limit: number) => {
      const { sql, params } = sessionListing({ ...query, cursor, limit });
      return toPage(this.#all(sql, ...params).map(rows.sessionFromRow), limit, sessionCursor);
    };
    const { where } = query;
    return where ? filteredPage({ ...query, where }, page, sessionCursor) : page(query.cursor, query.limit);
  }

  async deleteSession(id: string): Promise<boolean> {
    const deleted = this.#immediate(() => {
      if (!this.#get('SELECT 1 FROM sessions WHERE id = ?', id)) return false;
      this.#run('INSERT OR IGNORE INTO deleted_sessions (id, deleted_at) VALUES (?, ?)', id, Date.now());
      this.#run('DELETE FROM messages WHERE session_id = ?', id);
      this.#run('DELETE FROM sessions WHERE id = ?', id);
      return true;
    });
    // The write-ahead log still holds the pages as they were; moved into the file, secure_delete clears them.
    if (deleted) this.#db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    return deleted;
  }

  async appendMessage(message: NewMessage): Promise<{ message: MessageRecord; created: boolean }> {
    return this.#immediate(() => {
      const existing = this.#get('SELECT * FROM messages WHERE session_id = ? AND message_id = ?', message.sessionId, message.messageId);
      if (existing) return { message: rows.messageFromRow(existing), created: false };
      const inserted = this.#get(
        `INSERT INTO messages (session_id, seq, message_id, role, sealed_text, status, created_at, model, error_code, parent_id, hidden, withdrawn)
         SELECT ?, COALESCE(MAX(seq), 0) + 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM messages WHERE session_id = ?
         RETURNING *`,
        message.sessionId, message.messageId, message.role, message.sealedText, message.status, message.createdAt.getTime(), message.model ?? null, message.errorCode ?? null,
        rows.parentColumn(message.parentId), message.hidden ? 1 : 0, message.withdrawn ? 1 : 0, message.sessionId,
      );
      return { message: rows.messageFromRow(required(inserted)), created: true };
    });
  }

  async updateMessage(sessionId: string, messageId: string, patch: MessagePatch): Promise<boolean> {
    const changes = this.#run(
      'UPDATE messages SET sealed_text = ?, status = ?, error_code = ?, withdrawn = ? WHERE session_id = ? AND message_id = ?',
      patch.sealedText, patch.status, patch.errorCode ?? null, patch.withdrawn ? 1 : 0, sessionId, messageId,
    );
    return changes > 0;
  }

  async listMessages(sessionId: string, options: { afterSeq?: number; limit?: number; includeHidden?: boolean } = {}): Promise<MessageRecord[]> {
    if (options.limit !== undefined && options.limit <= 0) return [];
    return this.#all(
      'SELECT * FROM messages WHERE session_id = ? AND seq > ? AND hidden <= ? ORDER BY seq LIMIT ?',
      sessionId, options.afterSeq ?? Number.MIN_SAFE_INTEGER, options.includeHidden ? 1 : 0, options.limit ?? -1,
    ).map(rows.messageFromRow);
  }

  async listMessageOutline(sessionId: string): Promise<MessageOutline[]> {
    return this.#all('SELECT seq, message_id, role, parent_id, hidden FROM messages WHERE session_id = ? ORDER BY seq', sessionId).map(rows.messageOutlineFromRow);
  }

  async setMessagesHidden(sessionId: string, messageIds: readonly string[], hidden: boolean): Promise<void> {
    if (!messageIds.length) return;
    this.#immediate(() => {
      for (const messageId of messageIds) this.#run('UPDATE messages SET hidden = ? WHERE session_id = ? AND message_id = ?', hidden ? 1 : 0, sessionId, messageId);
    });
  }

  async listMessagesBefore(sessionId: string, options: { beforeSeq?: number; limit: number }): Promise<MessageRecord[]> {
    if (options.limit <= 0) return [];
    const newestFirst = this.#all(
      'SELECT * FROM messages WHERE session_id = ? AND seq < ? AND hidden = 0 ORDER BY seq DESC LIMIT ?',
      sessionId, options.beforeSeq ?? Number.MAX_SAFE_INTEGER, options.limit,
    );
    return newestFirst.reverse().map(rows.messageFromRow);
  }

  async close(): Promise<void> {
    if (this.#db.isOpen) this.#db.close();
  }

  #statement(sql: string): StatementSync {
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = this.#db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  #get(sql: string, ...params: SQLInputValue[]): rows.Row | undefined {
    return this.#statement(sql).get(...params);
  }

  #all(sql: string, ...params: SQLInputValue[]): rows.Row[] {
    return this.#statement(sql).all(...params);
  }

  /** Returns the number of rows changed. */
  #run(sql: string, ...params: SQLInputValue[]): number {
    return Number(this.#statement(sql).run(...params).changes);
  }

  #insert(what: string, sql: string, params: SQLInputValue[]): void {
    try {
      this.#run(sql, ...params);
    } catch (err) {
      if (isConstraintViolation(err)) throw new DuplicateRecordError(what, { cause: err });
      throw err;
    }
  }

  /** An empty patch still reads the record back, so callers get the same answer either way. */
  #update(table: string, id: string, set: { sql: string; params: SQLInputValue[] }): rows.Row | undefined {
    if (set.sql === '') return this.#get(`SELECT * FROM ${table} WHERE id = ?`, id);
    return this.#get(`UPDATE ${table} SET ${set.sql} WHERE id = ? RETURNING *`, ...set.params, id);
  }

  #immediate<T>(work: () => T): T {
    this.#db.exec('BEGIN IMMEDIATE');
    try {
      const result = work();
      this.#db.exec('COMMIT');
      return result;
    } catch (err) {
      // SQLite rolls back by itself after an I/O error or a full disk; a second ROLLBACK would
      // throw and hide the error that says what happened.
      if (this.#db.isTransaction) this.#db.exec('ROLLBACK');
      throw err;
    }
  }
}

function sessionCursor(s: SessionRecord) {
  return { order: 'newest' as const, sessionCount: 0, createdAt: s.createdAt.getTime(), id: s.id };
}

function isConstraintViolation(err: unknown): boolean {
  return err instanceof Error && 'errcode' in err && typeof err.errcode === 'number' && constraintViolations.has(err.errcode);
}

function required(row: rows.Row | undefined): rows.Row {
  if (!row) throw new Error('the statement returned no row');
  return row;
}

function mapped<T>(row: rows.Row | undefined, toRecord: (row: rows.Row) => T): T | null {
  return row ? toRecord(row) : null;
}
