import { unzipSync } from 'fflate';
import type { ParseLimits } from './document-parser.js';
import { DocumentParseFailure, libraryErrorDetail } from './parse-failure.js';

/** A zip-based document (HWPX, DOCX, XLSX, PPTX), opened within the limits. Entry names as stored. */
export type ZipArchive = {
  names: string[];
  read(name: string): Uint8Array | undefined;
  text(name: string): string | undefined;
};

/**
 * Opens a zip without letting it expand past `maxExpandedBytes` or `maxEntries`. The sizes checked
 * are the central directory's; an entry that lies about its size cannot grow past it either, because
 * fflate inflates into a buffer of exactly the declared size. Only entries `wanted` are inflated, so
 * a document's images never cost memory.
 */
export function openZip(bytes: Uint8Array, limits: ParseLimits, wanted: (name: string) => boolean = () => true): ZipArchive {
  let entries = 0;
  let expanded = 0;
  let overLimit = '';
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (file) => {
        entries += 1;
        if (entries > limits.maxEntries) overLimit ||= `more than ${limits.maxEntries} entries`;
        if (!wanted(file.name)) return false;
        expanded += file.originalSize;
        if (expanded > limits.maxExpandedBytes) overLimit ||= `expands to more than ${limits.maxExpandedBytes} bytes`;
        return overLimit === '';
      },
    });
  } catch (error) {
    if (overLimit) throw new DocumentParseFailure('archive_too_large', overLimit);
    throw new DocumentParseFailure('corrupt_file', `damaged zip archive (${libraryErrorDetail(error)})`);
  }
  if (overLimit) throw new DocumentParseFailure('archive_too_large', overLimit);
  const decoder = new TextDecoder('utf-8');
  return {
    names: Object.keys(files),
    read: (name) => files[name],
    text: (name) => {
      const content = files[name];
      return content ? decoder.decode(content) : undefined;
    },
  };
}

/** Zip entry names, from the central directory only, to tell HWPX from DOCX from XLSX cheaply. */
export function zipEntryNames(bytes: Uint8Array): string[] {
  const names: string[] = [];
  try {
    unzipSync(bytes, { filter: (file) => { if (names.length < 2000) names.push(file.name); return false; } });
  } catch {
    // A damaged archive: whatever names were read are still a hint.
  }
  return names;
}
