/**
 * Security markings (보안 표시) of Korean government documents and their English forms. A marking is a label, not a
 * word in a sentence: `비밀번호`, `비밀리에` and `기밀성` are ordinary words and must not match.
 */
export type MarkingMatch = { kind: string; start: number; end: number };

const patterns: { kind: string; pattern: RegExp }[] = [
  // 대외비 only ever means the marking, also spaced out or split by marks, fillers, markup or punctuation (대 외 비,
  // 대.외.비, 대외-비, [대외 비], **대**외**비**, 대<span>외</span>비; not 대외 비교, 대외 비중) or in Hanja, whole or
  // mixed with Hangul as stamps and headers write it (對外秘, 對 外 秘, 대외秘, 對外비; 秘 standing alone, as
  // the stamp ㊙ reads after NFKC, where Korean text has no other use for it; and 機密 for 기밀).
  { kind: 'marking', pattern: /대외비|대(?:[\s.\-·*_|/~\p{M}\u115f\u1160\u3164\uffa0]|<[^<>]{0,20}>){0,6}외(?:[\s.\-·*_|/~\p{M}\u115f\u1160\u3164\uffa0]|<[^<>]{0,20}>){0,6}비(?![가-힣])|[대對]\s*[외外]\s*秘|(?:對\s*[외外]|대\s*外)\s*[비秘](?![가-힣])|(?<!\p{Script=Han})秘(?!\p{Script=Han})|機密|(?:[ⅠⅡⅢ]|I{1,3}|[123])\s*級\s*秘密/gu },
  // Graded secrets (Ⅰ급·Ⅱ급·Ⅲ급 비밀, 3급비밀) and 비밀 used as a label or a grade.
  { kind: 'marking', pattern: /(?:[ⅠⅡⅢ]|I{1,3}|[123])\s*급\s*비밀|[\[(<【]\s*비밀\s*[\])>】]|비밀\s*(?:문서|등급|자료|취급|표시|해제)/g },
  // 기밀 as a label; 기밀성 (confidentiality, a security property) and 기밀유지 (an NDA clause) are not.
  { kind: 'marking', pattern: /기밀(?!성|\s*유지)/g },
  { kind: 'marking', pattern: /취급\s*주의(?!\s*(?:사항|점|할|하))/g },
  // 비공개 as a label or a document grade, not "비공개로 진행된 회의".
  { kind: 'marking', pattern: /[\[(<【]\s*비\s*공개\s*[\])>】]|^[^\S\n]*비공개[^\S\n]*$|비공개\s*(?:문서|자료|보고서|등급|대상\s*문서)/gm },
  // English markings are written in capitals; lower-case "secret" is an ordinary word.
  { kind: 'marking', pattern: /\b(?:TOP\s+SECRET|SECRET|CONFIDENTIAL|RESTRICTED|CLASSIFIED|FOUO)\b|\bFOR\s+OFFICIAL\s+USE\s+ONLY\b|\b(?:INTERNAL\s+USE\s+ONLY|NOT\s+FOR\s+(?:PUBLIC\s+)?DISTRIBUTION)\b/g },
  { kind: 'marking', pattern: /\b(?:top secret|strictly confidential|for official use only|internal use only)\b/gi },
  { kind: 'marking', pattern: /[\[(]\s*(?:confidential|secret|restricted|classified)\s*[\])]/gi },
];

export function findMarkings(text: string): MarkingMatch[] {
  const found: MarkingMatch[] = [];
  for (const { kind, pattern } of patterns) {
    pattern.lastIndex = 0;
    for (const match of text.matchAll(pattern)) found.push({ kind, start: match.index, end: match.index + match[0].length });
  }
  return found;
}
