import assert from 'node:assert/strict';
import { test } from 'node:test';
import { markdownParser } from './markdown-parser.js';
import { defaultParseLimits } from './parse-limits.js';

const parse = async (text: string) => {
  const result = await markdownParser.parse(new TextEncoder().encode(text), 'faq.md', defaultParseLimits);
  assert.ok(result.ok);
  return result.document.blocks.map((block) => [block.kind, 'level' in block ? block.level : null, 'text' in block ? block.text : null, block.lines]);
};

test('a line in bold on its own over its text is a heading (an FAQ\'s question over its answer); bold inside prose is not', async () => {
  assert.deepEqual(await parse('# 자주 묻는 질문\n\n**Q4. 상시학습 시간은 1년에 몇 시간 채워야 하나요?**\nA. 연간 80시간 이상입니다.\n'), [
    ['heading', 1, '자주 묻는 질문', [1, 1]],
    ['heading', 6, 'Q4. 상시학습 시간은 1년에 몇 시간 채워야 하나요?', [3, 3]],
    ['paragraph', null, 'A. 연간 80시간 이상입니다.', [4, 4]],
  ]);
  // A bold question alone in its paragraph is one too; a bold warning alone, or bold words in a sentence, are not.
  assert.deepEqual((await parse('**Q. 주차는 할 수 있나요?**\n\n정기 주차권은 발급하지 않습니다.'))[0]!.slice(0, 2), ['heading', 6]);
  assert.deepEqual((await parse('**반드시 기한 안에 제출하세요.**'))[0]!.slice(0, 2), ['paragraph', null]);
  assert.deepEqual((await parse('신청은 **5일 이내**에 합니다.\n다음 줄'))[0]!.slice(0, 2), ['paragraph', null]);
});
