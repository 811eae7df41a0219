// Writes the small sample documents beside this file (run: node test/__fixtures__/documents/make-samples.mjs).
// Generated rather than exported from an office suite so that every byte is explained here.
import { writeFileSync } from 'node:fs';
import { strToU8, zipSync } from 'fflate';

const here = new URL('./', import.meta.url);
const xml = (body) => strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${body}`);
const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const core = (title) => xml(`<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>${title}</dc:title><dc:creator>행정안전부</dc:creator></cp:coreProperties>`);
const rels = (items) => xml(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${items.map(([id, type, target]) => `<Relationship Id="${id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/${type}" Target="${target}"/>`).join('')}</Relationships>`);
const fixedTime = { mtime: new Date('2026-11-28T00:00:00Z') };

function docx() {
  const paragraph = (text, style) => `<w:p>${style ? `<w:pPr><w:pStyle w:val="${style}"/></w:pPr>` : ''}<w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;
  const item = (text, numId) => `<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="${numId}"/></w:numPr></w:pPr><w:r><w:t>${text}</w:t></w:r></w:p>`;
  const cell = (text) => `<w:tc><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:tc>`;
  const table = `<w:tbl>${[['구분', '예산', '비고'], ['인건비', '1,200', '정규직'], ['운영비', '300', '']].map((row) => `<w:tr>${row.map(cell).join('')}</w:tr>`).join('')}</w:tbl>`;
  const body = [
    paragraph('정보공개 운영 지침', 'Heading1'),
    paragraph('이 지침은 공공기관의 정보공개 절차를 정한다.'),
    paragraph('공개 대상', 'Heading2'),
    item('행정 문서', 1), item('회의록', 1), item('예산서', 2), item('결산서', 2),
    table,
    paragraph('부칙: 이 지침은 2026년 1월 1일부터 시행한다.'),
  ].join('');
  const styles = `<w:styles ${W}>${[1, 2].map((level) => `<w:style w:type="paragraph" w:styleId="Heading${level}"><w:name w:val="heading ${level}"/></w:style>`).join('')}</w:styles>`;
  const numbering = `<w:numbering ${W}><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl></w:abstractNum><w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num></w:numbering>`;
  return zipSync({
    '[Content_Types].xml': xml('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'),
    '_rels/.rels': rels([['rId1', 'officeDocument', 'word/document.xml'], ['rId2', 'metadata/core-properties', 'docProps/core.xml']]),
    'docProps/core.xml': core('정보공개 운영 지침'),
    'word/_rels/document.xml.rels': rels([['rId1', 'styles', 'styles.xml'], ['rId2', 'numbering', 'numbering.xml'], ['rId3', 'footer', 'footer1.xml']]),
    'word/document.xml': xml(`<w:document ${W}><w:body>${body}<w:sectPr><w:footerReference w:type="default" r:id="rId3"/></w:sectPr></w:body></w:document>`),
    'word/styles.xml': xml(styles),
    'word/numbering.xml': xml(numbering),
    'word/footer1.xml': xml(`<w:ftr ${W}><w:p><w:r><w:t>대외비</w:t></w:r></w:p></w:ftr>`),
  }, fixedTime);
}

function xlsx() {
  const strings = ['기관', '예산', '행정안전부', '과학기술정보통신부'];
  const sheet = `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row><row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2"><v>1200</v></c></row><row r="3"><c r="A3" t="s"><v>3</v></c><c r="C3" t="inlineStr"><is><t>비고</t></is></c></row></sheetData></worksheet>`;
  return zipSync({
    '[Content_Types].xml': xml('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>'),
    '_rels/.rels': rels([['rId1', 'officeDocument', 'xl/workbook.xml']]),
    'xl/workbook.xml': xml('<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="예산현황" sheetId="1" r:id="rId1"/></sheets></workbook>'),
    'xl/_rels/workbook.xml.rels': rels([['rId1', 'worksheet', 'worksheets/sheet1.xml']]),
    'xl/sharedStrings.xml': xml(`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${strings.map((text) => `<si><t>${text}</t></si>`).join('')}</sst>`),
    'xl/worksheets/sheet1.xml': xml(sheet),
  }, fixedTime);
}

function pptx() {
  const A = 'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"';
  const shape = (text, title) => `<p:sp>${title ? '<p:nvSpPr><p:nvPr><p:ph type="title"/></p:nvPr></p:nvSpPr>' : ''}<p:txBody><a:p><a:r><a:t>${text}</a:t></a:r></a:p></p:txBody></p:sp>`;
  const slide = (title, text) => xml(`<p:sld ${A}><p:cSld><p:spTree>${shape(title, true)}${shape(text, false)}</p:spTree></p:cSld></p:sld>`);
  return zipSync({
    '[Content_Types].xml': xml('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>'),
    'ppt/presentation.xml': xml(`<p:presentation ${A}/>`),
    'ppt/slides/slide1.xml': slide('추진 배경', '디지털 정부 혁신'),
    'ppt/slides/slide2.xml': slide('추진 과제', '공공 데이터 개방 확대'),
  }, fixedTime);
}

/** A two-page PDF with a Helvetica text layer, offsets computed so the xref table is exact. */
function pdf() {
  const pages = [['Public Records Guideline', 'This guideline sets the disclosure procedure.'], ['Annex', 'Budget table and contacts.']];
  const objects = ['<< /Type /Catalog /Pages 2 0 R >>', `<< /Type /Pages /Kids [${pages.map((_, index) => `${4 + index * 2} 0 R`).join(' ')}] /Count ${pages.length} >>`, '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>'];
  pages.forEach(([title, text]) => {
    const stream = `BT /F1 18 Tf 72 720 Td (${title}) Tj ET\nBT /F1 12 Tf 72 680 Td (${text}) Tj ET\n`;
    objects.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents ${objects.length + 2} 0 R >>`);
    objects.push(`<< /Length ${stream.length} >>\nstream\n${stream}endstream`);
  });
  let output = '%PDF-1.4\n';
  const offsets = objects.map((body, index) => {
    const offset = output.length;
    output += `${index + 1} 0 obj\n${body}\nendobj\n`;
    return offset;
  });
  const xref = output.length;
  output += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('')}`;
  output += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return strToU8(output);
}

const texts = {
  'sample.txt': '정보공개 운영 지침\n\n이 지침은 공공기관의 정보공개 절차를 정한다.\n둘째 줄.\n\n부칙\n',
  'sample.md': '# 정보공개 운영 지침\n\n이 지침은 공공기관의\n정보공개 절차를 정한다.\n\n## 공개 대상\n\n- 행정 문서\n- 회의록\n  - 위원회 회의록\n1. 예산서\n\n| 구분 | 예산 |\n| --- | --- |\n| 인건비 | 1,200 |\n',
  'sample.csv': '기관,예산,비고\n행정안전부,1200,"정규직, 계약직"\n"과학기술정보통신부",300,"여러\n줄"\n',
  'sample.html': '<!doctype html>\n<html><head><title>정보공개 운영 지침</title><style>p{}</style></head>\n<body>\n<h1>정보공개 운영 지침</h1>\n<p>이 지침은 공공기관의 정보공개 절차를 정한다.</p>\n<ul><li>행정 문서</li><li>회의록</li></ul>\n<table><tr><th>구분</th><th>예산</th></tr><tr><td>인건비</td><td>1,200</td></tr></table>\n<script>alert(1)</script>\n</body></html>\n',
};

writeFileSync(new URL('sample.docx', here), docx());
writeFileSync(new URL('sample.xlsx', here), xlsx());
writeFileSync(new URL('sample.pptx', here), pptx());
writeFileSync(new URL('sample.pdf', here), pdf());
for (const [name, text] of Object.entries(texts)) writeFileSync(new URL(name, here), text);
