import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { collectFiles } from './ingest-command.js';

test('a folder reached again through a symbolic link is walked once; hidden entries and files that are no documents are counted, missing paths named', () => {
  const root = mkdtempSync(join(tmpdir(), 'kgov-collect-'));
  try {
    mkdirSync(join(root, 'loop', 'sub'), { recursive: true });
    writeFileSync(join(root, 'loop', '문서.txt'), '본문');
    writeFileSync(join(root, 'loop', 'sub', '붙임.txt'), '붙임');
    writeFileSync(join(root, 'loop', '.DS_Store'), '');
    // Not documents: a script, a licence without an extension, a word processor's lock file.
    for (const name of ['build.sh', 'LICENSE', '~$보고서.hwp']) writeFileSync(join(root, 'loop', name), 'x');
    writeFileSync(join(root, 'named.xyz'), '이름을 직접 준 파일');
    // Links out of the folder named (a security review's /etc/shadow) and a dangling one are not followed.
    writeFileSync(join(root, 'outside.txt'), '폴더 밖의 파일');
    symlinkSync(join(root, 'outside.txt'), join(root, 'loop', 'link-out.txt'));
    symlinkSync('/etc', join(root, 'loop', 'etc'));
    symlinkSync(join(root, 'nowhere.txt'), join(root, 'loop', 'dangling.txt'));
    // A link to the folder itself and one to its parent: a review's self-link made one file 41 documents.
    symlinkSync(join(root, 'loop'), join(root, 'loop', 'self'));
    symlinkSync(join(root, 'loop'), join(root, 'loop', 'sub', 'up'));
    const { files, missing, hidden, others, outside } = collectFiles([join(root, 'loop'), join(root, 'nothing-here'), join(root, 'named.xyz')]);
    assert.deepEqual(files.map((file) => file.path.slice(root.length + 1)), ['loop/sub/붙임.txt', 'loop/문서.txt', 'named.xyz']);
    assert.deepEqual(missing, [join(root, 'nothing-here')]);
    assert.equal(hidden, 1);
    assert.equal(others, 3);
    assert.equal(outside, 3);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
