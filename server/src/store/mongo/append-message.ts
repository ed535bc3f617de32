import { MongoServerError, type Collection } from 'mongodb';
import type { MessageRecord, NewMessage } from '../records.ts';
import { messageFromDoc, messageKey, type CounterDoc, type MessageDoc } from './documents.ts';

/** Each lost race costs one attempt; only a pathological pile-up of writers on one session gets near this. */
const maxAttempts = 100;

/**
 * Appends without a transaction. The seq comes from a per-session counter ($inc); the unique
 * `_id` (session + message id) and (sessionId, seq) indexes are the real guards. That matters on
 * FerretDB v1, whose $inc is an unlocked read-modify-write: concurrent writers draw the same seq
 * and the counter can even move back. The loser's insert then fails on the unique seq and it
 * draws again. A duplicate-key error does not say which index (FerretDB names none), so each
 * attempt first looks the message up: a lost race on the same message id returns the winner.
 */
export async function appendMessage(
  messages: Collection<MessageDoc>,
  counters: Collection<CounterDoc>,
  message: NewMessage,
): Promise<{ message: MessageRecord; created: boolean }> {
  const _id = messageKey(message.sessionId, message.messageId);
  for (let attempt = 1; ; attempt++) {
    // Looked up first so a retried write returns its first copy without burning a seq.
    const existing = await messages.findOne({ _id });
    if (existing) return { message: messageFromDoc(existing), created: false };
    const seq = await nextSeq(counters, message.sessionId);
    const record: MessageRecord = { ...message, seq };
    try {
      await messages.insertOne({ _id, ...withoutUndefined(record) });
      return { message: record, created: true };
    } catch (err) {
      if (!isDuplicateKey(err) || attempt >= maxAttempts) throw err;
      await catchUpCounter(messages, counters, message.sessionId);
    }
  }
}

/**
 * After a collision, which an atomic $inc (MongoDB) never causes: FerretDB's lost updates can leave
 * the counter far behind the log, and drawing one by one from there would cost a retry per seq
 * (a burst of 200 appends ran out of attempts before this).
 */
async function catchUpCounter(messages: Collection<MessageDoc>, counters: Collection<CounterDoc>, sessionId: string): Promise<void> {
  const last = await messages.find({ sessionId }, { projection: { seq: 1 } }).sort({ seq: -1 }).limit(1).next();
  if (last) await counters.updateOne({ _id: sessionId }, { $max: { seq: last.seq } });
}

async function nextSeq(counters: Collection<CounterDoc>, sessionId: string): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    try {
      const counter = await counters.findOneAndUpdate({ _id: sessionId }, { $inc: { seq: 1 } }, { upsert: true, returnDocument: 'after' });
      if (!counter) throw new Error('an upsert returned no counter');
      return counter.seq;
    } catch (err) {
      // Two first messages of a session can both try to create the counter; the loser retries.
      if (!isDuplicateKey(err) || attempt >= maxAttempts) throw err;
    }
  }
}

export function isDuplicateKey(err: unknown): boolean {
  return err instanceof MongoServerError && err.code === 11000;
}

/**
 * The driver writes an undefined field as null, and a null parent means "the first message": a
 * message with no parent given must be stored with none.
 */
function withoutUndefined(record: MessageRecord): MessageRecord {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as unknown as MessageRecord;
}
