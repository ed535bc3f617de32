import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { aMessage, aSession, sealed } from '../../../../tests/store-contract/rules/builders.ts';
import { migrate } from './schema.ts';
import { SqliteStore } from './sqlite-store.ts';

/** Schema version 6 added session titles and the ids of deleted sessions. */
const titlesVersion = 6;

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'gptlab-store-'));
  file = path.join(dir, 'gptlab.sqlite');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

it('a file written before sessions had titles opens, and its sessions list by their first words as they were', async () => {
  const old = new DatabaseSync(file);
  migrate(old, titlesVersion - 1);
  const session = aSession({ sealedPreview: sealed('first words'), sealedContext: sealed('older part') });
  old.prepare(
    `INSERT INTO sessions (id, user_id, assistant_id, model, sealed_preview, sealed_summary, sealed_context, rating, prompt_tokens, completion_tokens, created_at, updated_at, ended_at)
     VALUES (?, ?, ?, ?, ?, NULL, ?, NULL, 0, 0, ?, ?, NULL)`,
  ).run(session.id, session.userId, session.assistantId, session.model, session.sealedPreview, session.sealedContext, session.createdAt.getTime(), session.updatedAt.getTime());
  old.prepare(`INSERT INTO messages (session_id, seq, message_id, role, sealed_text, status, created_at) VALUES (?, 1, 'm1', 'user', 'v1.a.b', 'complete', ?)`).run(session.id, session.createdAt.getTime());
  old.close();

  const store = new SqliteStore(file);
  try {
    expect((await store.listSessions({ userId: session.userId, limit: 10 })).items).toStrictEqual([session]);
    expect(await store.listMessages(session.id)).toHaveLength(1);
    const title = sealed('Named at last');
    expect(await store.updateSession(session.id, { sealedTitle: title })).toStrictEqual({ ...session, sealedTitle: title });
    expect(await store.deleteSession(session.id)).toBe(true);
  } finally {
    await store.close();
  }
});

it('a deleted session’s sealed messages are gone from the file and its log at once, not left behind in free pages', async () => {
  const store = new SqliteStore(file);
  const doomed = aSession();
  const kept = aSession();
  const doomedMark = `doomed-${randomUUID()}`;
  const keptMark = `kept-${randomUUID()}`;
  await store.createSession(doomed);
  await store.createSession(kept);
  for (let i = 0; i < 200; i++) await store.appendMessage(aMessage(doomed.id, { sealedText: `v1.${doomedMark}.${'x'.repeat(200)}` }));
  await store.appendMessage(aMessage(kept.id, { sealedText: `v1.${keptMark}.y` }));
  await store.deleteSession(doomed.id);

  // Read while the store is open, as a copy of a running server's data folder would be.
  const onDisk = async () => Buffer.concat(await Promise.all([file, `${file}-wal`].map((name) => readFile(name).catch(() => Buffer.alloc(0)))));
  expect((await onDisk()).includes(doomedMark)).toBe(false);
  await store.close();
  const closed = await onDisk();
  expect(closed.includes(keptMark)).toBe(true);
  expect(closed.includes(doomedMark)).toBe(false);
});
