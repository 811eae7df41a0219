/**
 * `\x05HwpSummaryInformation`: an OLE property set (MS-OLEPS) with the document's title, author, keywords and
 * its created / last-saved times, as Hangul writes them. Read best-effort: a damaged or odd set yields what could
 * be read, never an error (the body is what matters; these are metadata).
 */
const names: Record<number, string> = {
  2: 'title', 3: 'subject', 4: 'author', 5: 'keywords', 6: 'comments', 8: 'lastAuthor', 12: 'created', 13: 'modified',
  // Hangul's own: the date as the document states it in words ("2016년 11월 2일 수요일 오후 1:44:16").
  20: 'dateText',
};
const vtLpstr = 0x1e;
const vtLpwstr = 0x1f;
const vtFiletime = 0x40;
/** 100-ns intervals between 1601-01-01 and 1970-01-01. */
const filetimeEpoch = 116_444_736_000_000_000n;

export function readHwpSummary(stream: Uint8Array): Record<string, string> {
  const out: Record<string, string> = {};
  const view = new DataView(stream.buffer, stream.byteOffset, stream.byteLength);
  const u32 = (at: number) => (at >= 0 && at + 4 <= stream.byteLength ? view.getUint32(at, true) : undefined);
  if (stream.byteLength < 48 || view.getUint16(0, true) !== 0xfffe) return out;
  const setStart = u32(44);
  if (setStart === undefined) return out;
  const count = u32(setStart + 4) ?? 0;
  for (let index = 0; index < Math.min(count, 64); index++) {
    const id = u32(setStart + 8 + index * 8);
    const offset = u32(setStart + 12 + index * 8);
    if (id === undefined || offset === undefined) break;
    const name = names[id];
    if (!name) continue;
    const at = setStart + offset;
    const value = readValue(stream, view, at, u32);
    if (value) out[name] = value;
  }
  return out;
}

function readValue(stream: Uint8Array, view: DataView, at: number, u32: (at: number) => number | undefined): string | undefined {
  const type = u32(at);
  if (type === vtLpwstr) {
    const characters = u32(at + 4) ?? 0;
    const end = at + 8 + characters * 2;
    if (characters === 0 || end > stream.byteLength) return undefined;
    return new TextDecoder('utf-16le').decode(stream.subarray(at + 8, end)).replace(/\0+$/, '').trim() || undefined;
  }
  if (type === vtLpstr) {
    const bytes = u32(at + 4) ?? 0;
    const end = at + 8 + bytes;
    if (bytes === 0 || end > stream.byteLength) return undefined;
    return new TextDecoder('utf-8').decode(stream.subarray(at + 8, end)).replace(/\0+$/, '').trim() || undefined;
  }
  if (type === vtFiletime && at + 12 <= stream.byteLength) {
    const ticks = view.getBigUint64(at + 4, true);
    if (ticks <= filetimeEpoch) return undefined;
    const date = new Date(Number((ticks - filetimeEpoch) / 10_000n));
    return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
  }
  return undefined;
}
