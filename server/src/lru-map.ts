/**
 * A Map bounded to `capacity` entries that forgets the least recently used one first: the Map's
 * insertion order doubles as recency, since a read re-inserts the entry it finds.
 */
export class LruMap<K, V> {
  readonly #entries = new Map<K, V>();
  readonly #capacity: number;

  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  get size(): number {
    return this.#entries.size;
  }

  get(key: K): V | undefined {
    const value = this.#entries.get(key);
    if (value !== undefined) {
      this.#entries.delete(key);
      this.#entries.set(key, value);
    }
    return value;
  }

  set(key: K, value: V): void {
    this.#entries.delete(key);
    this.#entries.set(key, value);
    if (this.#entries.size <= this.#capacity) return;
    const oldest = this.#entries.keys().next();
    if (!oldest.done) this.#entries.delete(oldest.value);
  }

  /** Least recently used first; reading them does not count as use. */
  keys(): MapIterator<K> {
    return this.#entries.keys();
  }

  delete(key: K): void {
    this.#entries.delete(key);
  }
}
