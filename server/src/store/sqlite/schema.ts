import type { DatabaseSync } from 'node:sqlite';

/**
 * The embedded schema, one entry per version: version N is migrations[N - 1]. Only ever append;
 * a released entry never changes. PRAGMA user_version records how far a file has come.
 * Dates are epoch milliseconds; lists and settings are JSON text.
 */
const migrations: readonly string[] = [
  `
  CREATE TABLE users (
    id TEXT PRIMARY KEY,
    created_at INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL
  ) STRICT;

  CREATE TABLE assistants (
    id TEXT PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    owner_id TEXT NOT NULL,
    name TEXT NOT NULL,
    tagline TEXT NOT NULL,
    description TEXT NOT NULL,
    sealed_prompt TEXT NOT NULL,
    sealed_summary_prompt TEXT NOT NULL,
    settings TEXT NOT NULL,
    condensing TEXT NOT NULL,
    starters TEXT NOT NULL,
    showcased INTEGER NOT NULL,
    hidden INTEGER NOT NULL,
    deleted_at INTEGER,
    session_count INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX assistants_by_owner ON assistants (owner_id, created_at DESC, id DESC);
  CREATE INDEX assistants_by_newest ON assistants (created_at DESC, id DESC);
  CREATE INDEX assistants_by_popularity ON assistants (session_count DESC, created_at DESC, id DESC);
  CREATE INDEX assistants_showcased ON assistants (showcased, created_at DESC, id DESC);

  CREATE TABLE drafts (
    id TEXT PRIMARY KEY,
    owner_id TEXT NOT NULL,
    assistant_id TEXT,
    sealed_state TEXT NOT NULL,
    editor_ids TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX drafts_by_owner ON drafts (owner_id, updated_at DESC);

  CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL,
    assistant_id TEXT,
    model TEXT NOT NULL,
    sealed_preview TEXT,
    sealed_summary TEXT,
    rating TEXT,
    prompt_tokens INTEGER NOT NULL,
    completion_tokens INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    ended_at INTEGER
  ) STRICT;
  CREATE INDEX sessions_by_user ON sessions (user_id, created_at DESC, id DESC);
  CREATE INDEX sessions_by_user_assistant ON sessions (user_id, assistant_id, created_at DESC, id DESC);

  CREATE TABLE messages (
    session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    message_id TEXT NOT NULL,
    role TEXT NOT NULL,
    sealed_text TEXT NOT NULL,
    status TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (session_id, seq),
    UNIQUE (session_id, message_id)
  ) STRICT, WITHOUT ROWID;
  `,
  `
  ALTER TABLE sessions ADD COLUMN sealed_context TEXT;
  `,
  // Drafts became co-edited: each edit is appended to a log (AUTOINCREMENT: a seq is never reused,
  // even after compaction deletes the rows). No release wrote drafts before this version, so the
  // empty test session id default is never read.
  `
  ALTER TABLE drafts ADD COLUMN sealed_invite TEXT;
  ALTER TABLE drafts ADD COLUMN test_session_id TEXT NOT NULL DEFAULT '';
  CREATE INDEX drafts_by_updated ON drafts (updated_at DESC, id DESC);

  CREATE TABLE draft_updates (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    draft_id TEXT NOT NULL REFERENCES drafts (id) ON DELETE CASCADE,
    sealed_update TEXT NOT NULL,
    created_at INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX draft_updates_by_draft ON draft_updates (draft_id, seq);
  `,
  // Owners may let an assistant run on providers the operator does not trust; no one had before.
  `
  ALTER TABLE assistants ADD COLUMN any_provider INTEGER NOT NULL DEFAULT 0;
  `,
  // Which model wrote a reply; replies stored before this version say none.
  `
  ALTER TABLE messages ADD COLUMN model TEXT;
  `,
  // Sessions take a title from their user; sessions stored before have none and list by their
  // first words. A deleted session leaves its id behind (and nothing else), so it is never reused.
  `
  ALTER TABLE sessions ADD COLUMN sealed_title TEXT;
  CREATE TABLE deleted_sessions (
    id TEXT PRIMARY KEY,
    deleted_at INTEGER NOT NULL
  ) STRICT, WITHOUT ROWID;
  `,
  // Why a failed or interrupted reply ended; replies stored before this version say nothing.
  `
  ALTER TABLE messages ADD COLUMN error_code TEXT;
  `,
  // Versions of a message (an edit, a regenerated reply) branch the thread: each message names the
  // one it follows ('' for the first; NULL on messages stored before, which follow the one before
  // them), and the branches the session does not show are hidden.
  `
  ALTER TABLE messages ADD COLUMN parent_id TEXT;
  ALTER TABLE messages ADD COLUMN hidden INTEGER NOT NULL DEFAULT 0;
  `,
  // A session may carry on from another with a summary of it; sessions stored before carry on from none.
  `
  ALTER TABLE sessions ADD COLUMN continued_from TEXT;
  `,
  // Replies the prompt-leak guard withdrew say so after a reload; replies stored before say nothing.
  `
  ALTER TABLE messages ADD COLUMN withdrawn INTEGER NOT NULL DEFAULT 0;
  `,
];

export const schemaVersion = migrations.length;

/**
 * Brings the file up to schemaVersion, one transaction per step, so a crash leaves a whole version.
 * `upTo` stops at an earlier version: a test writes a file as an older release did.
 */
export function migrate(db: DatabaseSync, upTo = schemaVersion): void {
  const current = userVersion(db);
  if (current > schemaVersion) {
    throw new Error(`the database file is at schema version ${current}, newer than this release knows (${schemaVersion})`);
  }
  for (let version = current + 1; version <= upTo; version++) {
    db.exec('BEGIN IMMEDIATE');
    try {
      // Another process may have migrated between our read and our lock.
      if (userVersion(db) < version) {
        db.exec(migrations[version - 1] ?? '');
        db.exec(`PRAGMA user_version = ${version}`);
      }
      db.exec('COMMIT');
    } catch (err) {
      db.exec('ROLLBACK');
      throw err;
    }
  }
}

function userVersion(db: DatabaseSync): number {
  const row = db.prepare('PRAGMA user_version').get();
  return Number(row?.user_version ?? 0);
}
