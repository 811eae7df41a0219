/**
 * A read-only reader of OLE compound files ([MS-CFB]), the container of HWP 5.
 *
 * Why our own and not `cfb` (SheetJS, 1.2.2, the last release in 2022): its reader loops without end
 * on damaged files. Our fuzz test found a directory whose sibling links form a cycle: `cfb.read` grew
 * an array until V8 aborted the process (a fatal error no try/catch can stop). Its stream chains are
 * followed without a cycle check (`get_sector_list`), and its chain discovery is quadratic in the
 * sector count. Reading is the small half of the format, so here every walk is bounded: each chain
 * and the directory tree visit a sector or entry at most once, and anything else is a thrown
 * `OleFormatError` naming the damage. `cfb` stays a development dependency: tests write containers
 * with it, and check this reader against its output on every fixture.
 */

export class OleFormatError extends Error {
  override name = 'OleFormatError';
}

export type OleContainer = {
  /** Stream paths in directory order, storages joined by '/', without the root: `BodyText/Section0`. */
  readonly streamPaths: readonly string[];
  /** A stream's bytes (exact path, then ignoring case), or undefined when there is no such stream. */
  stream(path: string): Uint8Array | undefined;
};

const magic = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
/** Sector ids at and above MAXREGSECT+1 are markers (DIFSECT, FATSECT, ENDOFCHAIN, FREESECT). */
const firstMarker = 0xfffffffb;
const endOfChain = 0xfffffffe;
const noStream = 0xffffffff;
const miniStreamCutoff = 4096;
const miniSectorSize = 64;
const entrySize = 128;

const entryType = { storage: 1, stream: 2, root: 5 } as const;

type DirectoryEntry = { name: string; type: number; left: number; right: number; child: number; start: number; size: number };

/** Reads the container's structure; stream bytes are copied only when asked for. */
export function readOleContainer(bytes: Uint8Array): OleContainer {
  if (bytes.byteLength < 512) throw new OleFormatError(`file of ${bytes.byteLength} bytes is shorter than an OLE header`);
  if (magic.some((byte, index) => bytes[index] !== byte)) throw new OleFormatError('no OLE signature');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const major = view.getUint16(0x1a, true);
  const sectorShift = view.getUint16(0x1e, true);
  if (!((major === 3 && sectorShift === 9) || (major === 4 && sectorShift === 12))) {
    throw new OleFormatError(`unsupported version ${major} with sector shift ${sectorShift}`);
  }
  if (view.getUint16(0x20, true) !== 6) throw new OleFormatError(`mini sector shift ${view.getUint16(0x20, true)}, expected 6`);
  const sectorSize = 1 << sectorShift;
  const sectorCount = Math.ceil((bytes.byteLength - sectorSize) / sectorSize);
  const sectors = new Sectors(bytes, sectorSize, sectorCount);

  const fat = readFat(view, sectors);
  const chain = (start: number, what: string) => followChain(start, fat, sectorCount, what);
  const directory = readDirectory(sectors.join(chain(view.getUint32(0x30, true), 'the directory')));
  const root = directory[0];
  if (!root || root.type !== entryType.root) throw new OleFormatError('the directory has no root entry');
  const miniFatStart = view.getUint32(0x3c, true);
  const miniFat = miniFatStart >= firstMarker ? new Uint32Array(0) : asUint32s(sectors.join(chain(miniFatStart, 'the mini FAT')));
  let miniStream: Uint8Array | undefined;
  const miniStreamBytes = () => (miniStream ??= sectors.join(chain(root.start, 'the mini stream')).subarray(0, root.size));

  const paths = new Map<string, DirectoryEntry>();
  for (const [path, entry] of walkTree(directory)) if (!paths.has(path)) paths.set(path, entry);
  const folded = new Map<string, DirectoryEntry>();
  for (const [path, entry] of paths) if (!folded.has(path.toUpperCase())) folded.set(path.toUpperCase(), entry);

  const content = (entry: DirectoryEntry): Uint8Array => {
    if (entry.size >= miniStreamCutoff) return sectors.join(chain(entry.start, `stream ${entry.name}`)).slice(0, entry.size);
    if (entry.size === 0 || entry.start >= firstMarker) return new Uint8Array(0);
    const ids = followChain(entry.start, miniFat, miniFat.length, `stream ${entry.name} in the mini stream`);
    const mini = miniStreamBytes();
    const out = new Uint8Array(Math.min(entry.size, ids.length * miniSectorSize));
    ids.forEach((id, index) => {
      const at = index * miniSectorSize;
      if (at < out.byteLength) out.set(mini.subarray(id * miniSectorSize, Math.min(mini.byteLength, (id + 1) * miniSectorSize)).subarray(0, out.byteLength - at), at);
    });
    return out;
  };
  return {
    streamPaths: [...paths.keys()],
    stream(path) {
      const entry = paths.get(path) ?? folded.get(path.toUpperCase());
      return entry ? content(entry) : undefined;
    },
  };
}

class Sectors {
  constructor(
    private readonly bytes: Uint8Array,
    private readonly size: number,
    readonly count: number,
  ) {}

  /** Sector `id`'s bytes; the file's last sector may be short. */
  at(id: number): Uint8Array {
    if (id >= this.count) throw new OleFormatError(`sector ${id} lies past the end of the file (${this.count} sectors)`);
    const start = (id + 1) * this.size;
    return this.bytes.subarray(start, Math.min(this.bytes.byteLength, start + this.size));
  }

  join(ids: readonly number[]): Uint8Array {
    const out = new Uint8Array(ids.length * this.size);
    ids.forEach((id, index) => out.set(this.at(id), index * this.size));
    return out;
  }
}

/** The FAT's sector ids: 109 in the header, the rest in the DIFAT chain (its last id links on). */
function readFat(view: DataView, sectors: Sectors): Uint32Array {
  const fatSectors: number[] = [];
  for (let index = 0; index < 109; index++) {
    const id = view.getUint32(0x4c + index * 4, true);
    if (id >= firstMarker) break;
    fatSectors.push(id);
  }
  const seen = new Set<number>();
  for (let id = view.getUint32(0x44, true), left = view.getUint32(0x48, true); id < firstMarker && left > 0; left--) {
    if (seen.has(id)) throw new OleFormatError(`the DIFAT chain loops back to sector ${id}`);
    seen.add(id);
    const ids = asUint32s(sectors.at(id));
    for (let index = 0; index < ids.length - 1; index++) if (ids[index]! < firstMarker) fatSectors.push(ids[index]!);
    id = ids[ids.length - 1] ?? endOfChain;
  }
  if (fatSectors.length > sectors.count) throw new OleFormatError(`${fatSectors.length} FAT sectors in a file of ${sectors.count} sectors`);
  return asUint32s(sectors.join(fatSectors));
}

/** A chain of sector ids from `start`, visiting each at most once; a cycle or a stray id is damage. */
function followChain(start: number, table: Uint32Array, count: number, what: string): number[] {
  const ids: number[] = [];
  const seen = new Uint8Array(count);
  for (let id = start; id !== endOfChain && id !== noStream; id = table[id]!) {
    if (id >= count || id >= table.length) throw new OleFormatError(`${what} runs to sector ${id}, past the end`);
    if (seen[id]) throw new OleFormatError(`${what} loops back to sector ${id}`);
    seen[id] = 1;
    ids.push(id);
  }
  return ids;
}

function readDirectory(bytes: Uint8Array): DirectoryEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const entries: DirectoryEntry[] = [];
  for (let at = 0; at + entrySize <= bytes.byteLength; at += entrySize) {
    const nameBytes = Math.min(64, view.getUint16(at + 64, true));
    const name = new TextDecoder('utf-16le').decode(bytes.subarray(at, at + Math.max(0, nameBytes - 2)));
    entries.push({
      name,
      type: bytes[at + 66]!,
      left: view.getUint32(at + 68, true),
      right: view.getUint32(at + 72, true),
      child: view.getUint32(at + 76, true),
      start: view.getUint32(at + 116, true),
      size: view.getUint32(at + 120, true),
    });
  }
  return entries;
}

/**
 * Every stream with its path (pre-order: an entry, its left siblings, its children, its right siblings). Each storage's children are a binary tree of siblings under its
 * `child` link; an explicit stack walks them, and an entry reached twice (a cycle, or two parents) is damage.
 */
function walkTree(directory: DirectoryEntry[]): [string, DirectoryEntry][] {
  const out: [string, DirectoryEntry][] = [];
  const seen = new Uint8Array(directory.length);
  seen[0] = 1;
  const stack: { id: number; prefix: string }[] = [{ id: directory[0]!.child, prefix: '' }];
  while (stack.length > 0) {
    const { id, prefix } = stack.pop()!;
    if (id === noStream) continue;
    const entry = directory[id];
    if (!entry) throw new OleFormatError(`a directory link points to entry ${id} of ${directory.length}`);
    if (seen[id]) throw new OleFormatError(`the directory tree reaches entry ${id} twice`);
    seen[id] = 1;
    const path = prefix + entry.name;
    stack.push({ id: entry.right, prefix });
    if (entry.type === entryType.storage) stack.push({ id: entry.child, prefix: `${path}/` });
    if (entry.type === entryType.stream) out.push([path, entry]);
    stack.push({ id: entry.left, prefix });
  }
  return out;
}

function asUint32s(bytes: Uint8Array): Uint32Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Uint32Array(Math.floor(bytes.byteLength / 4));
  for (let index = 0; index < out.length; index++) out[index] = view.getUint32(index * 4, true);
  return out;
}
