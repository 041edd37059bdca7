/**
 * A cache bounded in BYTES (and in entries), least recently used out first. Anything a visitor can make us keep (a
 * page body per query, a search result per text) goes in one of these: whatever the number of distinct requests, the
 * memory held stays under `maxBytes`. Sizes are counted as JavaScript strings are held (two bytes per UTF-16 unit) for
 * the key and the value, plus a fixed overhead per entry.
 */
export interface ByteCacheOptions<V> {
  maxBytes: number;
  /** Upper bound on entries as well (default: unbounded except by bytes). */
  maxEntries?: number;
  /** The size of a value in bytes (default: strings as UTF-16, other values must provide it). */
  sizeOf?: (value: V) => number;
}

/** Bookkeeping of one Map entry (key, pointers, object header): counted so that tiny entries still cost something. */
export const ENTRY_OVERHEAD = 64;

export interface ByteCache<V> {
  get(key: string): V | undefined;
  set(key: string, value: V): void;
  delete(key: string): void;
  clear(): void;
  /** Bytes held now (keys, values and per-entry overhead). */
  readonly bytes: number;
  readonly size: number;
  readonly maxBytes: number;
}

export function createByteCache<V>(options: ByteCacheOptions<V>): ByteCache<V> {
  const { maxBytes, maxEntries = Number.POSITIVE_INFINITY } = options;
  const sizeOf =
    options.sizeOf ??
    ((value: V) => (typeof value === 'string' ? value.length * 2 : JSON.stringify(value ?? null).length * 2));
  const entries = new Map<string, { value: V; bytes: number }>();
  let bytes = 0;

  function remove(key: string) {
    const entry = entries.get(key);
    if (!entry) return;
    entries.delete(key);
    bytes -= entry.bytes;
  }

  return {
    get(key) {
      const entry = entries.get(key);
      if (!entry) return undefined;
      // Most recently used last: the first key of the Map is the next one out.
      entries.delete(key);
      entries.set(key, entry);
      return entry.value;
    },
    set(key, value) {
      remove(key);
      const size = key.length * 2 + sizeOf(value) + ENTRY_OVERHEAD;
      // A value larger than the whole budget is not kept (it would evict everything for one request).
      if (size > maxBytes) return;
      while (entries.size && (bytes + size > maxBytes || entries.size >= maxEntries)) {
        remove(entries.keys().next().value!);
      }
      entries.set(key, { value, bytes: size });
      bytes += size;
    },
    delete: remove,
    clear() {
      entries.clear();
      bytes = 0;
    },
    get bytes() {
      return bytes;
    },
    get size() {
      return entries.size;
    },
    maxBytes,
  };
}
