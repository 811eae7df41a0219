/**
 * Guard checks on adversarial inputs (`node dist/bench/guard-adversarial.js [--sizes 4000,32000]` after a build): a
 * rule prefix followed by a long run of one filler (spaces, line breaks, ideographic spaces, a repeated syllable …),
 * twice. Prints the slowest check per case at two sizes and the ratio; a ratio far above the size ratio means a
 * pattern reads the run in more than one way (test/regex-shapes.test.ts keeps the shapes out).
 * Regular expressions run synchronously, so a slow one stalls the whole process, whatever the check's time limit.
 */
import { performance } from 'node:perf_hooks';
import { defaultGuardChecks, defaultGuardPolicy } from '../src/guard/index.js';

const sizesArgument = process.argv.indexOf('--sizes');
const [small, large] = (sizesArgument >= 0 ? process.argv[sizesArgument + 1]! : '4000,32000').split(',').map(Number) as [number, number];
const checks = defaultGuardChecks(defaultGuardPolicy);
const prefixes = ['[', '(', '<', '\n[', '[your', '(put', '이전 지시', '윤리', '와이파이', '역할', '여자', '남자', '흑인', '중동 사람', '사람들은', '주가', '누구',
  '폭탄', '방법', '죽이', '새끼', '시스템 프롬프트', '대화 내용', '![x](http://a?', 'ignore previous', 'you are going to', 'act as', '대외비', '비공개',
  '010-', '서울특별시 ', '홍길동 ', '성명:', '국민은행 ', '주민등록번호', '법률 제', 'sk-', 'AKIA', '-----BEGIN', 'postgres://', '10.', 'http://', '@', '1'];
const fillers = [' ', '\n', '  \t', 'a.', '1.', '](', '![', '<a href=', '\u00a0', '\u3000', 'ㅋ', '가', '가 ', '0', '0 ', 'a', 'a ', '.', '-', '_', '·'];

type Case = { prefix: string; filler: string; times: number[]; check: string };
const cases: Case[] = [];
for (const prefix of prefixes) {
  for (const filler of fillers) {
    const times: number[] = [];
    let slowest = '';
    for (const size of [small, large]) {
      const text = `${prefix}${filler.repeat(Math.floor(size / filler.length))}`.repeat(2);
      let worst = 0;
      for (const check of checks) {
        for (const direction of check.directions) {
          const started = performance.now();
          await check.check({ text, zone: 'external', direction, tenantId: 'bench' }, new AbortController().signal);
          const elapsed = performance.now() - started;
          if (elapsed > worst) {
            worst = elapsed;
            slowest = `${check.name}/${direction}`;
          }
        }
      }
      times.push(worst);
    }
    cases.push({ prefix, filler, times, check: slowest });
  }
}
cases.sort((left, right) => right.times[1]! - left.times[1]!);
console.log(`${cases.length} cases, ${2 * small} and ${2 * large} characters each; slowest check per case (ms), the 15 slowest:`);
console.log('| prefix | filler | small | large | ratio | check |\n| --- | --- | ---: | ---: | ---: | --- |');
for (const { prefix, filler, times, check } of cases.slice(0, 15)) {
  console.log(`| ${JSON.stringify(prefix)} | ${JSON.stringify(filler)} | ${times[0]!.toFixed(1)} | ${times[1]!.toFixed(1)} | ${(times[1]! / Math.max(times[0]!, 0.01)).toFixed(1)} | ${check} |`);
}
