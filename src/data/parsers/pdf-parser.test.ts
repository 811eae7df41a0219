import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultParseLimits } from './parse-limits.js';
import { pdfParser } from './pdf-parser.js';
import { writePdf } from '../../../test/helpers/synthetic-files.js';

/**
 * A multi-page Korean PDF, written here byte by byte so the test needs no font on the machine: a
 * Type0 font with Identity-H encoding (each character is its UTF-16 code unit as a 2-byte CID) and
 * a ToUnicode map from CIDs back to Unicode. The font program is not embedded; extraction reads
 * only the text layer, as with a real office export.
 */
type Line = { text: string; size: number; y: number };

function koreanPdf(pages: Line[][], title: string): Uint8Array {
  const hex = (text: string) => [...text].map((character) => character.charCodeAt(0).toString(16).padStart(4, '0')).join('');
  // One range per high byte (at most 100 ranges per block, as the CMap format requires).
  const ranges = Array.from({ length: 256 }, (_, high) => `<${high.toString(16).padStart(2, '0')}00> <${high.toString(16).padStart(2, '0')}ff> <${high.toString(16).padStart(2, '0')}00>`);
  const blocks = [0, 100, 200].map((start) => ranges.slice(start, start + 100)).map((part) => `${part.length} beginbfrange\n${part.join('\n')}\nendbfrange`);
  const toUnicode = `/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n${blocks.join('\n')}\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [${pages.map((_, index) => `${7 + index * 2} 0 R`).join(' ')}] /Count ${pages.length} >>`,
    '<< /Type /Font /Subtype /Type0 /BaseFont /KGovGothic /Encoding /Identity-H /DescendantFonts [4 0 R] /ToUnicode 5 0 R >>',
    '<< /Type /Font /Subtype /CIDFontType2 /BaseFont /KGovGothic /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 6 0 R /DW 1000 /CIDToGIDMap /Identity >>',
    `<< /Length ${Buffer.byteLength(toUnicode)} >>\nstream\n${toUnicode}endstream`,
    '<< /Type /FontDescriptor /FontName /KGovGothic /Flags 4 /FontBBox [0 -200 1000 800] /ItalicAngle 0 /Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 >>',
  ];
  pages.forEach((lines, index) => {
    const stream = lines.map((line) => `BT /F1 ${line.size} Tf 72 ${line.y} Td <${hex(line.text)}> Tj ET`).join('\n') + `\nBT /F1 9 Tf 290 40 Td <${hex(`- ${index + 1} -`)}> Tj ET\n`;
    objects.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents ${objects.length + 2} 0 R >>`);
    objects.push(`<< /Length ${Buffer.byteLength(stream)} >>\nstream\n${stream}endstream`);
  });
  objects.push(`<< /Title <feff${hex(title)}> >>`);
  return writePdf(objects, { info: objects.length });
}

test('a multi-page Korean PDF gives each block the page it is on, in reading order', async () => {
  const bytes = koreanPdf([
    [{ text: '정보공개 운영 지침', size: 18, y: 760 }, { text: '이 지침은 공공기관의 정보공개 절차를 정한다.', size: 11, y: 720 }, { text: '공개 청구는 서면으로 한다.', size: 11, y: 705 }],
    [{ text: '제2장 공개 대상', size: 14, y: 760 }, { text: '행정 문서와 회의록은 공개한다.', size: 11, y: 720 }],
    [],
    [{ text: '부칙', size: 14, y: 760 }, { text: '이 지침은 2026년 1월 1일부터 시행한다.', size: 11, y: 720 }],
  ], '정보공개 운영 지침');
  const result = await pdfParser.parse(bytes, '지침.pdf', defaultParseLimits);
  assert.ok(result.ok, JSON.stringify(result));
  assert.equal(result.document.pageCount, 4);
  assert.equal(result.document.title, '정보공개 운영 지침');
  assert.deepEqual(result.document.blocks.map((block) => [block.page, block.kind === 'table' ? '' : block.text]), [
    [1, '정보공개 운영 지침'],
    // 15 points apart with 11-point type: one paragraph of two lines.
    [1, '이 지침은 공공기관의 정보공개 절차를 정한다.\n공개 청구는 서면으로 한다.'],
    [1, '- 1 -'],
    [2, '제2장 공개 대상'],
    [2, '행정 문서와 회의록은 공개한다.'],
    [2, '- 2 -'],
    // A page with nothing but its number: the pages after it keep theirs.
    [3, '- 3 -'],
    [4, '부칙'],
    [4, '이 지침은 2026년 1월 1일부터 시행한다.'],
    [4, '- 4 -'],
  ]);
});

test('a PDF export of a report without tagged headings gets its titles as headings, each on its page', async () => {
  const bytes = koreanPdf([
    [
      { text: 'Ⅰ. 추진 배경', size: 14, y: 760 },
      { text: '○ 민원 처리 기간이 길어 개선이 필요함', size: 11, y: 720 },
    ],
    [
      { text: 'Ⅱ. 추진 계획', size: 14, y: 760 },
      { text: '○ 처리 기한을 7일로 단축함', size: 11, y: 720 },
    ],
  ], '민원 개선 계획');
  const parsed = await pdfParser.parse(bytes, 'plan.pdf', defaultParseLimits);
  assert.ok(parsed.ok, JSON.stringify(parsed));
  assert.deepEqual(
    parsed.document.blocks.filter((block) => block.kind === 'heading').map((block) => [block.level, block.text, block.page]),
    [[1, 'Ⅰ. 추진 배경', 1], [1, 'Ⅱ. 추진 계획', 2]],
  );
});
