import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parseFile, previewCoverage, toText } from '../src/data/parsers/index.js';

/**
 * Gold test of issue 3: for every Hangul preview in ../shared/fixtures/gold, the text we extract from
 * the document must contain ≥ 95% of the preview's characters in order (see preview-coverage.ts for
 * the exact measure). A preview whose document is not in the fixtures is reported, not failed.
 */
const fixtures = new URL('../../../shared/fixtures/', import.meta.url);
const goldFiles = readdirSync(new URL('gold/', fixtures)).filter((name) => name.endsWith('.prvtext.txt')).sort();

const documentUrlOf = (goldFile: string) => {
  const fileName = goldFile.replace(/\.prvtext\.txt$/, '');
  return new URL(`${fileName.toLowerCase().endsWith('.hwpx') ? 'hwpx' : 'hwp'}/${fileName}`, fixtures);
};
// Some previews come without their document (basicsReport.hwp, noori.hwp): nothing to test for those.
const withDocument = goldFiles.filter((goldFile) => existsSync(documentUrlOf(goldFile)));

test('the gold set is present', (context) => {
  assert.ok(withDocument.length >= 30, `${withDocument.length} previews with their documents`);
  const missing = goldFiles.filter((goldFile) => !withDocument.includes(goldFile));
  if (missing.length > 0) context.diagnostic(`previews without a document in the fixtures: ${missing.join(', ')}`);
});

for (const goldFile of withDocument) {
  const fileName = goldFile.replace(/\.prvtext\.txt$/, '');
  const documentUrl = documentUrlOf(goldFile);
  test(`extracted text of ${fileName} contains its preview`, async () => {
    const result = await parseFile(new Uint8Array(readFileSync(documentUrl)), fileName);
    assert.ok(result.ok, JSON.stringify(result));
    const preview = readFileSync(new URL(`gold/${goldFile}`, fixtures), 'utf8');
    const coverage = previewCoverage(preview, toText(result.document));
    assert.ok(coverage.share >= 0.95, `${fileName}: ${coverage.found}/${coverage.total} preview characters in order (${(coverage.share * 100).toFixed(1)}%)`);
  });
}

test('previewCoverage drops object markers and whitespace, and counts order', () => {
  assert.deepEqual(previewCoverage('<표><A>\n<B>', 'A B'), { found: 2, total: 3, share: 2 / 3 }); // "표" is missing
  assert.equal(previewCoverage('<1><2>', '1\t2').share, 1);
  assert.equal(previewCoverage('가나다', '다나가').found, 1);
  assert.equal(previewCoverage(' \n', '').share, 1);
});
