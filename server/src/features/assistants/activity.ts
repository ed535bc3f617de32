import type { Logger } from '../../logger.ts';
import type { ActivityTracker } from '../../realtime/activity-tracker.ts';

const sweepEveryMs = 30_000;

/** Only showcased assistants are counted: any other's id and activity are its owner's and its users' business. */
export interface CountedAssistant {
  id: string;
  showcased: boolean;
}

/** Live "sessions active now" per showcased assistant, pushed to whoever watches the Lounge. */
export class LiveActivity {
  private timer: NodeJS.Timeout | undefined;
  private readonly tracker: ActivityTracker;
  private readonly announce: (assistantId: string, activeSessions: number) => void;
  private readonly logger: Logger;

  constructor(tracker: ActivityTracker, announce: (assistantId: string, activeSessions: number) => void, logger: Logger) {
    this.tracker = tracker;
    this.announce = announce;
    this.logger = logger;
  }

  /** Counting is a nicety: a failure here must never fail the message that triggered it. */
  touch({ id: assistantId, showcased }: CountedAssistant, sessionId: string): void {
    if (!showcased) return;
    this.tracker.touch(assistantId, sessionId, Date.now()).then(
      (count) => this.announce(assistantId, count),
      (err: unknown) => this.logger.warn({ err, assistantId }, '[lounge] could not count an active session'),
    );
  }

  end({ id: assistantId, showcased }: CountedAssistant, sessionId: string): void {
    if (!showcased) return;
    this.tracker.end(assistantId, sessionId).then(
      (count) => this.announce(assistantId, count),
      (err: unknown) => this.logger.warn({ err, assistantId }, '[lounge] could not count an ended session'),
    );
  }

  counts(): Promise<Record<string, number>> {
    return this.tracker.counts(Date.now());
  }

  /** Sessions that go quiet drop off the counts without any event of their own. */
  startSweeping(): void {
    this.timer = setInterval(() => {
      this.tracker.sweep(Date.now()).then(
        (changed) => Object.entries(changed).forEach(([id, count]) => this.announce(id, count)),
        (err: unknown) => this.logger.warn({ err }, '[lounge] activity sweep failed'),
      );
    }, sweepEveryMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
