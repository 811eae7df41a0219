import { format, languageFromEnv, type Bilingual, type Language } from '../core/index.js';

/** CLI text, Korean first. Keys are grouped by command. */
const messages = {
  'program.description': { ko: 'KGov AI 플랫폼 — 공공기관 전용 LLM 플랫폼', en: 'KGov AI Platform — an LLM platform for Korean public institutions' },
  'option.data': { ko: '데이터 디렉터리 (기본: ./data 또는 KGOV_DATA)', en: 'data directory (default: ./data or KGOV_DATA)' },
  'option.config': { ko: '설정 파일 (JSON 또는 YAML)', en: 'configuration file (JSON or YAML)' },
  'option.json': { ko: 'JSON으로 출력', en: 'print JSON' },
  'option.help': { ko: '도움말 표시', en: 'show help' },
  'option.version': { ko: '버전 표시', en: 'show the version' },
  'command.help': { ko: '명령 도움말 표시', en: 'show help for a command' },
  'title.Usage:': { ko: '사용법:', en: 'Usage:' },
  'title.Options:': { ko: '옵션:', en: 'Options:' },
  'title.Commands:': { ko: '명령:', en: 'Commands:' },
  'title.Arguments:': { ko: '인자:', en: 'Arguments:' },
  'title.Global Options:': { ko: '공통 옵션:', en: 'Global Options:' },
  'serve.description': { ko: 'API 서버와 콘솔을 시작합니다', en: 'start the API server and console' },
  'serve.port': { ko: '포트 (기본 8080)', en: 'port (default 8080)' },
  'serve.host': { ko: '바인드 주소 (기본 127.0.0.1)', en: 'address to bind (default 127.0.0.1)' },
  'serve.started': { ko: 'KGov 서버가 {url} 에서 시작되었습니다 (저장소: {storage}). 끝내려면 Ctrl+C', en: 'KGov server listening on {url} (storage: {storage}). Ctrl+C to stop' },
  'serve.stopping': { ko: '{signal} 신호를 받아 진행 중인 요청을 마치고 종료합니다', en: 'Received {signal}: finishing in-flight requests, then exiting' },
  'serve.stopped': { ko: '서버를 종료했습니다', en: 'Server stopped' },
  'tenants.description': { ko: '기관(테넌트) 관리', en: 'manage tenants (agencies)' },
  'tenants.create.description': { ko: '기관을 만듭니다', en: 'create a tenant' },
  'tenants.create.id': { ko: '기관 id (예: mois, msit)', en: 'tenant id (e.g. mois, msit)' },
  'tenants.create.name': { ko: '기관 이름 (예: 행정안전부)', en: 'tenant name' },
  'tenants.created': { ko: "기관 '{id}' ({name})을(를) 만들었습니다", en: "Created tenant '{id}' ({name})" },
  'tenants.list.description': { ko: '기관 목록', en: 'list tenants' },
  'tenants.none': { ko: '기관이 없습니다. kgov tenants create ID --name 이름 으로 만드세요', en: 'No tenants yet. Create one with kgov tenants create ID --name NAME' },
  'users.description': { ko: '사용자 관리', en: 'manage users' },
  'users.create.description': { ko: '사용자를 만듭니다', en: 'create a user' },
  'users.create.username': { ko: '사용자 id (영문 소문자)', en: 'user name (lowercase)' },
  'users.create.displayName': { ko: '표시 이름 (예: 홍길동)', en: 'display name' },
  'users.create.passwordStdin': { ko: '표준 입력에서 비밀번호를 읽습니다 (콘솔 로그인용)', en: 'read the password from standard input (for console sign-in)' },
  'users.created': { ko: "사용자 '{username}'을(를) 기관 '{tenant}'에 만들었습니다 (역할 {role}, 등급 {clearance})", en: "Created user '{username}' in tenant '{tenant}' (role {role}, clearance {clearance})" },
  'users.list.description': { ko: '기관의 사용자 목록', en: "list a tenant's users" },
  'users.none': { ko: '사용자가 없습니다', en: 'No users' },
  'option.tenant': { ko: '기관 id', en: 'tenant id' },
  'option.role': { ko: '역할: admin, reviewer, staff, public', en: 'role: admin, reviewer, staff, public' },
  'option.clearance': { ko: '보안 등급: public(공개) < internal(내부) < restricted(대외비)', en: 'clearance: public < internal < restricted' },
  'keys.description': { ko: 'API 키 관리', en: 'manage API keys' },
  'keys.create.description': { ko: 'API 키를 만듭니다 (키는 마지막 줄에 한 번만 표시됩니다)', en: 'create an API key (printed once, on the last line)' },
  'keys.create.name': { ko: '키 이름 (용도)', en: 'key name (purpose)' },
  'keys.create.expires': { ko: '만료: 30d, 12h, 2w 또는 날짜 (2027-12-31)', en: 'expiry: 30d, 12h, 2w or a date (2027-12-31)' },
  'keys.created': { ko: "API 키 {id}를 만들었습니다 (기관 {tenant}, 역할 {role}, 등급 {clearance}, 만료 {expires}). 아래 키는 다시 볼 수 없으니 안전하게 보관하세요:", en: 'Created API key {id} (tenant {tenant}, role {role}, clearance {clearance}, expires {expires}). Store the key below now; it cannot be shown again:' },
  'keys.never': { ko: '없음', en: 'never' },
  'keys.list.description': { ko: '기관의 API 키 목록', en: "list a tenant's API keys" },
  'keys.none': { ko: 'API 키가 없습니다', en: 'No API keys' },
  'keys.revoke.description': { ko: 'API 키를 폐기합니다', en: 'revoke an API key' },
  'keys.revoke.key': { ko: '키 id 또는 키 전체', en: 'key id or the whole key' },
  'keys.revoked': { ko: 'API 키 {id}를 폐기했습니다', en: 'Revoked API key {id}' },
  'audit.description': { ko: '감사 기록', en: 'audit log' },
  'audit.verify.description': { ko: '감사 기록의 해시 체인을 검증합니다', en: 'verify the audit hash chain' },
  'audit.ok': { ko: '감사 기록 정상: {records}건, 마지막 번호 {lastSeq}', en: 'Audit log intact: {records} records, last seq {lastSeq}' },
  'audit.broken': { ko: '감사 기록 손상: 문제 {count}건 ({records}건 검사)', en: 'Audit log tampered: {count} problems ({records} records checked)' },
  'audit.problem.edited': { ko: '기록 #{seq} ({action}, {at}): 내용이 수정되었습니다', en: 'record #{seq} ({action}, {at}): content was edited' },
  'audit.problem.missing': { ko: '기록 #{seq}: 없습니다 (삭제됨; 다음 기록은 #{afterSeq})', en: 'record #{seq}: missing (deleted; next is #{afterSeq})' },
  'audit.problem.chain-broken': { ko: '기록 #{seq} ({action}, {at}): 앞 기록과 체인이 끊겼습니다 (앞 기록이 삭제·교체되었거나 순서가 바뀜)', en: 'record #{seq} ({action}, {at}): chain broken (a record before it was deleted, replaced or reordered)' },
  'audit.problem.truncated': { ko: '마지막 기록 #{lastSeq} 뒤의 기록이 삭제되었습니다 (체인 머리는 #{headSeq})', en: 'records after #{lastSeq} were deleted (the chain head is #{headSeq})' },
  'error.prefix': { ko: '오류', en: 'error' },
  'error.internal': { ko: '예기치 못한 오류: {detail} (KGOV_DEBUG=1 로 자세히 보기)', en: 'unexpected error: {detail} (KGOV_DEBUG=1 for details)' },
  'usage.unknownOption': { ko: '알 수 없는 옵션 {value}', en: 'unknown option {value}' },
  'usage.unknownCommand': { ko: '알 수 없는 명령 {value}', en: 'unknown command {value}' },
  'usage.missingArgument': { ko: '필수 인자 {value}이(가) 없습니다', en: 'missing required argument {value}' },
  'usage.optionMissingArgument': { ko: '옵션 {value}에 값이 필요합니다', en: 'option {value} needs a value' },
  'usage.missingMandatoryOptionValue': { ko: '필수 옵션 {value}이(가) 없습니다', en: 'required option {value} is missing' },
  'usage.excessArguments': { ko: '인자가 너무 많습니다', en: 'too many arguments' },
  'usage.invalidArgument': { ko: '잘못된 값: {value}', en: 'invalid value: {value}' },
  'usage.seeHelp': { ko: '(--help 로 사용법 보기)', en: '(see --help)' },
  'usage.badPort': { ko: "포트 '{value}'은(는) 0~65535 사이의 정수여야 합니다", en: "port '{value}' must be an integer from 0 to 65535" },
  'usage.emptyPassword': { ko: '표준 입력에서 비밀번호를 읽지 못했습니다', en: 'no password on standard input' },
} satisfies Record<string, Bilingual>;

export type MessageKey = keyof typeof messages;

export const language: Language = languageFromEnv();

export function message(key: MessageKey, params: Record<string, unknown> = {}): string {
  return format(messages[key][language], params);
}

export function hasMessage(key: string): key is MessageKey {
  return Object.hasOwn(messages, key);
}
