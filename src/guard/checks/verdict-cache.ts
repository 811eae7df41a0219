import { createHash } from 'node:crypto';

/**
 * A small least-recently-used cache whose entries also expire, keyed by the SHA-256 of a text (the texts
 * themselves are not kept: the cache must not become a store of prompts). A Map keeps insertion order, so
 * moving a hit to the end and evicting from the front is an LRU without a linked list.
 */
export class VerdictCache<T> {
  private readonly entries = new Map<string, { value: T; expires: number }>();

  constructor(private readonly options: { maxEntries: number; ttlMs: number; now?: () => number }) {}

  static keyOf(...parts: string[]): string {
    const hash = createHash('sha256');
    for (const part of parts) hash.update(part).update('\u0000');
    return hash.digest('base64url');
  }

  get(key: string): T | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (entry.expires <= this.now()) return undefined;
    this.entries.set(key, entry);
    return entry.value;
  }

  set(key: string, value: T): void {
    if (this.options.maxEntries === 0 || this.options.ttlMs === 0) return;
    this.entries.delete(key);
    this.entries.set(key, { value, expires: this.now() + this.options.ttlMs });
    while (this.entries.size > this.options.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }

  get size(): number {
    return this.entries.size;
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }
}
