import type { ClientToServerEvents } from '@gptlab/common';

/** Every request a tab can make. The type below fails to compile when events.ts gains one not listed here. */
export const requestEvents = [
  'assistant:list',
  'assistant:find',
  'assistant:set-hidden',
  'assistant:delete',
  'lounge:watch',
  'lounge:unwatch',
  'session:start',
  'session:send',
  'session:stop',
  'session:end',
  'session:rate',
  'session:set-model',
  'session:list',
  'session:rename',
  'session:delete',
  'session:open',
  'session:history',
  'session:regenerate',
  'session:edit',
  'session:show-version',
  'models:list',
  'draft:create',
  'draft:list',
  'draft:join',
  'draft:leave',
  'draft:update',
  'draft:sync',
  'draft:set-presence',
  'draft:invite',
  'draft:accept-invite',
  'draft:revoke',
  'draft:publish',
  'draft:discard',
  'draft:test-send',
  'draft:test-stop',
  'draft:test-reset',
] as const satisfies ReadonlyArray<keyof ClientToServerEvents>;
export type RequestEvent = (typeof requestEvents)[number];
type Unlisted = Exclude<keyof ClientToServerEvents, RequestEvent>;
export const everyRequestListed: [Unlisted] extends [never] ? true : Unlisted = true;
