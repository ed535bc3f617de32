import { expect, it } from 'vitest';
import type { MessageRecord } from '../../../server/src/store/records.ts';
import type { Store } from '../../../server/src/store/store.ts';
import type { ContractContext } from '../store.contract.ts';
import { aMessage, aSession, at, isStrictlyIncreasing, sealed } from './builders.ts';

/** Rules 22–30 and 40–42: the message log of a session: ordered, idempotent, safe with concurrent writers. */
export function describeMessageRules(ctx: ContractContext): void {
  async function newSession(store: Store = ctx.store): Promise<string> {
    const session = aSession();
    await store.createSession(session);
    return session.id;
  }

  it('22. appended messages read back as written, in increasing seq order', async () => {
    const sessionId = await newSession();
    const written: MessageRecord[] = [];
    for (const [i, role] of (['user', 'assistant', 'user'] as const).entries()) {
      const result = await ctx.store.appendMessage(aMessage(sessionId, { role, sealedText: sealed(`text ${i}`), createdAt: at(i) }));
      expect(result.created).toBe(true);
      written.push(result.message);
    }
    expect(isStrictlyIncreasing(written.map((m) => m.seq))).toBe(true);
    expect(await ctx.store.listMessages(sessionId)).toStrictEqual(written);
  });

  it('23. writing the same message id twice stores it once; the second write gets the first one back', async () => {
    const sessionId = await newSession();
    const first = await ctx.store.appendMessage(aMessage(sessionId, { messageId: 'retry-me', sealedText: sealed('first') }));
    await ctx.store.appendMessage(aMessage(sessionId));
    const second = await ctx.store.appendMessage(aMessage(sessionId, { messageId: 'retry-me', sealedText: sealed('second') }));
    expect(second).toStrictEqual({ message: first.message, created: false });
    expect((await ctx.store.listMessages(sessionId)).filter((m) => m.messageId === 'retry-me')).toStrictEqual([first.message]);
  });

  it('24. the same message written by several writers at once is stored once, with one seq', async () => {
    const sessionId = await newSession();
    const other = (await ctx.reopen?.()) ?? ctx.store;
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => (i % 2 ? other : ctx.store).appendMessage(aMessage(sessionId, { messageId: 'raced', sealedText: sealed(`copy ${i}`) }))),
    );
    expect(results.filter((r) => r.created)).toHaveLength(1);
    const stored = await ctx.store.listMessages(sessionId);
    expect(stored).toHaveLength(1);
    for (const result of results) expect(result.message).toStrictEqual(stored[0]);
  });

  it('25. two writers appending 100 messages each at once lose none, duplicate none, and keep each writer’s order', async () => {
    const sessionId = await newSession();
    const other = (await ctx.reopen?.()) ?? ctx.store;
    const write = async (store: Store, writer: string) => {
      for (let i = 0; i < 100; i++) await store.appendMessage(aMessage(sessionId, { messageId: `${writer}-${i}` }));
    };
    await Promise.all([write(ctx.store, 'a'), write(other, 'b')]);
    const stored = await ctx.store.listMessages(sessionId);
    expect(stored).toHaveLength(200);
    expect(new Set(stored.map((m) => m.messageId)).size).toBe(200);
    expect(isStrictlyIncreasing(stored.map((m) => m.seq))).toBe(true);
    for (const writer of ['a', 'b']) {
      const own = stored.filter((m) => m.messageId.startsWith(`${writer}-`)).map((m) => m.messageId);
      expect(own).toEqual(Array.from({ length: 100 }, (_, i) => `${writer}-${i}`));
    }
  }, 120_000);

  it('26. a burst of 50 appends fired at once stores all 50, each with its own seq', async () => {
    const sessionId = await newSession();
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => ctx.store.appendMessage(aMessage(sessionId, { messageId: `burst-${i}` }))));
    expect(results.every((r) => r.created)).toBe(true);
    expect(new Set(results.map((r) => r.message.seq)).size).toBe(50);
    const stored = await ctx.store.listMessages(sessionId);
    expect(stored.map((m) => m.seq)).toEqual(results.map((r) => r.message.seq).toSorted((a, b) => a - b));
  }, 60_000);

  it('27. a stopped or retried reply replaces its text and status in place', async () => {
    const sessionId = await newSession();
    const reply = (await ctx.store.appendMessage(aMessage(sessionId, { role: 'assistant', status: 'complete' }))).message;
    const patch = { sealedText: sealed('partial'), status: 'stopped' as const };
    expect(await ctx.store.updateMessage(sessionId, reply.messageId, patch)).toBe(true);
    expect(await ctx.store.listMessages(sessionId)).toStrictEqual([{ ...reply, ...patch }]);
    expect(await ctx.store.updateMessage(sessionId, 'no-such-message', patch)).toBe(false);
  });

  it('40. a reply checkpointed as it streams keeps its place: each checkpoint overwrites it, and it ends interrupted with its text', async () => {
    const sessionId = await newSession();
    const reply = (await ctx.store.appendMessage(aMessage(sessionId, { role: 'assistant', status: 'writing', sealedText: sealed('t1 ') }))).message;
    for (const text of ['t1 t2 ', 't1 t2 t3 ']) expect(await ctx.store.updateMessage(sessionId, reply.messageId, { sealedText: sealed(text), status: 'writing' })).toBe(true);
    const last = sealed('t1 t2 t3 ');
    expect(await ctx.store.updateMessage(sessionId, reply.messageId, { sealedText: last, status: 'interrupted' })).toBe(true);
    const next = (await ctx.store.appendMessage(aMessage(sessionId, { role: 'user' }))).message;
    const stored = await ctx.store.listMessages(sessionId);
    expect(stored).toStrictEqual([{ ...reply, sealedText: last, status: 'interrupted' }, next]);
  });

  it('42. a reply keeps the model that wrote it through checkpoints; a message stored without one reads back without one', async () => {
    const sessionId = await newSession();
    const question = (await ctx.store.appendMessage(aMessage(sessionId, { role: 'user', createdAt: at(1) }))).message;
    const reply = (await ctx.store.appendMessage(aMessage(sessionId, { role: 'assistant', status: 'writing', model: 'gpt-4o-mini', createdAt: at(2) }))).message;
    expect(reply.model).toBe('gpt-4o-mini');
    const text = sealed('the whole reply');
    await ctx.store.updateMessage(sessionId, reply.messageId, { sealedText: text, status: 'complete' });
    const stored = await ctx.store.listMessages(sessionId);
    expect(stored).toStrictEqual([question, { ...reply, sealedText: text, status: 'complete' }]);
    expect(stored[0]).not.toHaveProperty('model');
    expect(stored[1]?.createdAt).toStrictEqual(at(2));
  });

  it('49. a failed reply keeps why it failed; writing it again sets or clears the code; older messages have none', async () => {
    const sessionId = await newSession();
    const plain = (await ctx.store.appendMessage(aMessage(sessionId, { role: 'user' }))).message;
    const reply = (await ctx.store.appendMessage(aMessage(sessionId, { role: 'assistant', status: 'failed', errorCode: 'context_too_long' }))).message;
    expect(reply.errorCode).toBe('context_too_long');
    expect((await ctx.store.listMessages(sessionId))[1]).toStrictEqual(reply);
    const again = sealed('partial');
    await ctx.store.updateMessage(sessionId, reply.messageId, { sealedText: again, status: 'interrupted', errorCode: 'reply_interrupted' });
    expect((await ctx.store.listMessages(sessionId))[1]).toStrictEqual({ ...reply, sealedText: again, status: 'interrupted', errorCode: 'reply_interrupted' });
    await ctx.store.updateMessage(sessionId, reply.messageId, { sealedText: again, status: 'complete' });
    const [first, second] = await ctx.store.listMessages(sessionId);
    expect(first).toStrictEqual(plain);
    expect(first).not.toHaveProperty('errorCode');
    expect(second).not.toHaveProperty('errorCode');
    expect(second?.status).toBe('complete');
  });

  it('53. a reply the guard withdrew says so through checkpoints and rewrites; a message stored without the mark reads back without it', async () => {
    const sessionId = await newSession();
    const plain = (await ctx.store.appendMessage(aMessage(sessionId, { role: 'assistant' }))).message;
    const checkpoint = (await ctx.store.appendMessage(aMessage(sessionId, { role: 'assistant', status: 'writing' }))).message;
    const replacement = sealed('neutral replacement');
    await ctx.store.updateMessage(sessionId, checkpoint.messageId, { sealedText: replacement, status: 'complete', withdrawn: true });
    const withdrawn = { ...checkpoint, sealedText: replacement, status: 'complete' as const, withdrawn: true };
    expect(await ctx.store.listMessages(sessionId)).toStrictEqual([plain, withdrawn]);
    expect(plain).not.toHaveProperty('withdrawn');
    const appended = (await ctx.store.appendMessage(aMessage(sessionId, { role: 'assistant', withdrawn: true }))).message;
    expect((await ctx.store.listMessages(sessionId))[2]).toStrictEqual(appended);
    expect(appended.withdrawn).toBe(true);
    // Written again without the mark (a retried reply that passed), it loses it.
    await ctx.store.updateMessage(sessionId, checkpoint.messageId, { sealedText: replacement, status: 'complete' });
    expect((await ctx.store.listMessages(sessionId))[1]).not.toHaveProperty('withdrawn');
  });

  it('28. listing resumes after a known seq and stops at a limit', async () => {
    const sessionId = await newSession();
    const written: MessageRecord[] = [];
    for (let i = 0; i < 10; i++) written.push((await ctx.store.appendMessage(aMessage(sessionId))).message);
    const third = written[2]?.seq ?? 0;
    expect(await ctx.store.listMessages(sessionId, { afterSeq: third, limit: 4 })).toStrictEqual(written.slice(3, 7));
    expect(await ctx.store.listMessages(sessionId, { afterSeq: third })).toStrictEqual(written.slice(3));
    expect(await ctx.store.listMessages(sessionId, { limit: 2 })).toStrictEqual(written.slice(0, 2));
    expect(await ctx.store.listMessages(sessionId, { afterSeq: written.at(-1)?.seq ?? 0 })).toEqual([]);
  });

  it('41. history reads backwards by pages: the newest first, then each page before, with no gap and no repeat', async () => {
    const sessionId = await newSession();
    const written: MessageRecord[] = [];
    for (let i = 0; i < 7; i++) written.push((await ctx.store.appendMessage(aMessage(sessionId, { messageId: `m${i}` }))).message);
    const newest = await ctx.store.listMessagesBefore(sessionId, { limit: 3 });
    expect(newest).toStrictEqual(written.slice(4));
    const before = await ctx.store.listMessagesBefore(sessionId, { beforeSeq: newest[0]!.seq, limit: 3 });
    expect(before).toStrictEqual(written.slice(1, 4));
    expect(await ctx.store.listMessagesBefore(sessionId, { beforeSeq: before[0]!.seq, limit: 3 })).toStrictEqual(written.slice(0, 1));
    expect(await ctx.store.listMessagesBefore(sessionId, { beforeSeq: written[0]!.seq, limit: 3 })).toEqual([]);
    expect(await ctx.store.listMessagesBefore(sessionId, { limit: 0 })).toEqual([]);
  });

  it('29. the same message id in two sessions is two messages, and a session lists only its own', async () => {
    const [one, two] = [await newSession(), await newSession()];
    const inOne = await ctx.store.appendMessage(aMessage(one, { messageId: 'shared' }));
    const inTwo = await ctx.store.appendMessage(aMessage(two, { messageId: 'shared' }));
    expect(inTwo.created).toBe(true);
    expect(await ctx.store.listMessages(one)).toStrictEqual([inOne.message]);
    expect(await ctx.store.listMessages(two)).toStrictEqual([inTwo.message]);
  });

  it('30. a long session of 1,000 messages reads back whole and in order, at once or page by page', async () => {
    const sessionId = await newSession();
    for (let i = 0; i < 1000; i++) await ctx.store.appendMessage(aMessage(sessionId, { messageId: `m-${i}`, createdAt: new Date(at(0).getTime() + i) }));
    const all = await ctx.store.listMessages(sessionId);
    expect(all.map((m) => m.messageId)).toEqual(Array.from({ length: 1000 }, (_, i) => `m-${i}`));
    expect(isStrictlyIncreasing(all.map((m) => m.seq))).toBe(true);
    const paged: MessageRecord[] = [];
    for (let page = await ctx.store.listMessages(sessionId, { limit: 150 }); page.length > 0; ) {
      paged.push(...page);
      page = await ctx.store.listMessages(sessionId, { afterSeq: page.at(-1)?.seq ?? 0, limit: 150 });
    }
    expect(paged).toStrictEqual(all);
  }, 120_000);
}
