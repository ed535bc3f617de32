import { describe, expect, it, vi } from 'vitest';
import { sessionRefSchema } from '@gptlab/common';
import { createLogger } from '../logger.ts';
import { InvalidCursorError } from '../store/store.ts';
import { LiveStateUnavailableError } from './reply-registry.ts';
import { requestHandler, type RequestSocket } from './request-handler.ts';

const sessionId = '0b7c3f3e-6a35-4f57-9d0e-7a1c2b3d4e5f';

/** A socket that keeps the listener it is given, so a test can call it as Socket.IO would. */
function fakeSocket() {
  const listeners = new Map<string, (...args: unknown[]) => unknown>();
  const socket: RequestSocket = { on: (event, listener) => listeners.set(event, listener) };
  const send = async (event: string, ...args: unknown[]) => {
    const ack = vi.fn();
    await listeners.get(event)?.(...args, ack);
    return ack;
  };
  return { socket, listeners, send };
}

function stopRequest(run: () => Promise<{ ok: true; stopped: boolean }>) {
  const { socket, listeners, send } = fakeSocket();
  requestHandler(socket, createLogger('silent'))('session:stop', sessionRefSchema, run);
  return { listeners, send };
}

describe('requestHandler', () => {
  it('registers the request under its own name and answers with what the service returned', async () => {
    const { listeners, send } = stopRequest(async () => ({ ok: true, stopped: true }));
    expect([...listeners.keys()]).toEqual(['session:stop']);
    expect((await send('session:stop', { sessionId })).mock.calls).toEqual([[{ ok: true, stopped: true }]]);
  });

  it('answers a malformed payload with invalid_payload, without running the service', async () => {
    const run = vi.fn(async () => ({ ok: true as const, stopped: true }));
    const { send } = stopRequest(run);
    const ack = await send('session:stop', { sessionId: 'not-a-uuid' });
    expect(ack).toHaveBeenCalledWith({ ok: false, error: { code: 'invalid_payload', message: expect.stringContaining('sessionId') } });
    expect((await send('session:stop')).mock.calls[0]?.[0]).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    expect(run).not.toHaveBeenCalled();
  });

  it('ignores a request that carries no ack, since nobody could hear the answer', async () => {
    const run = vi.fn(async () => ({ ok: true as const, stopped: true }));
    const { listeners } = stopRequest(run);
    await listeners.get('session:stop')?.({ sessionId });
    expect(run).not.toHaveBeenCalled();
  });

  it.each([
    ['a cursor the store did not issue', new InvalidCursorError(), 'invalid_payload'],
    ['the shared live state away', new LiveStateUnavailableError(), 'store_unavailable'],
    ['an unreachable store', Object.assign(new Error('down'), { name: 'MongoNetworkError' }), 'store_unavailable'],
    ['a bug', new Error('boom'), 'internal'],
  ])('answers %s with %s', async (_what, err, code) => {
    const { send } = stopRequest(() => Promise.reject(err));
    const ack = await send('session:stop', { sessionId });
    expect(ack).toHaveBeenCalledWith({ ok: false, error: { code, message: expect.any(String) } });
    expect(ack.mock.calls[0]?.[0].error.message).not.toContain('boom');
  });
});
