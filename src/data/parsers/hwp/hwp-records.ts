/**
 * HWP 5 record streams (DocInfo, BodyText/SectionN): a 32-bit header packs tag (10 bits), nesting
 * level (10 bits) and size (12 bits; 0xFFF means a 32-bit size follows). Levels express nesting, so
 * the flat stream is rebuilt into a tree: a record's children are the following records one level deeper.
 */
export type HwpRecord = {
  tag: number;
  level: number;
  data: Uint8Array;
  children: HwpRecord[];
};

export const hwpTag = {
  /** HWPTAG_BEGIN: no record has a smaller tag. */
  begin: 16,
  documentProperties: 16,
  paraShape: 25,
  distributeDocData: 28,
  paraHeader: 66,
  paraText: 67,
  ctrlHeader: 71,
  listHeader: 72,
  table: 77,
} as const;

export function readRecords(stream: Uint8Array): { records: HwpRecord[]; truncated: boolean } {
  const view = new DataView(stream.buffer, stream.byteOffset, stream.byteLength);
  const records: HwpRecord[] = [];
  let offset = 0;
  let truncated = false;
  while (offset + 4 <= stream.byteLength) {
    const header = view.getUint32(offset, true);
    offset += 4;
    let size = header >>> 20;
    if (size === 0xfff) {
      if (offset + 4 > stream.byteLength) { truncated = true; break; }
      size = view.getUint32(offset, true);
      offset += 4;
    }
    if (offset + size > stream.byteLength) { truncated = true; break; }
    records.push({ tag: header & 0x3ff, level: (header >>> 10) & 0x3ff, data: stream.subarray(offset, offset + size), children: [] });
    offset += size;
  }
  return { records, truncated };
}

/** Rebuilds nesting from levels. A level that jumps by more than one still nests under the last record. */
export function buildRecordTree(records: HwpRecord[]): HwpRecord[] {
  const roots: HwpRecord[] = [];
  const stack: HwpRecord[] = [];
  for (const record of records) {
    while (stack.length > 0 && stack[stack.length - 1]!.level >= record.level) stack.pop();
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(record);
    else roots.push(record);
    stack.push(record);
  }
  return roots;
}

/** Control ids are four ASCII characters stored as a little-endian uint32, so they read reversed. */
export function controlId(record: HwpRecord): string {
  if (record.data.byteLength < 4) return '';
  return String.fromCharCode(record.data[3]!, record.data[2]!, record.data[1]!, record.data[0]!);
}

export function readUint16(data: Uint8Array, offset: number): number {
  return offset + 2 <= data.byteLength ? data[offset]! | (data[offset + 1]! << 8) : 0;
}

export function readUint32(data: Uint8Array, offset: number): number {
  return offset + 4 <= data.byteLength ? new DataView(data.buffer, data.byteOffset, data.byteLength).getUint32(offset, true) : 0;
}
