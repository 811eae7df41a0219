import type { DocumentBuilder } from './document-builder.js';
import type { ZipArchive } from './zip-archive.js';
import { childElements, findAll, localName, parseXml, textContent } from './xml-tree.js';

/** docProps/core.xml (Dublin Core) into metadata; returns the title. Shared by DOCX, XLSX and PPTX. */
export function readCoreProperties(archive: ZipArchive, builder: DocumentBuilder): string | undefined {
  const xml = archive.text('docProps/core.xml');
  if (!xml) return undefined;
  const [root] = findAll(parseXml(xml), 'coreProperties');
  if (!root) return undefined;
  for (const element of childElements(root)) {
    const value = textContent(element).trim();
    if (value) builder.metadata[localName(element)] = value;
  }
  return builder.metadata.title;
}

/** OOXML zips all start with [Content_Types].xml; the main part's folder says which format it is. */
export function ooxmlKind(names: string[]): 'docx' | 'xlsx' | 'pptx' | undefined {
  if (names.some((name) => name.startsWith('word/'))) return 'docx';
  if (names.some((name) => name.startsWith('xl/'))) return 'xlsx';
  if (names.some((name) => name.startsWith('ppt/'))) return 'pptx';
  return undefined;
}
