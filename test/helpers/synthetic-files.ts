/** Small files built in tests, so parser tests need nothing on disk beyond ../shared/fixtures. */

/** Deterministic bytes (xorshift), binary enough to match no text format; the same seed gives the same bytes. */
export function randomBytes(length: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let state = seed >>> 0 || 1;
  for (let index = 0; index < length; index++) {
    state ^= state << 13; state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5; state >>>= 0;
    bytes[index] = state & 0xff;
  }
  return bytes;
}

/**
 * A PDF of the given objects (numbered from 1 in order; object 1 is the catalog) with a correct cross-reference
 * table. `info`: the number of an information dictionary among them. `encoding`: how the body's text becomes bytes.
 */
export function writePdf(objects: readonly string[], options: { info?: number; encoding?: 'utf8' | 'latin1' } = {}): Uint8Array {
  let output = '%PDF-1.4\n';
  const offsets = objects.map((body, index) => {
    const offset = Buffer.byteLength(output);
    output += `${index + 1} 0 obj\n${body}\nendobj\n`;
    return offset;
  });
  const xref = Buffer.byteLength(output);
  output += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('')}`;
  output += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R${options.info ? ` /Info ${options.info} 0 R` : ''} >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(output, options.encoding ?? 'utf8'));
}
