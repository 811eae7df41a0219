import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { kgov } from './helpers/cli.js';
import { writeDocx, writeHwpx, type ListParagraph } from './helpers/office-files.js';

/** `kgov parse` end to end: the real binary, real files. */
const documents = fileURLToPath(new URL('../../test/__fixtures__/documents/', import.meta.url));
const tableHwp = fileURLToPath(new URL('../../../shared/fixtures/hwp/표.hwp', import.meta.url));

test('kgov parse prints text, Markdown and JSON', () => {
  const markdown = kgov(['parse', tableHwp, '--format', 'markdown']);
  assert.equal(markdown.status, 0, markdown.stderr);
  assert.match(markdown.stdout, /\| LMN \| OPQ \| STR \|/);
  const json = kgov(['parse', join(documents, 'sample.md'), '--format', 'json']);
  assert.equal(json.status, 0, json.stderr);
  const parsed = JSON.parse(json.stdout) as { format: string; blocks: { kind: string; lines?: number[] }[] };
  assert.equal(parsed.format, 'md');
  assert.deepEqual(parsed.blocks[0], { kind: 'heading', level: 1, text: '정보공개 운영 지침', lines: [1, 1] });
  const text = kgov(['parse', join(documents, 'sample.pdf')]);
  assert.match(text.stdout, /Public Records Guideline/);
});

test('a file that cannot be parsed is one line with its code, exit 1', () => {
  const folder = mkdtempSync(join(tmpdir(), 'kgov-parse-'));
  try {
    const empty = join(folder, '빈파일.hwp');
    writeFileSync(empty, '');
    const result = kgov(['parse', empty]);
    assert.equal(result.status, 1);
    assert.equal(result.stdout, '');
    assert.equal(result.stderr.trim().split('\n').length, 1);
    assert.match(result.stderr, /^kgov: 오류 \[empty_file\] .*빈파일\.hwp: /);
    const binary = join(folder, 'image.docx');
    writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]));
    const english = kgov(['parse', binary], { env: { KGOV_LANG: 'en' } });
    assert.equal(english.status, 1);
    assert.match(english.stderr, /^kgov: error \[unsupported_type\] .*image\.docx: unsupported document type/);
    // A missing file is the same code and exit status as in `kgov ingest` and `kgov eval`; a folder is unreadable.
    const missing = kgov(['parse', join(folder, '없는파일.hwp')]);
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /^kgov: 오류 \[path_not_found\] .*없는파일\.hwp: 파일이나 폴더가 없습니다\n$/);
    const directory = kgov(['parse', folder]);
    assert.equal(directory.status, 1);
    assert.match(directory.stderr, /^kgov: 오류 \[corrupt_file\] .*\(EISDIR\)\n$/);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test('random bytes named .hwp or .pdf, and a damaged HWP, are one corrupt_file line each, exit 1', () => {
  const folder = mkdtempSync(join(tmpdir(), 'kgov-parse-'));
  try {
    // Deterministic, NUL-bearing bytes: binary, and no format's signature.
    const junk = Buffer.from(Array.from({ length: 4096 }, (_, index) => (index * 7919 + 13) % 251));
    const expected: [string, Buffer, RegExp][] = [
      ['손상된문서.hwp', junk, /^kgov: 오류 \[corrupt_file\] .*손상된문서\.hwp: 손상되었거나 읽을 수 없는 파일입니다 \(not an HWP file: no OLE\/CFB signature\)$/],
      ['손상된문서.pdf', junk, /^kgov: 오류 \[corrupt_file\] .*손상된문서\.pdf: 손상되었거나 읽을 수 없는 파일입니다 \(not a PDF file: no %PDF- header\)$/],
      // 표.hwp with bytes 4096-12000 zeroed, as a bad disk sector leaves it: before, an empty document and exit 0.
      ['표.hwp', Buffer.from(readFileSync(tableHwp)).fill(0, 4096, 12000), /^kgov: 오류 \[corrupt_file\] .*표\.hwp: 손상되었거나 읽을 수 없는 파일입니다 \(BodyText\/Section0: damaged record stream/],
    ];
    for (const [name, bytes, line] of expected) {
      writeFileSync(join(folder, name), bytes);
      const result = kgov(['parse', join(folder, name), '--format', 'json']);
      assert.equal(result.status, 1, name);
      assert.equal(result.stdout, '', name);
      assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
      assert.match(result.stderr.trim(), line);
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test('text saved as .hwp is read as text and a blank HWP parses empty, each with a note on stderr (exit 0)', () => {
  const folder = mkdtempSync(join(tmpdir(), 'kgov-parse-'));
  try {
    const fake = join(folder, 'fake.hwp');
    writeFileSync(fake, '이것은 HWP가 아닙니다\n');
    const misnamed = kgov(['parse', fake]);
    assert.equal(misnamed.status, 0);
    assert.equal(misnamed.stdout, '이것은 HWP가 아닙니다\n');
    assert.match(misnamed.stderr, /참고: .*fake\.hwp: the content is text, not HWP/);
    const blank = kgov(['parse', fileURLToPath(new URL('../../../shared/fixtures/hwp/blank.hwp', import.meta.url))]);
    assert.equal(blank.status, 0);
    assert.match(blank.stderr, /no text in the HWP body/);
    const json = kgov(['parse', fake, '--format', 'json']);
    assert.equal(json.stderr, '', 'in JSON the notes are the document\'s warnings');
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test('an unknown --format is a usage error', () => {
  const result = kgov(['parse', tableHwp, '--format', 'yaml']);
  assert.equal(result.status, 2);
  assert.match(result.stderr, /\[usage\]/);
});

test('kgov parse --format markdown and text number ordered lists from DOCX and HWPX (1., 2., …) and keep bullets (- and •)', () => {
  const folder = mkdtempSync(join(tmpdir(), 'kgov-parse-lists-'));
  const number = (text: string, level = 0): ListParagraph => ({ text, list: { ordered: true, level } });
  const bullet = (text: string, level = 0): ListParagraph => ({ text, list: { ordered: false, level } });
  const paragraphs: ListParagraph[] = [
    { text: '처리 절차' },
    number('접수'), number('검토'), number('세부 검토 1', 1), number('세부 검토 2', 1), number('결재'),
    { text: '유의 사항' },
    bullet('기한 엄수'), bullet('개인정보 가림'),
    number('다시 시작'),
  ];
  const expected = [
    '처리 절차',
    '',
    '1. 접수\n2. 검토\n   1. 세부 검토 1\n   2. 세부 검토 2\n3. 결재',
    '',
    '유의 사항',
    '',
    '- 기한 엄수\n- 개인정보 가림\n1. 다시 시작',
  ].join('\n');
  try {
    for (const [name, bytes] of [['절차.docx', writeDocx(paragraphs)], ['절차.hwpx', writeHwpx(paragraphs)]] as const) {
      const file = join(folder, name);
      writeFileSync(file, bytes);
      const json = kgov(['parse', file, '--format', 'json']);
      assert.equal(json.status, 0, json.stderr);
      const blocks = (JSON.parse(json.stdout) as { blocks: Array<{ kind: string; ordered?: boolean }> }).blocks;
      assert.deepEqual(blocks.filter((block) => block.kind === 'list-item').map((block) => block.ordered),
        [true, true, true, true, true, false, false, true], `${name}: the parser keeps which lists are ordered`);
      const markdown = kgov(['parse', file, '--format', 'markdown']);
      assert.equal(markdown.status, 0, markdown.stderr);
      assert.equal(markdown.stdout.trim(), expected, name);
      const text = kgov(['parse', file, '--format', 'text']);
      assert.equal(text.status, 0, text.stderr);
      assert.equal(text.stdout.trim(), expected.replace(/^- /gm, '• '), `${name} as text`);
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
