/**
 * A session held for one reply. It is let go exactly once: by the runner when the reply it ran
 * ends, or on disposal when the turn stops before a reply ran (refused, a resend, a throw), so
 * `await using` cannot leave a session busy however the turn ends. A late second release never
 * lets go of a claim someone took after the first.
 */
export class ReplyClaim implements AsyncDisposable {
  readonly sessionId: string;
  readonly #letGo: () => Promise<void>;
  #released: Promise<void> | null = null;

  constructor(sessionId: string, letGo: () => Promise<void>) {
    this.sessionId = sessionId;
    this.#letGo = letGo;
  }

  get released(): boolean {
    return this.#released !== null;
  }

  release(): Promise<void> {
    this.#released ??= this.#letGo();
    return this.#released;
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.release();
  }
}
