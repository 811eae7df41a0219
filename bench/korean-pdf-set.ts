import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, type PDFFont, type PDFPage } from 'pdf-lib';

/**
 * Multi-page Korean PDFs for the ingestion benchmark, written from the NIA report's text the way an
 * office suite exports a report: A4, an embedded subset TrueType font (Type0/CIDFontType2 with a
 * ToUnicode map, so the text layer is real, extractable Korean), headings set larger, a page number
 * at the foot of each page. pdf-lib is a devDependency: only this benchmark writes PDFs.
 */
export type PdfSet = { files: string[]; pages: number; font: string };

/** Where a Korean TrueType font is: `KGOV_BENCH_KOREAN_FONT`, NanumGothic, then fontconfig. */
export function findKoreanFont(): string | undefined {
  const fromEnvironment = process.env.KGOV_BENCH_KOREAN_FONT;
  if (fromEnvironment) return existsSync(fromEnvironment) ? fromEnvironment : undefined;
  const nanum = '/usr/share/fonts/truetype/nanum/NanumGothic.ttf';
  if (existsSync(nanum)) return nanum;
  // pdf-lib embeds single TrueType fonts; collections (.ttc, e.g. Noto CJK) and CFF (.otf) subsets are not reliable.
  const listed = spawnSync('fc-list', [':lang=ko', 'file'], { encoding: 'utf8' });
  return listed.status === 0 ? listed.stdout.split('\n').map((line) => line.replace(/:\s*$/, '').trim()).find((file) => file.endsWith('.ttf')) : undefined;
}

export const missingFontMessage = 'PDF 세트 건너뜀: 한국어 TrueType 글꼴이 없습니다 — `apt-get install -y fonts-nanum` 또는 KGOV_BENCH_KOREAN_FONT=/경로/글꼴.ttf (skipped the PDF set: no Korean .ttf font)';

const pageSize: [number, number] = [595.28, 841.89]; // A4 in points
const margin = 64;
const body = { size: 10.5, leading: 17 };
const heading = { size: 13, leading: 22 };

type Line = { text: string; size: number; gapBefore: number };

/** Document `index` has 5–30 pages and starts at its own place in the report, so documents differ. */
export async function writeKoreanPdfSet(folder: string, count: number, corpusPath: string, fontPath: string): Promise<PdfSet> {
  mkdirSync(folder, { recursive: true });
  const paragraphs = readFileSync(corpusPath, 'utf8').split('\n').map((line) => line.trim()).filter((line) => line !== '');
  const fontBytes = readFileSync(fontPath);
  const files: string[] = [];
  let pages = 0;
  for (let index = 0; index < count; index++) {
    const targetPages = 5 + ((index * 7) % 26);
    const document = await PDFDocument.create();
    document.registerFontkit(fontkit);
    const font = await document.embedFont(fontBytes, { subset: true });
    const start = (index * 997) % paragraphs.length;
    const title = `${2023 + (index % 3)}년 디지털 정책 보고서 제${index + 1}호`;
    document.setTitle(title);
    document.setAuthor('한국지능정보사회진흥원');
    document.setCreator('kgov bench');
    document.setProducer('kgov bench');
    document.setCreationDate(new Date(Date.UTC(2023, index % 12, 1 + (index % 28))));
    document.setModificationDate(new Date(Date.UTC(2023, index % 12, 1 + (index % 28))));
    layOut(document, font, title, paragraphs, start, targetPages);
    const path = join(folder, `report-${String(index).padStart(3, '0')}.pdf`);
    writeFileSync(path, await document.save());
    files.push(path);
    pages += document.getPageCount();
  }
  return { files, pages, font: fontPath };
}

function layOut(document: PDFDocument, font: PDFFont, title: string, paragraphs: string[], start: number, targetPages: number) {
  const widths = new Map<string, number>();
  // A character the font lacks would be drawn as glyph 0 and read back as nothing useful: leave a space.
  const supported = new Set(font.getCharacterSet());
  const width = (character: string, size: number) => {
    let unit = widths.get(character);
    if (unit === undefined) {
      unit = font.widthOfTextAtSize(character, 1000) / 1000;
      widths.set(character, unit);
    }
    return unit * size;
  };
  const usable = pageSize[0] - margin * 2;
  let page: PDFPage | undefined;
  let y = 0;
  let pageCount = 0;
  const newPage = () => {
    page = document.addPage(pageSize);
    pageCount++;
    y = pageSize[1] - margin;
  };
  const put = (line: Line) => {
    if (!page || y - line.gapBefore - line.size < margin) newPage();
    else y -= line.gapBefore;
    y -= line.size;
    page!.drawText(line.text, { x: margin, y, size: line.size, font });
    y -= (line.size === heading.size ? heading.leading : body.leading) - line.size;
  };
  put({ text: title, size: 16, gapBefore: 0 });
  y -= 12;
  for (let offset = 0; ; offset++) {
    const paragraph = paragraphs[(start + offset) % paragraphs.length]!;
    // The report's short lines without a full stop are its headings.
    const size = paragraph.length <= 30 && !/[.다]$/.test(paragraph) ? heading.size : body.size;
    let gapBefore = size === heading.size ? 10 : 6;
    let line = '';
    let lineWidth = 0;
    for (const glyph of paragraph) {
      const character = supported.has(glyph.codePointAt(0)!) ? glyph : ' ';
      const advance = width(character, size);
      if (lineWidth + advance > usable && line !== '') {
        put({ text: line, size, gapBefore });
        gapBefore = 0;
        line = '';
        lineWidth = 0;
      }
      line += character;
      lineWidth += advance;
    }
    if (line !== '') put({ text: line, size, gapBefore });
    if (pageCount > targetPages) break;
  }
  // The last page was started by overflow past the target: drop it, so the count is the target.
  document.removePage(document.getPageCount() - 1);
  document.getPages().forEach((done, index) => done.drawText(`- ${index + 1} -`, { x: pageSize[0] / 2 - 12, y: margin / 2, size: 9, font }));
}
