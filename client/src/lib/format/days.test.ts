import { describe, expect, it } from 'vitest';
import { dayLabel, groupByDay } from './days.ts';

describe('sessions grouped by day', () => {
  const now = new Date(2026, 10, 24, 15, 30);
  const at = (day: number, hour = 12, month = 10, year = 2026) => new Date(year, month, day, hour).toISOString();

  it('names today, yesterday and the days of the past week, then gives the date', () => {
    expect(dayLabel(new Date(2026, 10, 24, 0, 1), now)).toBe('Today');
    expect(dayLabel(new Date(2026, 10, 23, 23, 59), now)).toBe('Yesterday');
    expect(dayLabel(new Date(2026, 10, 20), now)).toBe(new Intl.DateTimeFormat(undefined, { weekday: 'long' }).format(new Date(2026, 10, 20)));
    expect(dayLabel(new Date(2026, 10, 10), now)).toContain('10');
    expect(dayLabel(new Date(2025, 10, 10), now)).toContain('2025');
  });

  it('keeps the order it is given and starts a group at each new day', () => {
    const items = [at(24, 14), at(24, 9), at(23), at(20), at(20, 8), at(2, 12, 9)];
    const groups = groupByDay(items, (iso) => iso, now);
    expect(groups.map((g) => [g.label === 'Today' || g.label === 'Yesterday' ? g.label : g.key, g.items.length])).toEqual([
      ['Today', 2],
      ['Yesterday', 1],
      ['2026-11-20', 2],
      ['2026-10-02', 1],
    ]);
    expect(groups.flatMap((g) => g.items)).toEqual(items);
  });
});
