const weekday = new Intl.DateTimeFormat(undefined, { weekday: 'long' });
const dayThisYear = new Intl.DateTimeFormat(undefined, { weekday: 'short', month: 'short', day: 'numeric' });
const dayOtherYear = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const dayMs = 24 * 60 * 60 * 1000;

export interface DayGroup<T> {
  /** The local day, as YYYY-MM-DD: stable for keys and ids. */
  key: string;
  /** Today, Yesterday, a weekday within the last week, else the date. */
  label: string;
  items: T[];
}

/** Groups items already sorted newest first by the reader's local day, keeping their order. */
export function groupByDay<T>(items: readonly T[], dateOf: (item: T) => string, now = new Date()): DayGroup<T>[] {
  const groups: DayGroup<T>[] = [];
  for (const item of items) {
    const date = new Date(dateOf(item));
    const key = localDayKey(date);
    const last = groups.at(-1);
    if (last?.key === key) last.items.push(item);
    else groups.push({ key, label: dayLabel(date, now), items: [item] });
  }
  return groups;
}

/** How many calendar days before `now` the date falls, in the reader's time zone (DST-safe). */
function daysAgo(date: Date, now: Date): number {
  const midnight = (d: Date) => Date.UTC(d.getFullYear(), d.getMonth(), d.getDate());
  return Math.round((midnight(now) - midnight(date)) / dayMs);
}

export function dayLabel(date: Date, now = new Date()): string {
  const ago = daysAgo(date, now);
  if (ago === 0) return 'Today';
  if (ago === 1) return 'Yesterday';
  if (ago > 1 && ago < 7) return weekday.format(date);
  return (date.getFullYear() === now.getFullYear() ? dayThisYear : dayOtherYear).format(date);
}

function localDayKey(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
