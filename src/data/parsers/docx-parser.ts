import mammoth from 'mammoth';
import type { DocumentParser, ParseLimits, ParsedDocument } from './document-parser.js';
import { DocumentBuilder } from './document-builder.js';
import { htmlToBlocks } from './html-blocks.js';
import { checkInput, extensionOf, hasPrefix, zipMagic } from './input-checks.js';
import { readCoreProperties } from './ooxml-properties.js';
import { DocumentParseFailure, guardedParse } from './parse-failure.js';
import { openZip } from './zip-archive.js';
import { findAll, parseXml, textContent } from './xml-tree.js';
import { withInferredHeadings } from './heading-inference.js';

/**
 * DOCX through mammoth (maps Word styles to headings, numbering to lists, keeps tables, footnotes and
 * endnotes). mammoth unzips with JSZip, which has no size limit, so the archive is first opened with
 * our limits; only then does mammoth see it. Headers and footers (mammoth drops them) are read here.
 */
export const docxParser: DocumentParser = {
  formats: ['docx'],
  canParse: (bytes, fileName) => hasPrefix(bytes, zipMagic) && extensionOf(fileName) === 'docx',
  parse: (bytes, _fileName, limits) => guardedParse(() => parseDocx(bytes, limits)),
};

async function parseDocx(bytes: Uint8Array, limits: ParseLimits): Promise<ParsedDocument> {
  checkInput(bytes, limits);
  const archive = openZip(bytes, limits, (name) => name.endsWith('.xml') || name.endsWith('.rels'));
  if (!archive.names.includes('word/document.xml')) {
    if (archive.names.includes('EncryptedPackage')) throw new DocumentParseFailure('password_protected', 'the document is encrypted');
    throw new DocumentParseFailure('corrupt_file', 'no word/document.xml in the archive');
  }
  const builder = new DocumentBuilder('docx');
  const result = await mammoth.convertToHtml({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) }, { ignoreEmptyParagraphs: true, convertImage: mammoth.images.imgElement(async () => ({ src: '' })) });
  for (const block of htmlToBlocks(result.value)) builder.add(block);
  for (const note of result.messages.filter((message) => message.type === 'error').slice(0, 5)) builder.warn(note.message);
  for (const name of archive.names.filter((entry) => /^word\/(header|footer)\d*\.xml$/.test(entry)).sort()) {
    const paragraphs = findAll(parseXml(archive.text(name) ?? ''), 'p').map((paragraph) => textContent(paragraph).trim());
    builder.addHeaderOrFooter(paragraphs.filter((text) => text !== '').join('\n'));
  }
  const title = readCoreProperties(archive, builder);
  return withInferredHeadings(builder.build(title ? { title } : {}));
}
