/** Replaces spans (in any order, possibly overlapping) with a label; used by checks that mask instead of block. */
export function maskSpans(text: string, spans: readonly { start: number; end: number }[], label: (index: number) => string): string {
  const ordered = spans.map((span, index) => ({ ...span, index })).sort((a, b) => a.start - b.start);
  let masked = '';
  let cursor = 0;
  for (const span of ordered) {
    if (span.end <= cursor) continue;
    masked += text.slice(cursor, Math.max(cursor, span.start)) + label(span.index);
    cursor = span.end;
  }
  return masked + text.slice(cursor);
}
