/**
 * Decodes a PARA_TEXT record (UTF-16LE). Codes below 32 are controls: some take one code unit, the
 * others eight (the code, six units of parameters, the code again). "Extended" controls (tables,
 * shapes, notes, headers…) each own one CTRL_HEADER record after the text, in the same order, so the
 * decoder reports where each one sits and the caller can put the object there in reading order.
 */
export type TextSegment = { kind: 'text'; text: string } | { kind: 'control'; index: number };

const extendedControls = new Set([1, 2, 3, 11, 12, 14, 15, 16, 17, 18, 21, 22, 23]);
const inlineControls = new Set([4, 5, 6, 7, 8, 9, 19, 20]);

export function decodeParaText(data: Uint8Array): TextSegment[] {
  const segments: TextSegment[] = [];
  let text = '';
  let controlIndex = 0;
  const units = Math.floor(data.byteLength / 2);
  for (let unit = 0; unit < units; ) {
    const code = data[unit * 2]! | (data[unit * 2 + 1]! << 8);
    if (code >= 32) {
      text += String.fromCharCode(code);
      unit += 1;
    } else if (extendedControls.has(code)) {
      if (text) segments.push({ kind: 'text', text });
      text = '';
      segments.push({ kind: 'control', index: controlIndex++ });
      unit += 8;
    } else if (inlineControls.has(code)) {
      if (code === 9) text += '\t';
      unit += 8;
    } else {
      if (code === 10) text += '\n';
      else if (code === 24) text += '-';
      else if (code === 30 || code === 31) text += ' ';
      unit += 1;
    }
  }
  if (text) segments.push({ kind: 'text', text });
  return segments;
}

/** Reads a length-prefixed UTF-16 string (WORD count, then WCHARs), as 덧말 and 글자겹침 store theirs. */
export function readLengthPrefixedString(data: Uint8Array, offset: number): { text: string; next: number } {
  if (offset + 2 > data.byteLength) return { text: '', next: data.byteLength };
  const length = data[offset]! | (data[offset + 1]! << 8);
  const end = Math.min(data.byteLength, offset + 2 + length * 2);
  let text = '';
  for (let position = offset + 2; position + 1 < end; position += 2) {
    const code = data[position]! | (data[position + 1]! << 8);
    if (code >= 32) text += String.fromCharCode(code);
  }
  return { text, next: end };
}
