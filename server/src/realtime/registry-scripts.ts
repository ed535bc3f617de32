/**
 * The reply registry's commands, each one Lua script: atomic as a MULTI was, one command instead of
 * several, and (unlike MULTI) held in the same auto-pipelining queue as every other command of the
 * registry's connection, so none overtakes another. ioredis sends each by its SHA after the first.
 */

/**
 * Claims the session unless a live instance is writing a reply there; an entry left by an instance
 * that died (its presence key expired) is taken over, so a crash never locks a session. The text
 * list starts empty whatever was left in it.
 * KEYS: meta, parts, instance's replies. ARGV: replyId, kind, instanceId, ttl, presence key prefix, sessionId.
 */
const beginReply = `
local owner = redis.call('HGET', KEYS[1], 'instance')
if owner and redis.call('EXISTS', ARGV[5] .. owner) == 1 then return 0 end
redis.call('DEL', KEYS[1], KEYS[2])
redis.call('HSET', KEYS[1], 'replyId', ARGV[1], 'kind', ARGV[2], 'instance', ARGV[3], 'nextSeq', 0)
redis.call('PEXPIRE', KEYS[1], ARGV[4])
redis.call('SADD', KEYS[3], ARGV[6])
return 1
`;

/**
 * One delta's text and the sequence number after it. The MULTI of RPUSH, PEXPIRE and HSET it
 * replaces was five commands per delta and 11–15% of a busy instance's CPU (bench profile, 100 × 2
 * over Redis). The list's expiry is set when the first part creates it.
 * KEYS: parts, meta. ARGV: text, next seq, ttl.
 */
const appendReplyText = `
if redis.call('RPUSH', KEYS[1], ARGV[1]) == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[3]) end
redis.call('HSET', KEYS[2], 'nextSeq', ARGV[2])
`;

/** KEYS: parts. ARGV: the replacement, ttl. */
const replaceReplyText = `
redis.call('DEL', KEYS[1])
redis.call('RPUSH', KEYS[1], ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
`;

/** KEYS: meta, parts. Returns { meta as field, value, ...; the parts }. */
const readReply = `
return { redis.call('HGETALL', KEYS[1]), redis.call('LRANGE', KEYS[2], 0, -1) }
`;

/** KEYS: meta, parts, instance's replies. ARGV: sessionId. */
const endReply = `
redis.call('DEL', KEYS[1], KEYS[2])
redis.call('SREM', KEYS[3], ARGV[1])
`;

export const registryScripts = {
  beginReply: { numberOfKeys: 3, lua: beginReply },
  appendReplyText: { numberOfKeys: 2, lua: appendReplyText },
  replaceReplyText: { numberOfKeys: 1, lua: replaceReplyText },
  readReply: { numberOfKeys: 2, lua: readReply },
  endReply: { numberOfKeys: 3, lua: endReply },
};

/** What defineCommand adds to the connection, typed. */
export interface RegistryCommands {
  beginReply(meta: string, parts: string, instanceReplies: string, replyId: string, kind: string, instanceId: string, ttlMs: number, presencePrefix: string, sessionId: string): Promise<number>;
  appendReplyText(parts: string, meta: string, text: string, nextSeq: number, ttlMs: number): Promise<unknown>;
  replaceReplyText(parts: string, text: string, ttlMs: number): Promise<unknown>;
  readReply(meta: string, parts: string): Promise<[string[], string[]]>;
  endReply(meta: string, parts: string, instanceReplies: string, sessionId: string): Promise<unknown>;
}
