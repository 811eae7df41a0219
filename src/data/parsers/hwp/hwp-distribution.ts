import { createDecipheriv } from 'node:crypto';
import { DocumentParseFailure } from '../parse-failure.js';
import { hwpTag, readUint32 } from './hwp-records.js';

/**
 * 배포용 (distribution) documents keep their body in ViewText/SectionN: a DISTRIBUTE_DOC_DATA record
 * whose 256 bytes are scrambled with MSVC's rand() seeded by their first 4 bytes, followed by the
 * section stream encrypted with AES-128-ECB. The key is 16 bytes of the unscrambled record at
 * 4 + (seed & 0xF) (HWP 5.0 distribution spec; the same algorithm as hwplib and pyhwp).
 * The viewer's copy/print restriction is a flag for Hangul, not a secret: reading for search is fine.
 */
export function decryptViewText(stream: Uint8Array): Uint8Array {
  const header = readUint32(stream, 0);
  const tag = header & 0x3ff;
  const size = header >>> 20;
  if (tag !== hwpTag.distributeDocData || size !== 256 || stream.byteLength < 4 + 256) {
    throw new DocumentParseFailure('corrupt_file', 'distribution document without its key record');
  }
  const key = distributionKey(stream.subarray(4, 4 + 256));
  const encrypted = stream.subarray(4 + 256);
  const usable = encrypted.byteLength - (encrypted.byteLength % 16);
  const decipher = createDecipheriv('aes-128-ecb', key, null);
  decipher.setAutoPadding(false);
  return new Uint8Array(Buffer.concat([decipher.update(encrypted.subarray(0, usable)), decipher.final()]));
}

export function distributionKey(record: Uint8Array): Uint8Array {
  const data = scrambleDistributionRecord(record);
  const offset = 4 + (data[0]! & 0x0f);
  return data.slice(offset, offset + 16);
}

/**
 * XORs bytes 4..255 with runs of MSVC rand() values seeded by bytes 0..3. XOR makes it its own
 * inverse: the same pass unscrambles a stored record and scrambles one (tests build documents with it).
 */
export function scrambleDistributionRecord(record: Uint8Array): Uint8Array {
  const data = Uint8Array.from(record);
  let seed = readUint32(data, 0);
  const nextRandom = () => {
    seed = (Math.imul(seed, 214013) + 2531011) >>> 0;
    return (seed >>> 16) & 0x7fff;
  };
  let mask = 0;
  let remaining = 0;
  for (let index = 0; index < 256; index++) {
    if (remaining === 0) {
      mask = nextRandom() & 0xff;
      remaining = (nextRandom() & 0x0f) + 1;
    }
    // The seed bytes consume the generator too, but stay as they are.
    if (index >= 4) data[index] = data[index]! ^ mask;
    remaining--;
  }
  return data;
}
