// Type-level tests, checked by `npm run typecheck` and never run: each @ts-expect-error must stay an
// error, so if the request types ever loosen, the directive goes unused and typecheck fails.
import { draftRefSchema, listSessionsSchema, sendMessageSchema, sessionRefSchema } from '@gptlab/common';
import type { HandleRequest } from '../../server/src/realtime/request-handler.ts';

declare const handle: HandleRequest;

// The contract's own shapes compile, and `run` gets the parsed payload with the schema's defaults.
handle('session:send', sendMessageSchema, (input) => ({ ok: true, replyId: input.sessionId, messageId: 'm' }));
handle('session:list', listSessionsSchema, async (input) => ({ ok: true, sessions: [], next: input.cursor ?? String(input.limit) }));
handle('session:stop', sessionRefSchema, () => ({ ok: false, error: { code: 'not_found', message: 'No such session.' } }));
handle('draft:leave', draftRefSchema, async () => ({ ok: true }));

// An ack the contract does not promise for this request.
// @ts-expect-error session:send answers { replyId, messageId }
handle('session:send', sendMessageSchema, () => ({ ok: true, wrongField: 42 }));
// @ts-expect-error session:stop answers { stopped: boolean }
handle('session:stop', sessionRefSchema, async () => ({ ok: true, stopped: 'yes' }));
// @ts-expect-error an error code must be one of errors.ts
handle('session:stop', sessionRefSchema, () => ({ ok: false, error: { code: 'oops', message: 'no' } }));

// A schema written for another request.
// @ts-expect-error the issue's example: session:list's payload is not a message
handle('session:list', sendMessageSchema, () => ({ ok: true, sessions: [], next: null }));
// @ts-expect-error yields less than session:send's payload
handle('session:send', sessionRefSchema, () => ({ ok: true, replyId: 'r', messageId: 'm' }));
// @ts-expect-error asks for more than session:stop's payload, so it refuses what the client sends
handle('session:stop', sendMessageSchema, () => ({ ok: true, stopped: true }));
// @ts-expect-error a draft's reference is not a session's
handle('session:stop', draftRefSchema, () => ({ ok: true, stopped: true }));

// A request the contract does not have.
// @ts-expect-error no such client event
handle('session:explode', sessionRefSchema, () => ({ ok: true }));
