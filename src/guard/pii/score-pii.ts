/**
 * Scoring against gold spans, as ../shared/eval/README.md defines it: a prediction matches a gold entity of the
 * same type when their overlap covers at least 80% of the gold span; each prediction matches at most once.
 */
export type ScoredSpan = { type: string; start: number; end: number };
export type TypeCounts = { truePositives: number; falsePositives: number; falseNegatives: number };
export type PrecisionRecall = TypeCounts & { precision: number; recall: number; f1: number };

export function matchSpans(gold: readonly ScoredSpan[], predicted: readonly ScoredSpan[], minCoverage = 0.8): Map<string, TypeCounts> {
  const counts = new Map<string, TypeCounts>();
  const countsFor = (type: string) => {
    let entry = counts.get(type);
    if (!entry) counts.set(type, (entry = { truePositives: 0, falsePositives: 0, falseNegatives: 0 }));
    return entry;
  };
  const used = new Set<number>();
  for (const goldSpan of gold) {
    const index = predicted.findIndex((candidate, position) => !used.has(position) && candidate.type === goldSpan.type &&
      overlap(candidate, goldSpan) >= minCoverage * (goldSpan.end - goldSpan.start));
    if (index === -1) countsFor(goldSpan.type).falseNegatives++;
    else {
      used.add(index);
      countsFor(goldSpan.type).truePositives++;
    }
  }
  predicted.forEach((candidate, position) => {
    if (!used.has(position)) countsFor(candidate.type).falsePositives++;
  });
  return counts;
}

export function addCounts(total: Map<string, TypeCounts>, more: Map<string, TypeCounts>): void {
  for (const [type, counts] of more) {
    const entry = total.get(type) ?? { truePositives: 0, falsePositives: 0, falseNegatives: 0 };
    entry.truePositives += counts.truePositives;
    entry.falsePositives += counts.falsePositives;
    entry.falseNegatives += counts.falseNegatives;
    total.set(type, entry);
  }
}

export function precisionRecall(counts: TypeCounts): PrecisionRecall {
  const { truePositives, falsePositives, falseNegatives } = counts;
  const precision = truePositives + falsePositives === 0 ? 1 : truePositives / (truePositives + falsePositives);
  const recall = truePositives + falseNegatives === 0 ? 1 : truePositives / (truePositives + falseNegatives);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { ...counts, precision, recall, f1 };
}

export function sumCounts(counts: Iterable<TypeCounts>): TypeCounts {
  const total = { truePositives: 0, falsePositives: 0, falseNegatives: 0 };
  for (const entry of counts) {
    total.truePositives += entry.truePositives;
    total.falsePositives += entry.falsePositives;
    total.falseNegatives += entry.falseNegatives;
  }
  return total;
}

function overlap(a: ScoredSpan, b: ScoredSpan): number {
  return Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
}
