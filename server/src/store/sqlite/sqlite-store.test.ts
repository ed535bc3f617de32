import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { expect, it } from 'vitest';
import { aMessage, aSession } from '../../../../tests/store-contract/rules/builders.ts';
import { describeStoreContract } from '../../../../tests/store-contract/store.contract.ts';
import { migrate } from './schema.ts';
import { SqliteStore } from './sqlite-store.ts';

describeStoreContract('embedded SQLite (file)', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'gptlab-store-'));
  const file = path.join(dir, 'gptlab.sqlite');
  const store = new SqliteStore(file);
  return {
    store,
    reopen: async () => new SqliteStore(file),
    cleanup: async () => {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
});

describeStoreContract('embedded SQLite (:memory:)', async () => {
  const store = new SqliteStore(':memory:');
  return { store, cleanup: () => store.close() };
});

/** Schema version 5 added messages.model. */
const modelColumnVersion = 5;

it('a file written before replies named their model opens, and its messages read back as they were', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'gptlab-store-'));
  const file = path.join(dir, 'gptlab.sqlite');
  try {
    const before = new SqliteStore(file);
    const session = aSession();
    await before.createSession(session);
    const { message } = await before.appendMessage(aMessage(session.id, { role: 'assistant' }));
    await before.close();
    // The file as the release before wrote it: no model column, one version back (and nothing of the versions after it).
    const db = new DatabaseSync(file);
    db.exec(`ALTER TABLE sessions DROP COLUMN continued_from; ALTER TABLE messages DROP COLUMN withdrawn;`);
    db.exec(`ALTER TABLE messages DROP COLUMN parent_id; ALTER TABLE messages DROP COLUMN hidden;`);
    db.exec(`ALTER TABLE messages DROP COLUMN error_code; ALTER TABLE sessions DROP COLUMN sealed_title; DROP TABLE deleted_sessions;`);
    db.exec(`ALTER TABLE messages DROP COLUMN model; PRAGMA user_version = ${modelColumnVersion - 1}`);
    db.close();

    const after = new SqliteStore(file);
    expect(await after.listMessages(session.id)).toStrictEqual([message]);
    const { message: reply } = await after.appendMessage(aMessage(session.id, { role: 'assistant', model: 'gpt-4o' }));
    expect(reply.model).toBe('gpt-4o');
    await after.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

/** Schema version 8 added versions of messages: their parents and the hidden branches. */
const versionsVersion = 8;

it('a file written before messages had versions opens; its messages follow one another, all shown, and take new versions', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'gptlab-store-'));
  const file = path.join(dir, 'gptlab.sqlite');
  try {
    const old = new DatabaseSync(file);
    migrate(old, versionsVersion - 1);
    const session = aSession();
    old.prepare(
      `INSERT INTO sessions (id, user_id, assistant_id, model, sealed_preview, sealed_summary, sealed_context, rating, prompt_tokens, completion_tokens, created_at, updated_at, ended_at)
       VALUES (?, ?, NULL, ?, NULL, NULL, NULL, NULL, 0, 0, ?, ?, NULL)`,
    ).run(session.id, session.userId, session.model, session.createdAt.getTime(), session.updatedAt.getTime());
    const insert = old.prepare(`INSERT INTO messages (session_id, seq, message_id, role, sealed_text, status, created_at) VALUES (?, ?, ?, ?, 'v1.a.b', 'complete', 0)`);
    insert.run(session.id, 1, 'u1', 'user');
    insert.run(session.id, 2, 'r1', 'assistant');
    old.close();

    const store = new SqliteStore(file);
    expect(await store.listMessageOutline(session.id)).toStrictEqual([
      { seq: 1, messageId: 'u1', role: 'user' },
      { seq: 2, messageId: 'r1', role: 'assistant' },
    ]);
    await store.appendMessage(aMessage(session.id, { messageId: 'r2', role: 'assistant', parentId: 'u1' }));
    await store.setMessagesHidden(session.id, ['r1'], true);
    expect((await store.listMessagesBefore(session.id, { limit: 10 })).map((m) => m.messageId)).toEqual(['u1', 'r2']);
    await store.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

/** Schema versions 10 and 11: sessions that carry on from another, and replies the guard withdrew. */
const continuedFromVersion = 10;

it('a file written before sessions carried on or replies were marked withdrawn opens with none of either, and takes both', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'gptlab-store-'));
  const file = path.join(dir, 'gptlab.sqlite');
  try {
    const old = new DatabaseSync(file);
    migrate(old, continuedFromVersion - 1);
    const session = aSession({ assistantId: null });
    old.prepare(
      `INSERT INTO sessions (id, user_id, assistant_id, model, sealed_preview, sealed_summary, sealed_context, rating, prompt_tokens, completion_tokens, created_at, updated_at, ended_at)
       VALUES (?, ?, NULL, ?, NULL, NULL, NULL, NULL, 0, 0, ?, ?, NULL)`,
    ).run(session.id, session.userId, session.model, session.createdAt.getTime(), session.updatedAt.getTime());
    old.prepare(`INSERT INTO messages (session_id, seq, message_id, role, sealed_text, status, created_at) VALUES (?, 1, 'r1', 'assistant', 'v1.a.b', 'complete', 0)`).run(session.id);
    old.close();

    const store = new SqliteStore(file);
    expect(await store.getSession(session.id)).toStrictEqual(session);
    const [reply] = await store.listMessages(session.id);
    expect(reply).not.toHaveProperty('withdrawn');
    await store.updateMessage(session.id, 'r1', { sealedText: 'v1.c.d', status: 'complete', withdrawn: true });
    expect((await store.listMessages(session.id))[0]?.withdrawn).toBe(true);
    const carriedOn = aSession({ continuedFrom: { sessionId: session.id, sealedTitle: 'v1.e.f', sealedSummary: 'v1.g.h' } });
    await store.createSession(carriedOn);
    expect(await store.getSession(carriedOn.id)).toStrictEqual(carriedOn);
    await store.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
