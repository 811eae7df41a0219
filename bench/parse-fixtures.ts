import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { parseFile, previewCoverage, toText } from '../src/data/parsers/index.js';

/**
 * `npm run bench:parse`: each candidate extractor against the gold previews of ../shared/fixtures —
 * share of preview characters found in order (preview-coverage.ts), per fixture and mean, failures,
 * and time. Candidates are devDependencies; one that is not installed is reported and skipped.
 */
type Extract = (bytes: Uint8Array, fileName: string) => Promise<string>;

const require = createRequire(import.meta.url);
const fixtures = new URL('../../../shared/fixtures/', import.meta.url);

async function candidates(): Promise<Record<string, Extract | string>> {
  const found: Record<string, Extract | string> = {
    'kgov (ours)': async (bytes, fileName) => {
      const result = await parseFile(bytes, fileName);
      if (!result.ok) throw new Error(`${result.code}: ${result.reason}`);
      return toText(result.document);
    },
  };
  try {
    // The peers are not dependencies (their native/optional packages make `npm ci` fragile); install them
    // for this benchmark only: npm install --no-save kordoc@4.14.1 @ohah/hwpjs@0.1.0-rc.10 hwp.js@0.0.3
    const peer = 'kordoc';
    const kordoc = (await import(peer)) as unknown as { parse(input: ArrayBuffer): Promise<{ success: boolean; markdown?: string; error?: string }> };
    found['kordoc 4.14.1'] = async (bytes) => {
      const result = await kordoc.parse(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
      if (!result.success) throw new Error(result.error ?? 'failed');
      return result.markdown ?? '';
    };
  } catch (error) {
    found['kordoc 4.14.1'] = `not installed (${String(error).slice(0, 60)})`;
  }
  try {
    const hwpjs = require('@ohah/hwpjs') as { toMarkdown(data: Buffer): { markdown: string } };
    found['@ohah/hwpjs 0.1.0-rc.10'] = async (bytes, fileName) => {
      if (!fileName.endsWith('.hwp')) throw new Error('HWP only');
      return hwpjs.toMarkdown(Buffer.from(bytes)).markdown;
    };
  } catch (error) {
    found['@ohah/hwpjs 0.1.0-rc.10'] = `not installed (${String(error).slice(0, 60)})`;
  }
  try {
    const hwpjsLegacy = require('hwp.js') as { parse(data: Uint8Array, options: { type: 'buffer' }): HwpJsDocument };
    found['hwp.js 0.0.3'] = async (bytes, fileName) => {
      if (!fileName.endsWith('.hwp')) throw new Error('HWP only');
      return hwpJsText(hwpjsLegacy.parse(bytes, { type: 'buffer' }));
    };
  } catch (error) {
    found['hwp.js 0.0.3'] = `not installed (${String(error).slice(0, 60)})`;
  }
  return found;
}

type HwpJsParagraph = { content: { value: unknown }[]; controls?: { content?: { items?: HwpJsParagraph[] }[][] }[] };
type HwpJsDocument = { sections: { content: HwpJsParagraph[] }[] };

/** hwp.js has no text export: walk its paragraphs and table cells. */
function hwpJsText(document: HwpJsDocument): string {
  const lines: string[] = [];
  const walk = (paragraph: HwpJsParagraph) => {
    lines.push(paragraph.content.map((character) => (typeof character.value === 'string' ? character.value : '')).join(''));
    for (const control of paragraph.controls ?? []) for (const row of control.content ?? []) for (const cell of row) for (const inner of cell.items ?? []) walk(inner);
  };
  for (const section of document.sections) for (const paragraph of section.content) walk(paragraph);
  return lines.join('\n');
}

function goldCases(): { fileName: string; path: URL; preview: string }[] {
  const gold = new URL('gold/', fixtures);
  return readdirSync(gold).filter((name) => name.endsWith('.prvtext.txt')).sort().flatMap((goldFile) => {
    const fileName = goldFile.replace(/\.prvtext\.txt$/, '');
    const path = new URL(`${fileName.endsWith('.hwpx') ? 'hwpx' : 'hwp'}/${fileName}`, fixtures);
    return existsSync(path) ? [{ fileName, path, preview: readFileSync(new URL(goldFile, gold), 'utf8') }] : [];
  });
}

async function main(): Promise<void> {
  const cases = goldCases();
  const summary: string[] = ['| extractor | mean share | fixtures ≥ 0.95 | failures | total ms |', '| --- | --- | --- | --- | --- |'];
  const perFixture = new Map<string, string[]>(cases.map((item) => [item.fileName, []]));
  const names: string[] = [];
  for (const [name, extract] of Object.entries(await candidates())) {
    if (typeof extract === 'string') {
      summary.push(`| ${name} | ${extract} | | | |`);
      continue;
    }
    names.push(name);
    let total = 0;
    let passing = 0;
    let failures = 0;
    const started = performance.now();
    for (const item of cases) {
      let share = 0;
      try {
        share = previewCoverage(item.preview, await extract(new Uint8Array(readFileSync(item.path)), item.fileName)).share;
      } catch {
        failures += 1;
      }
      total += share;
      if (share >= 0.95) passing += 1;
      perFixture.get(item.fileName)!.push(share.toFixed(3));
    }
    const elapsed = performance.now() - started;
    summary.push(`| ${name} | ${(total / cases.length).toFixed(3)} | ${passing}/${cases.length} | ${failures} | ${elapsed.toFixed(0)} |`);
  }
  console.log(`Gold previews with a document in ../shared/fixtures: ${cases.length}\n`);
  console.log(summary.join('\n'));
  console.log(`\n| fixture | ${names.join(' | ')} |\n| --- |${' --- |'.repeat(names.length)}`);
  for (const [fileName, shares] of perFixture) console.log(`| ${fileName} | ${shares.join(' | ')} |`);
}

await main();
