import type { DocumentParser, ParseLimits, ParsedDocument } from './document-parser.js';
import { cellText, DocumentBuilder } from './document-builder.js';
import { checkInput, extensionOf, hasPrefix, zipMagic } from './input-checks.js';
import { readCoreProperties } from './ooxml-properties.js';
import { DocumentParseFailure, guardedParse } from './parse-failure.js';
import { openZip } from './zip-archive.js';
import { attribute, childElements, findAll, localName, parseXml, textContent } from './xml-tree.js';

/**
 * PPTX: slides in order (ppt/slides/slideN.xml), `page` = slide number. A title placeholder becomes a
 * heading, other text paragraphs become paragraphs (or list items when indented), tables stay tables,
 * speaker notes become comment notes.
 */
export const pptxParser: DocumentParser = {
  formats: ['pptx'],
  canParse: (bytes, fileName) => hasPrefix(bytes, zipMagic) && extensionOf(fileName) === 'pptx',
  parse: (bytes, _fileName, limits) => guardedParse(() => parsePptx(bytes, limits)),
};

function parsePptx(bytes: Uint8Array, limits: ParseLimits): ParsedDocument {
  checkInput(bytes, limits);
  const archive = openZip(bytes, limits, (name) => name.endsWith('.xml') || name.endsWith('.rels'));
  const slideNumber = (name: string) => Number(/slide(\d+)\.xml$/.exec(name)?.[1] ?? 0);
  const slides = archive.names.filter((name) => /^ppt\/slides\/slide\d+\.xml$/.test(name)).sort((a, b) => slideNumber(a) - slideNumber(b));
  if (slides.length === 0 && !archive.names.includes('ppt/presentation.xml')) throw new DocumentParseFailure('corrupt_file', 'no slides in the archive');
  const builder = new DocumentBuilder('pptx');
  slides.forEach((name, index) => {
    const page = index + 1;
    for (const shape of findAll(parseXml(archive.text(name) ?? ''), 'spTree').flatMap((tree) => childElements(tree))) {
      const kind = localName(shape);
      if (kind === 'graphicFrame') {
        for (const table of findAll([shape], 'tbl')) {
          builder.add({ kind: 'table', rows: findAll([table], 'tr').map((row) => findAll([row], 'tc').map((cell) => cellText(findAll([cell], 't').map(textContent).join(' ')))), page });
        }
        continue;
      }
      const placeholder = findAll([shape], 'ph')[0];
      const isTitle = placeholder !== undefined && ['title', 'ctrTitle'].includes(attribute(placeholder, 'type') ?? '');
      for (const paragraph of findAll([shape], 'p')) {
        const text = findAll([paragraph], 't').map(textContent).join('');
        const properties = childElements(paragraph, 'pPr')[0];
        const level = Number(properties ? attribute(properties, 'lvl') : 0) || 0;
        if (isTitle) builder.add({ kind: 'heading', level: 2, text, page });
        else if (level > 0) builder.add({ kind: 'list-item', ordered: false, depth: level - 1, text, page });
        else builder.add({ kind: 'paragraph', text, page });
      }
    }
    const notes = archive.text(name.replace('slides/slide', 'notesSlides/notesSlide'));
    if (notes) {
      const text = findAll(parseXml(notes), 'p').map((paragraph) => findAll([paragraph], 't').map(textContent).join('')).filter((line) => line.trim() && !/^\d+$/.test(line.trim())).join('\n');
      builder.add({ kind: 'note', noteKind: 'comment', text, page });
    }
  });
  const title = readCoreProperties(archive, builder);
  return builder.build({ pageCount: slides.length, ...(title ? { title } : {}) });
}
