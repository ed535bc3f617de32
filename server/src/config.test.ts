import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

describe('WORKERS', () => {
  it('runs one process unless told otherwise', () => {
    expect(loadConfig({}).workers).toBe(1);
  });

  it('auto is one worker per core', () => {
    expect(loadConfig({ WORKERS: 'auto', REDIS_URL: 'redis://127.0.0.1:6379' }).workers).toBe(availableParallelism());
  });

  it('refuses several workers without Redis, which they need to share rooms and live state', () => {
    expect(() => loadConfig({ WORKERS: '2' })).toThrow(/WORKERS above 1 needs REDIS_URL/);
    expect(loadConfig({ WORKERS: '2', REDIS_URL: 'redis://127.0.0.1:6379' }).workers).toBe(2);
  });
});
