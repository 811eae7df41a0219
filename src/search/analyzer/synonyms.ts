/**
 * Built-in synonym groups: agency abbreviations and the Korean/English/transliterated forms of common
 * IT terms that Korean government documents mix freely ("파라미터", "매개변수", "parameter"). Every
 * member of a group expands to all others. Tenants add their own lists on top (config).
 * Members are written as people write them (lower case); the word the analyzer makes of each is added to its group
 * (`analyzer/index.ts`: "위키백과" is read as 위키백 + 과, "mois" as moi), so no member is dead.
 */
export const builtInSynonymGroups: readonly (readonly string[])[] = [
  // Ministries and agencies (정부조직법 names and their usual abbreviations).
  ['과기부', '과기정통부', '과학기술정보통신부', 'msit'],
  ['행안부', '행정안전부', 'mois'],
  ['기재부', '기획재정부'],
  ['산업부', '산자부', '산업통상자원부'],
  ['국토부', '국토교통부'],
  ['교육부', 'moe'],
  ['복지부', '보건복지부'],
  ['고용부', '고용노동부'],
  ['방통위', '방송통신위원회'],
  ['개인정보위', '개보위', '개인정보보호위원회'],
  ['nia', '한국지능정보사회진흥원', '지능정보사회진흥원'],
  ['nipa', '정보통신산업진흥원'],
  ['kisa', '한국인터넷진흥원'],
  ['중기부', '중소벤처기업부'],
  ['문체부', '문화체육관광부'],
  ['해수부', '해양수산부'],
  ['농식품부', '농림축산식품부'],
  ['여가부', '여성가족부'],
  ['인사처', '인사혁신처'],
  ['식약처', '식품의약품안전처'],
  ['질병청', '질병관리청'],
  ['국정원', '국가정보원'],
  ['권익위', '국민권익위원회'],
  ['공정위', '공정거래위원회'],
  ['금융위', '금융위원회'],
  ['금감원', '금융감독원'],
  ['선관위', '중앙선거관리위원회'],
  ['한은', '한국은행', 'bok'],
  ['한전', '한국전력공사', '한국전력'],
  ['코트라', '대한무역투자진흥공사', 'kotra'],
  ['대한상의', '대한상공회의소'],
  ['kdi', '한국개발연구원'],
  ['etri', '한국전자통신연구원'],
  ['iitp', '정보통신기획평가원'],
  ['nirs', '국가정보자원관리원'],
  // IT vocabulary: Korean, English and transliterations.
  ['인공지능', 'ai'],
  ['파라미터', '매개변수', '패러미터', 'parameter'],
  ['미세조정', '파인튜닝', 'finetun'],
  ['사전학습', '프리트레이닝', 'pretrain'],
  ['거대언어모델', '대규모언어모델', '대형언어모델', 'llm'],
  ['초거대', '하이퍼스케일', 'hyperscale'],
  ['경량언어모델', 'sllm'],
  ['하이퍼클로바', 'hyperclova'],
  ['챗gpt', '챗지피티', 'chatgpt'],
  ['오픈ai', '오픈에이아이', 'openai'],
  ['엔비디아', 'nvidia'],
  ['구글', 'google'],
  ['메타', 'meta'],
  ['마이크로소프트', 'microsoft', 'ms'],
  ['클라우드', 'cloud'],
  // Names of models, companies and bodies as Korean writes them (외래어 표기) beside the Latin name: "라마2" and
  // "LLaMA2" are one model.
  ['라마', 'llama'],
  ['팰컨', '팔콘', 'falcon'],
  ['제미나이', 'gemini'],
  ['클로드', 'claude'],
  ['미스트랄', 'mistral'],
  ['트랜스포머', 'transformer'],
  ['딥마인드', 'deepmind'],
  ['앤트로픽', 'anthropic'],
  ['허깅페이스', 'huggingface'],
  ['깃허브', 'github'],
  ['코파일럿', 'copilot'],
  ['미드저니', 'midjourney'],
  ['알파고', 'alphago'],
  ['아마존', 'amazon'],
  ['애플', 'apple'],
  ['알리바바', 'alibaba'],
  ['바이두', 'baidu'],
  ['텐센트', 'tencent'],
  ['화웨이', 'huawei'],
  ['테슬라', 'tesla'],
  ['삼성전자', 'samsung'],
  ['유튜브', 'youtube'],
  ['위키피디아', '위키백과', 'wikipedia'],
  ['블룸버그', 'bloomberg'],
  ['맥킨지', '매킨지', 'mckinsey'],
  ['가트너', 'gartner'],
  ['딜로이트', 'deloitte'],
  ['세계경제포럼', 'wef'],
  ['경제협력개발기구', 'oecd'],
  ['유럽연합', 'eu'],
  ['국제연합', '유엔', 'un'],
  ['데이터센터', 'idc', '데이터 센터'],
  ['그래픽처리장치', 'gpu'],
  ['xai', '설명가능'],
  ['연합학습', '페더레이티드', 'federated'],
  ['양자화', 'quantization'],
  ['검색증강생성', 'rag'],
  ['디지털전환', '디지털 전환', 'dx'],
  ['공공기관', '공공부문', '공공분야'],
  ['가격', '비용', '단가'],
  ['사회기반시설', '사회간접자본', 'soc'],
  ['r&d', '연구개발'],
  // Civil-service words as staff say them beside the regulations' terms (복무규정: 시간외근무, 반일연가).
  ['야근', '시간외근무', '초과근무'],
  ['반차', '반일연가'],
];

/** Turns groups into the analyzer's lookup: every member maps to the other members. */
export function synonymMap(groups: readonly (readonly string[])[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const group of groups) {
    for (const member of group) {
      const others = group.filter((other) => other !== member && !other.includes(' '));
      map.set(member, [...new Set([...(map.get(member) ?? []), ...others])]);
    }
  }
  return map;
}
