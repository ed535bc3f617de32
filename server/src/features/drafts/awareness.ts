import { awarenessStateSchema, limits, type AwarenessEntry, type AwarenessState } from '@gptlab/common';
import { readAwarenessUpdate } from '@gptlab/common/protocol';

/** Why an awareness update was dropped: it has no ack to answer, so this only goes to the debug log. */
export type AwarenessRefusal = 'malformed' | 'not_joined' | 'too_fast' | 'not_its_own' | 'stale';

export interface TabState {
  clientId: number;
  clock: number;
  state: AwarenessState | null;
}

/**
 * A tab's awareness update, read without trusting it: exactly one entry (a tab speaks only for
 * itself), its state a cursor this contract knows or null; null for anything else.
 */
export function readTabState(update: Uint8Array): TabState | null {
  const entries = readAwarenessUpdate(update, 1);
  const entry = entries?.length === 1 ? entries[0] : undefined;
  if (!entry) return null;
  let json: unknown;
  try {
    json = JSON.parse(entry.stateJson);
  } catch {
    return null;
  }
  if (json === null) return { clientId: entry.clientId, clock: entry.clock, state: null };
  const parsed = awarenessStateSchema.safeParse(json);
  return parsed.success ? { clientId: entry.clientId, clock: entry.clock, state: parsed.data } : null;
}

/** The goodbye co-editors apply for a tab that left: its last clock with a null state (y-protocols' "offline"). */
export function goodbyeOf(entry: AwarenessEntry): AwarenessEntry {
  return { clientId: entry.clientId, clock: entry.clock, state: null };
}

/** At most `perSecond` awareness updates of one tab are relayed in any one-second window; the rest are dropped. */
export class AwarenessPace {
  private windowStart = 0;
  private used = 0;
  private readonly perSecond: number;

  constructor(perSecond: number = limits.draft.awarenessPerSecond) {
    this.perSecond = perSecond;
  }

  allow(now = Date.now()): boolean {
    if (now - this.windowStart >= 1_000) {
      this.windowStart = now;
      this.used = 0;
    }
    return ++this.used <= this.perSecond;
  }
}
