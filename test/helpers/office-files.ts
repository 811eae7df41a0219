import { strToU8, zipSync } from 'fflate';

/** One paragraph of a generated document: plain, or a list item of a numbered or bulleted list at a level (0-based). */
export type ListParagraph = { text: string; list?: { ordered: boolean; level: number } };

const xml = (body: string) => strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${body}`);
const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const fixedTime = { mtime: new Date('2026-11-28T00:00:00Z') };

/**
 * A minimal DOCX whose lists use real Word numbering: numId 1 is a bullet list, numId 2 a decimal list (%1., %2. at
 * its levels), as Word writes them in word/numbering.xml.
 */
export function writeDocx(paragraphs: readonly ListParagraph[]): Uint8Array {
  const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
  const body = paragraphs.map(({ text, list }) => {
    const numbering = list ? `<w:pPr><w:numPr><w:ilvl w:val="${list.level}"/><w:numId w:val="${list.ordered ? 2 : 1}"/></w:numPr></w:pPr>` : '';
    return `<w:p>${numbering}<w:r><w:t xml:space="preserve">${escapeXml(text)}</w:t></w:r></w:p>`;
  }).join('');
  const levels = (format: string, text: (level: number) => string) =>
    [0, 1, 2].map((level) => `<w:lvl w:ilvl="${level}"><w:start w:val="1"/><w:numFmt w:val="${format}"/><w:lvlText w:val="${text(level)}"/></w:lvl>`).join('');
  const numbering = `<w:numbering ${W}>`
    + `<w:abstractNum w:abstractNumId="0">${levels('bullet', () => '•')}</w:abstractNum>`
    + `<w:abstractNum w:abstractNumId="1">${levels('decimal', (level) => `%${level + 1}.`)}</w:abstractNum>`
    + '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num></w:numbering>';
  const rels = (items: Array<[string, string, string]>) => xml(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${items.map(([id, type, target]) => `<Relationship Id="${id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/${type}" Target="${target}"/>`).join('')}</Relationships>`);
  return zipSync({
    '[Content_Types].xml': xml('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'),
    '_rels/.rels': rels([['rId1', 'officeDocument', 'word/document.xml']]),
    'word/_rels/document.xml.rels': rels([['rId1', 'numbering', 'numbering.xml']]),
    'word/document.xml': xml(`<w:document ${W}><w:body>${body}</w:body></w:document>`),
    'word/numbering.xml': xml(numbering),
  }, fixedTime);
}

/**
 * A minimal HWPX (OWPML): list paragraphs point at a paraPr whose heading is NUMBER or BULLET at their level, as
 * Hangul writes numbered (문단 번호) and bulleted (글머리표) paragraphs in Contents/header.xml.
 */
export function writeHwpx(paragraphs: readonly ListParagraph[]): Uint8Array {
  const HH = 'xmlns:hh="http://www.hancom.co.kr/hwpml/2011/head"';
  const HS = 'xmlns:hs="http://www.hancom.co.kr/hwpml/2011/section" xmlns:hp="http://www.hancom.co.kr/hwpml/2011/paragraph"';
  // paraPr 0 is plain; 1–3 numbered at levels 0–2; 4–6 bulleted at levels 0–2.
  const paraPrs = ['<hh:paraPr id="0"><hh:heading type="NONE" idRef="0" level="0"/></hh:paraPr>'];
  for (const [offset, type] of [[1, 'NUMBER'], [4, 'BULLET']] as const) {
    for (const level of [0, 1, 2]) paraPrs.push(`<hh:paraPr id="${offset + level}"><hh:heading type="${type}" idRef="1" level="${level}"/></hh:paraPr>`);
  }
  const header = `<hh:head ${HH} version="1.4"><hh:refList><hh:paraProperties itemCnt="${paraPrs.length}">${paraPrs.join('')}</hh:paraProperties></hh:refList></hh:head>`;
  const body = paragraphs.map(({ text, list }) => {
    const paraPr = list ? (list.ordered ? 1 : 4) + list.level : 0;
    return `<hp:p paraPrIDRef="${paraPr}" styleIDRef="0"><hp:run charPrIDRef="0"><hp:t>${escapeXml(text)}</hp:t></hp:run></hp:p>`;
  }).join('');
  const hpf = '<opf:package xmlns:opf="http://www.idpf.org/2007/opf/"><opf:manifest><opf:item id="header" href="Contents/header.xml" media-type="application/xml"/><opf:item id="section0" href="Contents/section0.xml" media-type="application/xml"/></opf:manifest><opf:spine><opf:itemref idref="section0"/></opf:spine></opf:package>';
  return zipSync({
    mimetype: [strToU8('application/hwp+zip'), { level: 0 }],
    'Contents/content.hpf': xml(hpf),
    'Contents/header.xml': xml(header),
    'Contents/section0.xml': xml(`<hs:sec ${HS}>${body}</hs:sec>`),
  }, fixedTime);
}
