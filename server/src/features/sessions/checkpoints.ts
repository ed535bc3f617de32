/**
 * Saves a reply's text so far at most once per `everyMs`, so a server killed mid-reply (kill -9,
 * a crash, a lost machine) loses at most about that much of it. Only the text the tabs have been
 * sent is offered: a checkpoint never holds what the guard kept back. Saves run one at a time, in
 * order, and a reply shorter than `everyMs` is never saved before it ends.
 */
export class Checkpoints {
  readonly #save: (textSoFar: string) => Promise<void>;
  readonly #everyMs: number;
  readonly #onError: (err: unknown) => void;
  #latest = '';
  #savedLength = 0;
  #lastSavedAt = performance.now();
  #timer: NodeJS.Timeout | undefined;
  #closed = false;
  #saving: Promise<void> = Promise.resolve();

  constructor(save: (textSoFar: string) => Promise<void>, everyMs: number, onError: (err: unknown) => void) {
    this.#save = save;
    this.#everyMs = everyMs;
    this.#onError = onError;
  }

  /** The whole text sent so far; saved when the current period is over (a stall still gets it saved). */
  offer(textSoFar: string): void {
    this.#latest = textSoFar;
    if (this.#timer || this.#closed) return;
    const wait = Math.max(0, this.#lastSavedAt + this.#everyMs - performance.now());
    this.#timer = setTimeout(() => this.#saveLatest(), wait);
    this.#timer.unref();
  }

  /** No more saves; resolves once the one under way is stored, so the final write comes after it. */
  close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    return this.#saving;
  }

  #saveLatest(): void {
    this.#timer = undefined;
    const text = this.#latest;
    if (this.#closed || text.length === this.#savedLength) return;
    this.#lastSavedAt = performance.now();
    this.#saving = this.#saving
      .then(() => (this.#closed ? undefined : this.#save(text)))
      .then(() => {
        this.#savedLength = text.length;
      }, this.#onError);
  }
}
