import { totalmem } from 'node:os';
import { getHeapStatistics } from 'node:v8';

/**
 * The memory this process may use: the machine's, or less where a container's cgroup sets a limit
 * (`process.constrainedMemory`, 0 or undefined when there is none).
 */
export function availableMemoryBytes(): number {
  const constrained = process.constrainedMemory?.() ?? 0;
  return constrained > 0 ? Math.min(constrained, totalmem()) : totalmem();
}

/**
 * Planning figure for the in-memory keyword index: postings, term lists, dictionary, and what loading leaves
 * behind. A million chunks (248.6M postings) took 3.2 GB beyond the process's own RSS on the server (BENCHMARKS.md,
 * "Scale, eighth run"): ~13 bytes a posting, rounded up.
 */
export const bytesPerPosting = 15;

/** Share of memory the in-memory keyword index may take when the configuration says `"auto"`. */
export const autoIndexMemoryShare = 0.25;

/**
 * Postings per byte of V8 heap limit that "auto" never exceeds. The posting lists live in typed arrays outside the
 * JavaScript heap, but each tenant's term dictionary (a Map, ~70 bytes a term) lives on it, and the heap has a fixed
 * limit (~4 GB by default) whatever the machine's memory. Vocabulary grows far slower than postings (Heaps' law
 * fitted to the NIA report's text gives ~4M distinct terms at ~600M postings; not measured on a real archive), so one posting per 5 bytes of heap limit (~870M postings
 * with the default heap) keeps the dictionary well inside it; `--max-old-space-size` raises both.
 */
export const postingsPerHeapByte = 1 / 5;

/**
 * `search.memoryIndex.maxPostings: "auto"`: a quarter of the memory available at ~15 bytes a posting, and no more
 * than the heap limit allows for the term dictionaries (above).
 */
export function autoMaxPostings(memoryBytes = availableMemoryBytes(), heapLimitBytes = getHeapStatistics().heap_size_limit): number {
  return Math.floor(Math.min((memoryBytes * autoIndexMemoryShare) / bytesPerPosting, heapLimitBytes * postingsPerHeapByte));
}
