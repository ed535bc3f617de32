import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { closedBeforeAnswer, openWithReconnects } from './stale-connection.ts';

const hungUp = () => new OpenAI.APIConnectionError({ cause: Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) }) });
const refused = () => new OpenAI.APIConnectionError({ cause: Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) }) });

describe('a provider that hung up before answering', () => {
  it('is told apart from a refused connection and a timeout', () => {
    expect(closedBeforeAnswer(hungUp())).toBe(true);
    expect(closedBeforeAnswer(refused())).toBe(false);
    expect(closedBeforeAnswer(new OpenAI.APIConnectionTimeoutError())).toBe(false);
    expect(closedBeforeAnswer(new Error('other side closed'))).toBe(false);
  });

  it('is asked again, up to three times in all', async () => {
    let calls = 0;
    await expect(openWithReconnects(async () => (++calls < 3 ? Promise.reject(hungUp()) : 'answer'))).resolves.toBe('answer');
    calls = 0;
    await expect(openWithReconnects(async () => (++calls, Promise.reject(hungUp())))).rejects.toBeInstanceOf(OpenAI.APIConnectionError);
    expect(calls).toBe(3);
  });

  it('is not asked again when the connection was refused or the reply was cancelled', async () => {
    let calls = 0;
    await expect(openWithReconnects(async () => (++calls, Promise.reject(refused())))).rejects.toBeInstanceOf(OpenAI.APIConnectionError);
    expect(calls).toBe(1);
    const cancelled = AbortSignal.abort();
    calls = 0;
    await expect(openWithReconnects(async () => (++calls, Promise.reject(hungUp())), cancelled)).rejects.toBeInstanceOf(OpenAI.APIConnectionError);
    expect(calls).toBe(1);
  });
});
