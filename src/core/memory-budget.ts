import { totalmem } from 'node:os';

/**
 * The memory this process may use: the machine's, or less where a container's cgroup sets a limit
 * (`process.constrainedMemory`, 0 or undefined when there is none).
 */
export function availableMemoryBytes(): number {
  const constrained = process.constrainedMemory?.() ?? 0;
  return constrained > 0 ? Math.min(constrained, totalmem()) : totalmem();
}

/** Planning figure for the in-memory keyword index: postings, term lists and dictionary (BENCHMARKS.md, scale runs). */
export const bytesPerPosting = 10;

/** Share of memory the in-memory keyword index may take when the configuration says `"auto"`. */
export const autoIndexMemoryShare = 0.25;

/** `search.memoryIndex.maxPostings: "auto"`: a quarter of the memory available, at ~10 bytes a posting. */
export function autoMaxPostings(memoryBytes = availableMemoryBytes()): number {
  return Math.floor((memoryBytes * autoIndexMemoryShare) / bytesPerPosting);
}
