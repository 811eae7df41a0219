/**
 * Particles (조사) and endings (어미) that attach to the end of an eojeol. Stripping them turns
 * "클라우드가", "클라우드의", "클라우드로는" into the same term "클라우드" — the fix for the most common
 * Korean keyword-search failure (particles stuck to nouns). Longest match first; a stem must keep at
 * least one syllable (two for endings that could be part of a noun).
 */
export const particles = [
  // Compound particles first (longest match wins anyway, but the list reads better grouped).
  '으로부터', '에서부터', '에게서는', '으로서는', '으로써는', '에서는', '에게는', '으로는', '로부터', '까지는', '부터는',
  '에서도', '에게도', '으로도', '이라는', '이라고', '이라도', '이라면', '이나마', '만큼은', '처럼은', '보다는', '에서의',
  '으로의', '과의', '와의', '에의', '에서', '에게', '한테', '께서', '으로', '로서', '로써', '까지', '부터', '마저',
  '조차', '만큼', '처럼', '보다', '라는', '라고', '이나', '이란', '이며', '이고', '이다', '에는', '에도', '로는',
  '로도', '과는', '와는', '하고', '이랑', '랑은', '이든', '든지', '마다', '밖에', '뿐만', '에', '의', '을', '를', '이',
  '가', '은', '는', '과', '와', '도', '만', '로', '랑', '나', '며', '란', '께',
  // 에는, contracted in speech ("단계엔", "요즘엔").
  '엔',
];

/** Verb/adjective endings, mostly from questions and report prose ("전망하였으나", "예상된다", "했나요"). */
export const endings = [
  '하였으나', '하였으며', '하였고', '하였다', '했는데', '했나요', '했어요', '했습니다', '합니다', '됩니다', '됐나요',
  '되었다', '되었고', '되었으며', '되었나요', '되는지', '되나요', '된다고', '된다는', '한다고', '한다는', '하는지',
  '하나요', '하려면', '하지만', '하면서', '했다고', '됐다고', '이었나요', '였나요', '인가요', '인지', '이었다', '였다',
  '에요', '예요', '이에요', '입니다', '습니다', '었나요', '았나요', '나요', '까요', '는지', '는데', '으며', '하고',
  '하는', '하며', '하여', '해서', '했고', '했다', '된다', '되는', '되어', '돼서', '됐고', '됐다', '한다', '하다', '해야',
  '하게', '에는', '으나', '지만', '면서', '된', '될', '됨', '되기', '하기',
  '하다고', '하다는', '하다면', '하다며', '한다면', '한다며', '된다면', '된다며', '되다고', '되다는',
  // The copula at the end of a spoken question or answer ("년도였어", "몇 개였어요", "기준이죠").
  '이었어', '였어', '이었어요', '였어요', '이었지', '였지', '이었는지', '였는지', '이야', '이죠', '이지요', '일까요', '일까',
  ...pastTenseEndings(),
];

/**
 * 했/됐 (하였/되었) followed by the endings a sentence or clause ends with: "개선됐는지", "도입했으며", "선정되었는지",
 * "발표했던". The list above names the frequent ones; these cover the rest of a closed set, so the noun before
 * 하다/되다 is found whatever the clause ending.
 */
function pastTenseEndings(): string[] {
  const past = ['했', '됐', '하였', '되었'];
  const tails = [
    '다', '고', '는데', '는지', '나요', '어요', '습니다', '습니까', '으며', '으나', '지만', '던', '을', '음', '다고', '다는',
    '다며', '으면', '으므로', '으니', '기에', '기', '는가', '더니', '을까', '어', '어서', '으나요',
  ];
  return past.flatMap((head) => tails.map((tail) => `${head}${tail}`));
}

/** Words that carry no content in a question ("…은 뭐야?", "알려줘"). Matched after suffix stripping. */
export const questionStopwords = new Set([
  '뭐', '뭐야', '뭔가', '무엇', '무엇인가', '무엇이', '무슨', '어떤', '어떻게', '어느', '어디', '어디였고', '얼마', '얼마나', '얼마로',
  '몇', '몇개', '언제', '누구', '왜', '알려줘', '알려주세요', '알려', '설명', '설명해', '설명해줘', '정리해', '정리', '줘', '주세요',
  '비교해', '비교하면', '각각', '대략', '정도', '정확히', '간단히', '보통', '어떤가요', '있나요', '있어', '있는', '있고', '있을', '하는',
  '대해', '대한', '관련', '경우', '것', '거', '건', '수', '등', '및', '그', '이', '저', '좀', '했어', '됐어', '봤어', '봤나요', '나요',
  '쯤', '걸렸어', '뜻', '의미', '정의', '말하는', '거고', '하나요', '건가요', '인가요', '할까', '어느쪽', '쪽', '중',
  'what', 'which', 'how', 'when', 'who', 'why', 'the', 'a', 'an', 'is', 'are', 'of', 'to', 'in', 'and', 'or', 'for',
]);

/**
 * Counters (단위성 의존명사) and magnitudes that follow a number: "9권", "100만 명", "5일", "3,000억개".
 * Joined with their number into one term, so a question's "9권" meets the passage's "9권" and not every "9".
 */
export const counters = [
  '개월', '억', '조', '만', '천', '백', '권', '개', '명', '대', '일', '년', '월', '주', '시간', '분', '초', '원', '배', '건',
  '회', '위', '곳', '종', '차', '호', '장', '절', '세', '점', '달러', '퍼센트', '포인트',
];
