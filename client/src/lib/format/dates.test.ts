import { describe, expect, it } from 'vitest';
import { formatDateTime, formatMessageTime } from './dates.ts';

describe("a message's time", () => {
  const now = new Date(2026, 10, 24, 15, 30);

  it('is the time alone for a message of today', () => {
    const today = new Date(2026, 10, 24, 9, 5).toISOString();
    expect(formatMessageTime(today, now)).toBe(new Intl.DateTimeFormat(undefined, { timeStyle: 'short' }).format(new Date(today)));
  });

  it('names the day for an older message, and the year for one of another year', () => {
    const earlier = new Date(2026, 10, 20, 9, 5).toISOString();
    expect(formatMessageTime(earlier, now)).toContain('20');
    expect(formatMessageTime(earlier, now)).not.toContain('2026');
    const lastYear = new Date(2025, 10, 20, 9, 5).toISOString();
    expect(formatMessageTime(lastYear, now)).toBe(formatDateTime(lastYear));
  });
});
