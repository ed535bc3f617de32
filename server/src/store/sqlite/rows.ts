import type { SQLInputValue, SQLOutputValue } from 'node:sqlite';
import { messageStatuses, type AssistantRecord, type ContinuedFrom, type DraftRecord, type DraftUpdateRecord, type MessageOutline, type MessageRecord, type SessionRecord, type UserRecord } from '../records.ts';

/** Maps table rows to records and back. Rows are checked column by column: a file edited by hand fails loudly. */
export type Row = Record<string, SQLOutputValue>;

export function userFromRow(row: Row): UserRecord {
  return { id: text(row, 'id'), createdAt: date(row, 'created_at'), lastSeenAt: date(row, 'last_seen_at') };
}

export function assistantFromRow(row: Row): AssistantRecord {
  return {
    id: text(row, 'id'),
    code: text(row, 'code'),
    ownerId: text(row, 'owner_id'),
    name: text(row, 'name'),
    tagline: text(row, 'tagline'),
    description: text(row, 'description'),
    sealedPrompt: text(row, 'sealed_prompt'),
    sealedSummaryPrompt: text(row, 'sealed_summary_prompt'),
    settings: json(row, 'settings'),
    condensing: oneOf(row, 'condensing', ['rolling', 'summarize'] as const),
    starters: json(row, 'starters'),
    showcased: integer(row, 'showcased') === 1,
    hidden: integer(row, 'hidden') === 1,
    anyProvider: integer(row, 'any_provider') === 1,
    deletedAt: optionalDate(row, 'deleted_at'),
    sessionCount: integer(row, 'session_count'),
    createdAt: date(row, 'created_at'),
    updatedAt: date(row, 'updated_at'),
  };
}

export function assistantParams(a: AssistantRecord): SQLInputValue[] {
  return [
    a.id, a.code, a.ownerId, a.name, a.tagline, a.description, a.sealedPrompt, a.sealedSummaryPrompt,
    JSON.stringify(a.settings), a.condensing, JSON.stringify(a.starters), flag(a.showcased), flag(a.hidden),
    optionalMs(a.deletedAt), a.sessionCount, ms(a.createdAt), ms(a.updatedAt),
    // Added by schema version 5, so it comes last.
    flag(a.anyProvider),
  ];
}

export function draftFromRow(row: Row): DraftRecord {
  return {
    id: text(row, 'id'),
    ownerId: text(row, 'owner_id'),
    assistantId: optionalText(row, 'assistant_id'),
    sealedState: text(row, 'sealed_state'),
    editorIds: json(row, 'editor_ids'),
    sealedInvite: optionalText(row, 'sealed_invite'),
    testSessionId: text(row, 'test_session_id'),
    createdAt: date(row, 'created_at'),
    updatedAt: date(row, 'updated_at'),
  };
}

export function draftParams(d: DraftRecord): SQLInputValue[] {
  return [
    d.id, d.ownerId, d.assistantId, d.sealedState, JSON.stringify(d.editorIds), ms(d.createdAt), ms(d.updatedAt),
    // Added by schema version 3, so they come last.
    d.sealedInvite, d.testSessionId,
  ];
}

export function draftUpdateFromRow(row: Row): DraftUpdateRecord {
  return { draftId: text(row, 'draft_id'), seq: integer(row, 'seq'), sealedUpdate: text(row, 'sealed_update'), createdAt: date(row, 'created_at') };
}

export function sessionFromRow(row: Row): SessionRecord {
  const rating = optionalText(row, 'rating');
  return {
    id: text(row, 'id'),
    userId: text(row, 'user_id'),
    assistantId: optionalText(row, 'assistant_id'),
    model: text(row, 'model'),
    sealedPreview: optionalText(row, 'sealed_preview'),
    sealedTitle: optionalText(row, 'sealed_title'),
    sealedSummary: optionalText(row, 'sealed_summary'),
    sealedContext: optionalText(row, 'sealed_context'),
    continuedFrom: continuedFromOf(row),
    rating: rating === null ? null : oneOf(row, 'rating', ['up', 'down'] as const),
    usage: { promptTokens: integer(row, 'prompt_tokens'), completionTokens: integer(row, 'completion_tokens') },
    createdAt: date(row, 'created_at'),
    updatedAt: date(row, 'updated_at'),
    endedAt: optionalDate(row, 'ended_at'),
  };
}

export function sessionParams(s: SessionRecord): SQLInputValue[] {
  return [
    s.id, s.userId, s.assistantId, s.model, s.sealedPreview, s.sealedSummary, s.rating,
    s.usage.promptTokens, s.usage.completionTokens, ms(s.createdAt), ms(s.updatedAt), optionalMs(s.endedAt),
    // Added by schema versions 2, 6 and 10, so they are the last columns.
    s.sealedContext, s.sealedTitle, s.continuedFrom ? JSON.stringify(s.continuedFrom) : null,
  ];
}

function continuedFromOf(row: Row): ContinuedFrom | null {
  const stored = optionalText(row, 'continued_from');
  if (stored === null) return null;
  const { sessionId, sealedTitle, sealedSummary } = JSON.parse(stored) as ContinuedFrom;
  if (typeof sessionId !== 'string' || typeof sealedTitle !== 'string' || typeof sealedSummary !== 'string') throw new Error('column continued_from: not a session this one continues');
  return { sessionId, sealedTitle, sealedSummary };
}

/** '' stands for "the first message": NULL is kept for messages stored before parents were. */
export const parentColumn = (parentId: string | null | undefined): string | null => (parentId === undefined ? null : (parentId ?? ''));

function parentOf(row: Row): { parentId?: string | null } {
  const parent = optionalText(row, 'parent_id');
  return parent === null ? {} : { parentId: parent === '' ? null : parent };
}

export function messageOutlineFromRow(row: Row): MessageOutline {
  return {
    seq: integer(row, 'seq'),
    messageId: text(row, 'message_id'),
    role: oneOf(row, 'role', ['user', 'assistant'] as const),
    ...parentOf(row),
    ...(integer(row, 'hidden') ? { hidden: true } : {}),
  };
}

export function messageFromRow(row: Row): MessageRecord {
  const model = optionalText(row, 'model');
  const errorCode = optionalText(row, 'error_code');
  return {
    ...messageOutlineFromRow(row),
    sessionId: text(row, 'session_id'),
    seq: integer(row, 'seq'),
    messageId: text(row, 'message_id'),
    role: oneOf(row, 'role', ['user', 'assistant'] as const),
    sealedText: text(row, 'sealed_text'),
    status: oneOf(row, 'status', messageStatuses),
    createdAt: date(row, 'created_at'),
    ...(model === null ? {} : { model }),
    ...(errorCode === null ? {} : { errorCode }),
    ...(integer(row, 'withdrawn') ? { withdrawn: true } : {}),
  };
}

/** How each patchable field is written: its column and its encoding. */
export type PatchColumns<P> = { [K in keyof Required<P>]: readonly [column: string, encode: (value: Exclude<P[K], undefined>) => SQLInputValue] };

/** `SET a = ?, b = ?` for the fields a patch sets; fields left undefined keep their value. */
export function setClause<P extends object>(patch: P, columns: PatchColumns<P>): { sql: string; params: SQLInputValue[] } {
  const sets: string[] = [];
  const params: SQLInputValue[] = [];
  for (const key of Object.keys(columns) as (keyof P)[]) {
    const value = patch[key];
    if (value === undefined) continue;
    const [column, encode] = columns[key] as readonly [string, (value: unknown) => SQLInputValue];
    sets.push(`${column} = ?`);
    params.push(encode(value));
  }
  return { sql: sets.join(', '), params };
}

export const asIs = (value: string | null): SQLInputValue => value;
export const asJson = (value: unknown): SQLInputValue => JSON.stringify(value);
export const flag = (value: boolean): number => (value ? 1 : 0);
export const ms = (value: Date): number => value.getTime();
export const optionalMs = (value: Date | null): number | null => (value === null ? null : value.getTime());

function text(row: Row, column: string): string {
  const value = row[column];
  if (typeof value !== 'string') throw new TypeError(`column ${column}: expected text, got ${typeof value}`);
  return value;
}

function optionalText(row: Row, column: string): string | null {
  return row[column] === null ? null : text(row, column);
}

function integer(row: Row, column: string): number {
  const value = row[column];
  if (typeof value !== 'number' || !Number.isInteger(value)) throw new TypeError(`column ${column}: expected an integer`);
  return value;
}

function date(row: Row, column: string): Date {
  return new Date(integer(row, column));
}

function optionalDate(row: Row, column: string): Date | null {
  return row[column] === null ? null : date(row, column);
}

/** Our own JSON columns, written by this module only. */
function json<T>(row: Row, column: string): T {
  return JSON.parse(text(row, column)) as T;
}

function oneOf<T extends string>(row: Row, column: string, allowed: readonly T[]): T {
  const value = text(row, column);
  if (!(allowed as readonly string[]).includes(value)) throw new TypeError(`column ${column}: unexpected value ${value}`);
  return value as T;
}
