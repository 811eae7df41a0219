/**
 * The parsing measure of issue 3: the share of a gold preview's characters found, in order, in the
 * extracted text. Hangul's preview (PrvText) wraps objects (table cells, text boxes, pictures) in
 * `<…>`; those brackets are markup, not text, so they are dropped — the text inside them is kept,
 * since a correct extractor must produce it. Whitespace differs legitimately between a preview and
 * an extraction (cell separators, line breaks), so all whitespace is removed before comparing, and
 * both sides are NFC-normalised. "In order" is the longest common subsequence, not a greedy scan,
 * so one stray early match cannot hide the rest.
 */
export function previewCoverage(preview: string, extracted: string): { found: number; total: number; share: number } {
  const wanted = comparable(preview);
  const total = wanted.length;
  if (total === 0) return { found: 0, total: 0, share: 1 };
  const found = longestCommonSubsequence(wanted, comparable(extracted));
  return { found, total, share: found / total };
}

function comparable(text: string): string[] {
  return [...text.normalize('NFC').replace(/[<>]/g, '').replace(/\s+/gu, '')];
}

/** Two-row dynamic programme: O(|a|·|b|) time, O(|a|) memory. Previews are at most a few thousand characters. */
function longestCommonSubsequence(a: string[], b: string[]): number {
  let previous = new Uint32Array(a.length + 1);
  let current = new Uint32Array(a.length + 1);
  for (const character of b) {
    for (let index = 1; index <= a.length; index++) {
      current[index] = a[index - 1] === character ? previous[index - 1]! + 1 : Math.max(previous[index]!, current[index - 1]!);
    }
    [previous, current] = [current, previous];
  }
  return previous[a.length]!;
}
