// Counters after 몇 that name what is counted only loosely (개, 가지, 번, 차례): any number may answer them ("540B").
const looseCounters = ['가지', '차례', '군데', '개', '번', '종', '곳'];
// Counters of more than one syllable; any other Hangul counter is its first syllable (몇 명으로 → 명).
const longCounters = ['토큰', '퍼센트', '프로', '시간', '개월', '주일', '페이지', '바이트', ...looseCounters];

// What a price is asked of: fees, budgets, allowances, fines.
const moneyWords = /돈|요금|비용|금액|예산|수수료|수당|사업비|이용료|사용료|가격|단가|보수|급여|월급|일비|여비|숙박비|식비|식사비|교통비|택시비|출장비|인건비|과태료|벌금|지원금|보조금|등록금|회비/;
// An amount of money as agency text writes it: 120억 원, 1조 9,074억원, 30만원, 5,000원, USD 100, 무료.
export const money = /\d[\d,.]*\s*(?:[십백천만억조]\s*[\d,.]*\s*)*원|무료|[$€£¥]\s?\d|\d\s*(?:달러|유로|엔\b|USD|KRW)|(?:USD|KRW)\s?\d/i;

/**
 * For a question that asks "몇 <counter>" (몇 명, 몇 %, 몇 GB, 초당 몇 토큰), a pattern that a sentence stating
 * such a count matches: a number, optionally 만/억/조 and a unit letter, then the counter. Loose counters accept
 * any number; a question without 몇 asks for no count.
 */
export function askedQuantity(question: string): RegExp | undefined {
  // 얼마 (how much: a price, an amount, a share) and 얼마나 걸리/오래/많이 (how long, how many) are answered in
  // numbers; 얼마나 자주 (how often) in a number or 마다/매 (분기마다, 매월).
  if (/얼마나\s*자주/.test(question)) return /\d|마다|매[일주월년]/;
  if (/얼마\s*동안|얼마간/.test(question)) return /\d/;
  // The price of something (과태료는 얼마예요?, 예산이 얼마나 드나요?) is an amount of money, or 무료: "14일 이내" is none.
  if (moneyWords.test(question) && /얼마(?!나)|얼마나\s*(?:드|들)/.test(question)) return money;
  if (/얼마(?!나)|얼마나\s*(?:걸리|걸려|걸릴|소요|오래|많|드|들|필요|되)/.test(question)) return /\d/;
  // 며칠 is how "몇 일" is written (how many days): a count of days.
  // (근무일: working days, as processing times are given: 약 8근무일.)
  if (/(?<![가-힣])며칠/.test(question)) return /\d[\d,.]*\s*(?:일|영업일|근무일|days?\b)/i;
  // Not 몇몇 (some); 몇십/몇백 명 are read loosely.
  const match = /(?<![가-힣])몇\s*(%|[a-z]{1,5}\b|[가-힣]{1,4})/i.exec(question);
  if (!match || match[1]!.startsWith('몇')) return undefined;
  const word = match[1]!.toLowerCase();
  if (/^[십백천만억]/.test(word)) return /\d/;
  const counter = word === '%' || /^[a-z]/.test(word) ? word : longCounters.find((long) => word.startsWith(long)) ?? word.slice(0, 1);
  if (looseCounters.includes(counter)) return /\d/;
  // A share is written 10%, 10퍼센트 or 100분의 10 (regulations); 몇 시 is answered by 9시 or 07:10.
  if (counter === '%' || counter === '퍼센트' || counter === '프로') return /\d[\d,.]*\s*(?:%|퍼센트|％|프로)|100\s*분의\s*\d/;
  if (counter === '시') return /\d\s*시(?!간)|\d{1,2}:\d{2}/;
  // An age asked in 살 is written in 세 (만 40세 미만).
  if (counter === '살') return /\d\s*(?:살|세)/;
  // How many people may be answered by a share of them in numbers (전 직원 1/3, 3분의 1, 50%); not 과반수, a quorum.
  if (counter === '명') return /\d[\d,.]*\s*(?:[만천]\s*)?명|\d+\s*\/\s*\d+|\d+\s*분의\s*\d|\d\s*%/;
  return new RegExp(`\\d[\\d,.]*\\s*(?:[만억조천]\\s*)?(?:[a-z]{1,2}\\s*)?(?:${counter})`, 'i');
}
