const base = 0x01000193;
/** Keys are kept to 30 bits so V8 stores them as small integers, which makes the map lookups cheap. */
const keyMask = 0x3fffffff;

/**
 * A polynomial hash of the last `width` codes, moved along one code at a time in O(1). Keys can
 * collide, so a caller that finds a key checks the window itself (matches()).
 */
export class RollingHash {
  readonly #width: number;
  readonly #window: Int32Array;
  readonly #drop: number;
  #next = 0;
  #filled = 0;
  #hash = 0;

  constructor(width: number) {
    this.#width = width;
    this.#window = new Int32Array(width);
    this.#drop = power(base, width);
  }

  add(code: number): void {
    const dropped = this.#filled >= this.#width ? (this.#window[this.#next] ?? 0) : 0;
    this.#hash = (Math.imul(this.#hash, base) + code - Math.imul(dropped, this.#drop)) | 0;
    this.#window[this.#next] = code;
    this.#next = (this.#next + 1) % this.#width;
    this.#filled++;
  }

  /** True once `width` codes have been added, so key covers a whole window. */
  get isFull(): boolean {
    return this.#filled >= this.#width;
  }

  get key(): number {
    return this.#hash & keyMask;
  }

  /** Whether the current window holds exactly `codes[start]` to `codes[start + width - 1]`. */
  matches(codes: Int32Array, start: number): boolean {
    for (let offset = 0; offset < this.#width; offset++) {
      if (this.#window[(this.#next + offset) % this.#width] !== codes[start + offset]) return false;
    }
    return true;
  }
}

/** base^exponent modulo 2^32, as the rolling update needs it. */
function power(factor: number, exponent: number): number {
  let result = 1;
  for (let i = 0; i < exponent; i++) result = Math.imul(result, factor);
  return result;
}

/** The key of every window of `codes`, in order: what a RollingHash would give after each add. */
export function windowKeys(codes: ArrayLike<number>, width: number): number[] {
  const hash = new RollingHash(width);
  const keys: number[] = [];
  for (let at = 0; at < codes.length; at++) {
    hash.add(codes[at] ?? 0);
    if (hash.isFull) keys.push(hash.key);
  }
  return keys;
}
