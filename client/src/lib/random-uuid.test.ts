import { describe, expect, it } from 'vitest';
import { sessionIdSchema } from '@gptlab/common';
import { randomUuid } from './random-uuid.ts';

describe('randomUuid', () => {
  it('makes ids the server accepts as session and message ids', () => {
    for (let i = 0; i < 50; i += 1) expect(sessionIdSchema.safeParse(randomUuid()).success).toBe(true);
  });

  it('makes a different id every time', () => {
    expect(new Set(Array.from({ length: 100 }, randomUuid)).size).toBe(100);
  });
});
