import type { RequestName } from '@gptlab/common';

/** Every request (event with an ack) a tab can make. The type below fails to compile when events.ts gains one not listed here. */
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
  'draft:invite',
  'draft:accept-invite',
  'draft:revoke',
  'draft:publish',
  'draft:discard',
  'draft:test-send',
  'draft:test-stop',
  'draft:test-reset',
] as const satisfies ReadonlyArray<RequestName>;
export type RequestEvent = (typeof requestEvents)[number];
type Unlisted = Exclude<RequestName, RequestEvent>;
export const everyRequestListed: [Unlisted] extends [never] ? true : Unlisted = true;
