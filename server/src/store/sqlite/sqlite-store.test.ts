import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { expect, it } from 'vitest';
import { aMessage, aSession } from '../../../../tests/store-contract/rules/builders.ts';
import { describeStoreContract } from '../../../../tests/store-contract/store.contract.ts';
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
