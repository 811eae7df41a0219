import { normalizeText } from '../search/index.js';

/**
 * Tables and rules by range ("3년 이상 4년 미만 | 15일", "5일을 초과하는 경우"): when a question states its own amount
 * ("재직한 지 4년 조금 넘었는데"), the line whose range holds that amount answers it, and a line whose range excludes it
 * is about someone else. `rangeFit` is the factor a quoted line's score is multiplied by.
 */

// Units that ranges are stated in, as regulations write them (money in won, once `inPlainNumbers` has written it so).
const unit = '(년|개월|주|일|시간|분|세|명|회|건|장|쪽|매|원)';
const amount = `(\\d+(?:\\.\\d+)?)\\s*${unit}`;
// A bound: the amount and how it binds (이상/초과 from below, 이하/미만/까지 from above).
const bound = new RegExp(`${amount}\\s*(?:(?:을|를|이|가)\\s*)?(이상|초과|이하|이내|미만|넘는|넘어|까지)`, 'g');
// The question's own amount, not a bound it asks about ("5일 이상이면" asks about a bound: left alone).
const stated = new RegExp(`(?<![\\d.])${amount}(?!\\s*(?:(?:을|를|이|가)\\s*)?(?:이상|초과|이하|미만|이내|까지))\\s*(조금\\s*)?(넘었|넘은|넘어|지났|지난|좀\\s*넘|안\\s*됐|안\\s*된|못\\s*됐|못\\s*된|다\\s*돼|다\\s*되)?`);

// Money as regulations and people write it (500만원, 3천만 원, 1억 5천만원, 28,000원): one number of won.
const money = /(\d+(?:\.\d+)?)\s*(억|천만|백만|십만|만|천)?(?:\s*(\d+)\s*(천만|백만|십만|만|천))?\s*원/g;
const multipliers: Record<string, number> = { 억: 1e8, 천만: 1e7, 백만: 1e6, 십만: 1e5, 만: 1e4, 천: 1e3 };

/**
 * `text` as search normalises it (`normalizeText`: thousands separators dropped, 1,000명 → 1000명; full-width digits
 * folded) and every amount of money in won as one number (5천만원 → 50000000원).
 */
export function inPlainNumbers(text: string): string {
  return normalizeText(text).replace(money, (_, first: string, firstUnit?: string, second?: string, secondUnit?: string) =>
    `${Math.round(Number(first) * (firstUnit ? multipliers[firstUnit]! : 1) + (second ? Number(second) * multipliers[secondUnit!]! : 0))}원`);
}

type Range = { low: number; lowIncluded: boolean; high: number; highIncluded: boolean };
export type StatedAmount = { value: number; unit: string };

/** 1.2 when `sentence` states a range in the unit of the question's amount and holds it, 0.8 when it excludes it. */
export function rangeFit(question: string, sentence: string): number {
  const asked = statedAmount(question);
  return asked ? amountFit(asked, sentence) : 1;
}

/** `rangeFit` for an amount read once (`statedAmount`), when many sentences are weighed for one question. */
export function amountFit(asked: StatedAmount, sentence: string): number {
  const range = rangeIn(inPlainNumbers(sentence), asked.unit);
  if (!range) return 1;
  const above = range.lowIncluded ? asked.value >= range.low : asked.value > range.low;
  const below = range.highIncluded ? asked.value <= range.high : asked.value < range.high;
  return above && below ? 1.2 : 0.8;
}

/** The amount a question states of itself, nudged by "조금 넘었" (just over) and "안 됐" (not yet). */
export function statedAmount(asked: string): StatedAmount | null {
  const question = inPlainNumbers(asked);
  const match = stated.exec(question);
  if (!match) return null;
  const value = Number(match[1]);
  // A date is no amount: a year (2024년), a day of a month (10월 15일).
  if ((match[2] === '년' && value >= 1000) || (match[2] === '일' && /월\s*$/.test(question.slice(0, match.index)))) return null;
  const nudge = match[4] ? (/안|못|다/.test(match[4]) ? -0.01 : 0.01) : 0;
  return { value: value + nudge, unit: match[2]! };
}

/** The range a sentence states in `wanted` units: both bounds, or one (the other open). */
function rangeIn(sentence: string, wanted: string): Range | null {
  const range: Range = { low: -Infinity, lowIncluded: false, high: Infinity, highIncluded: false };
  let bounds = 0;
  bound.lastIndex = 0;
  for (const match of sentence.matchAll(bound)) {
    if (match[2] !== wanted) continue;
    const value = Number(match[1]);
    const kind = match[3]!;
    if (kind === '이상' || kind === '초과' || kind === '넘는' || kind === '넘어') {
      range.low = value;
      range.lowIncluded = kind === '이상';
    } else {
      range.high = value;
      range.highIncluded = kind !== '미만';
    }
    bounds++;
  }
  return bounds > 0 ? range : null;
}
