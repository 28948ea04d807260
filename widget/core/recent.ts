/**
 * A cache of the last few entries in fixed arrays, replaced oldest first.
 *
 * Not a Map on purpose: a Map that keeps deleting and adding rebuilds its hash table every few dozen
 * entries, and each dropped table (already promoted to V8's old generation) still points at the young
 * values it held. A young-generation collection treats those pointers as live, so every value a
 * cache ever held since the last full collection was copied and promoted (~1 MB per collection,
 * measured with `--trace-gc-nvp` on the bench keystrokes; only ~220 KB was actually alive). Here a
 * slot is overwritten in place, so an evicted value is unreachable at once. Keys are looked up by a
 * linear scan: a cache holds a few dozen entries.
 */
export class Recent<K extends string | number, V> {
  private readonly keys: (K | undefined)[];
  private readonly values: (V | undefined)[];
  private next = 0;

  constructor(size: number) {
    this.keys = new Array<K | undefined>(size).fill(undefined);
    this.values = new Array<V | undefined>(size).fill(undefined);
  }

  get(key: K): V | undefined {
    const i = this.keys.indexOf(key);
    return i < 0 ? undefined : this.values[i];
  }

  has(key: K): boolean {
    return this.keys.includes(key);
  }

  /** Stores `value` under `key` (in its own slot if the key is cached, else in the oldest) and returns it. */
  set(key: K, value: V): V {
    let i = this.keys.indexOf(key);
    if (i < 0) {
      i = this.next;
      this.next = (i + 1) % this.keys.length;
      this.keys[i] = key;
    }
    this.values[i] = value;
    return value;
  }

  /** Forgets `key` if it still holds `value`. */
  drop(key: K, value: V): void {
    const i = this.keys.indexOf(key);
    if (i >= 0 && this.values[i] === value) (this.keys[i] = undefined), (this.values[i] = undefined);
  }
}
