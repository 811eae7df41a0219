// A sentence ends in a predicate or a full stop; a title, a heading or a table-of-contents line does not.
const sentenceEnd = /(?:[다요음함임됨까죠니][.!?。]?|[.!?。])["'”’)]*$/;
// A table-of-contents entry: words, then a page number ("3 공공분야 초거대 AI 구축방안 198"), or dot leaders.
const contentsEntry = /[^\d\s.,%·~-]\s+\d{1,4}$|(?:\.{4,}|·{4,}|…{2,})/;
// A figure's or table's caption: "[국내외 초거대 AI 종류]", "<표 3> …", "그림 2-1 …".
const caption = /^(?:\[[^\]]{2,80}\]|<[^>]{2,80}>|(?:\[|<)?(?:그림|표|도표|Figure|Table|Fig\.)\s*\d[\d.-]*(?:\]|>)?)/i;
/**
 * Lines that state no fact, whatever words they share with a question or the rest of a text: a document's first line
 * (its title), headlines, table-of-contents entries and captions, when they do not end as a sentence. Extractive
 * answers never quote them; extractive summaries leave them out.
 */
export function isNonFact(line: string, options: { documentFirstLine: boolean }): boolean {
  const text = line.trim();
  // A 공문's header fields (수신, 참조, 경유, 제목, 발신) and its reference line (1. 관련: …) say what the letter is
  // and to whom, not what it states.
  if (letterField.test(text)) return true;
  if (sentenceEnd.test(text)) return false;
  if (options.documentFirstLine || contentsEntry.test(text) || caption.test(text)) return true;
  // A headline: a short line that is no list item, states no number and does not end as a sentence (a press
  // release's title under its "보도자료" label). A 개조식 item states its fact without a predicate, but it has its mark.
  return !listMark.test(line) && !/\d/.test(text) && text.length <= 60;
}

const letterField = /^(?:수\s*신|참\s*조|\(?경\s*유\)?|제\s*목|발\s*신)(?:\s*[:：]|\s|$)|^(?:\d{1,2}\.\s*)?관\s*련\s*[:：]/;

// The marks of 개조식 items and list entries (○ …, - …, 1. …, 가. …): a line with one states something.
const listMark = /^\s*(?:[○□■●◦▪•·\-*※➢▶◆◇►▷◎]|\d{1,2}[.)]|[가-하][.)]|[①-⑳]|\(\d{1,2}\))/;

/** Whether a line ends as a sentence (a predicate or a full stop), not as a title, a label or a list of nouns. */
export function endsAsSentence(line: string): boolean {
  return sentenceEnd.test(line.trim());
}
