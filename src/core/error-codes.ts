import type { Bilingual } from './i18n.js';

/**
 * Every stable error code of the platform, with its HTTP status, its OpenAI error `type` and its
 * user-facing text. This table is the one place where errors meet HTTP: add a code here, never a
 * status code at a call site. Codes are public (scripts match on them): add, never rename.
 */
export const errorCodes = {
  // Requests
  invalid_request: { status: 400, type: 'invalid_request_error', retryable: false,
    text: { ko: '잘못된 요청입니다: {detail}', en: 'Invalid request: {detail}' } },
  validation_failed: { status: 400, type: 'invalid_request_error', retryable: false,
    text: { ko: '요청 값이 올바르지 않습니다: {detail}', en: 'Request validation failed: {detail}' } },
  not_found: { status: 404, type: 'not_found_error', retryable: false,
    text: { ko: '경로를 찾을 수 없습니다: {detail}', en: 'Not found: {detail}' } },
  payload_too_large: { status: 413, type: 'invalid_request_error', retryable: false,
    text: { ko: '요청 본문이 너무 큽니다', en: 'Request body is too large' } },
  // Authentication
  missing_api_key: { status: 401, type: 'authentication_error', retryable: false,
    text: { ko: 'API 키가 필요합니다 (Authorization: Bearer kgov_…)', en: 'An API key is required (Authorization: Bearer kgov_…)' } },
  invalid_api_key: { status: 401, type: 'authentication_error', retryable: false,
    text: { ko: 'API 키가 올바르지 않습니다', en: 'The API key is not valid' } },
  malformed_api_key: { status: 401, type: 'authentication_error', retryable: false,
    text: { ko: 'API 키 형식이 올바르지 않습니다 (kgov_로 시작하는 키를 사용하세요)', en: 'The API key is malformed (expected a key starting with kgov_)' } },
  api_key_expired: { status: 401, type: 'authentication_error', retryable: false,
    text: { ko: 'API 키가 만료되었습니다 ({expiredAt})', en: 'The API key expired at {expiredAt}' } },
  api_key_revoked: { status: 401, type: 'authentication_error', retryable: false,
    text: { ko: '폐기된 API 키입니다', en: 'The API key has been revoked' } },
  invalid_credentials: { status: 401, type: 'authentication_error', retryable: false,
    text: { ko: '아이디 또는 비밀번호가 올바르지 않습니다', en: 'Wrong user name or password' } },
  session_required: { status: 401, type: 'authentication_error', retryable: false,
    text: { ko: '로그인이 필요합니다', en: 'You need to sign in' } },
  account_locked: { status: 423, type: 'authentication_error', retryable: false,
    text: { ko: '로그인 실패가 반복되어 계정이 {until}까지 잠겼습니다', en: 'Too many failed sign-ins: the account is locked until {until}' } },
  // Authorization
  forbidden: { status: 403, type: 'permission_error', retryable: false,
    text: { ko: '권한이 없습니다: {detail}', en: 'Not allowed: {detail}' } },
  // Domain objects
  tenant_not_found: { status: 404, type: 'not_found_error', retryable: false,
    text: { ko: "기관 '{tenant}'을(를) 찾을 수 없습니다 (kgov tenants list 로 확인하세요)", en: "Tenant '{tenant}' does not exist (see kgov tenants list)" } },
  tenant_exists: { status: 409, type: 'invalid_request_error', retryable: false,
    text: { ko: "기관 '{tenant}'은(는) 이미 있습니다", en: "Tenant '{tenant}' already exists" } },
  user_not_found: { status: 404, type: 'not_found_error', retryable: false,
    text: { ko: "사용자 '{user}'을(를) 찾을 수 없습니다", en: "User '{user}' does not exist" } },
  user_exists: { status: 409, type: 'invalid_request_error', retryable: false,
    text: { ko: "사용자 '{user}'은(는) 기관 '{tenant}'에 이미 있습니다", en: "User '{user}' already exists in tenant '{tenant}'" } },
  api_key_not_found: { status: 404, type: 'not_found_error', retryable: false,
    text: { ko: "API 키 '{key}'을(를) 찾을 수 없습니다", en: "API key '{key}' does not exist" } },
  invalid_id: { status: 400, type: 'invalid_request_error', retryable: false,
    text: { ko: "'{value}'은(는) {whatKo}(으)로 쓸 수 없습니다: 영문 소문자로 시작하고 영문 소문자·숫자·'-'·'_'만 2~63자", en: "'{value}' is not a valid {whatEn}: 2-63 characters, a lowercase letter first, then lowercase letters, digits, '-' or '_'" } },
  invalid_role: { status: 400, type: 'invalid_request_error', retryable: false,
    text: { ko: "역할 '{value}'은(는) 없습니다 (admin, reviewer, staff, public 중 하나)", en: "Unknown role '{value}' (one of admin, reviewer, staff, public)" } },
  invalid_clearance: { status: 400, type: 'invalid_request_error', retryable: false,
    text: { ko: "보안 등급 '{value}'은(는) 없습니다 (public, internal, restricted 중 하나)", en: "Unknown clearance '{value}' (one of public, internal, restricted)" } },
  public_role_clearance: { status: 400, type: 'invalid_request_error', retryable: false,
    text: { ko: "public 역할은 public 등급만 가질 수 있습니다 (요청: {value})", en: "The public role can only have clearance public (asked: {value})" } },
  weak_password: { status: 400, type: 'invalid_request_error', retryable: false,
    text: { ko: '비밀번호가 약합니다: {detail}', en: 'The password is too weak: {detail}' } },
  invalid_expiry: { status: 400, type: 'invalid_request_error', retryable: false,
    text: { ko: "만료 '{value}'을(를) 해석할 수 없습니다 (예: 30d, 12h, 2027-01-31)", en: "Cannot read expiry '{value}' (e.g. 30d, 12h, 2027-01-31)" } },
  // Start-up and storage
  config_invalid: { status: 500, type: 'server_error', retryable: false,
    text: { ko: '설정 오류 ({source}): {detail}', en: 'Invalid configuration ({source}): {detail}' } },
  config_unreadable: { status: 500, type: 'server_error', retryable: false,
    text: { ko: '설정 파일을 읽을 수 없습니다 ({source}): {detail}', en: 'Cannot read the configuration file ({source}): {detail}' } },
  schema_too_new: { status: 500, type: 'server_error', retryable: false,
    text: { ko: '데이터베이스 스키마 버전 {found}이(가) 이 프로그램이 아는 버전 {known}보다 새롭습니다. 더 새 버전의 kgov로 여세요 (데이터는 변경하지 않았습니다)', en: 'The database schema is at version {found}, newer than version {known} that this program knows. Open it with a newer kgov (nothing was changed)' } },
  data_dir_locked: { status: 500, type: 'server_error', retryable: false,
    text: { ko: "데이터 디렉터리 {dir}은(는) 다른 kgov 프로세스(pid {pid})가 사용 중입니다. 그 프로세스를 끝내거나, 동시에 쓰려면 KGOV_DATABASE_URL로 PostgreSQL 서버를 쓰세요", en: 'The data directory {dir} is in use by another kgov process (pid {pid}). Stop it, or use a PostgreSQL server through KGOV_DATABASE_URL for concurrent use' } },
  data_dir_unusable: { status: 500, type: 'server_error', retryable: false,
    text: { ko: '데이터 디렉터리 {dir}을(를) 쓸 수 없습니다: {detail}', en: 'Cannot use the data directory {dir}: {detail}' } },
  database_unavailable: { status: 503, type: 'server_error', retryable: true,
    text: { ko: '데이터베이스에 연결할 수 없습니다: {detail}', en: 'Cannot reach the database: {detail}' } },
  port_in_use: { status: 500, type: 'server_error', retryable: false,
    text: { ko: '포트 {port}은(는) 이미 사용 중입니다 (--port 로 다른 포트를 지정하세요)', en: 'Port {port} is already in use (choose another with --port)' } },
  audit_chain_broken: { status: 500, type: 'server_error', retryable: false,
    text: { ko: '감사 기록 체인이 손상되었습니다: {detail}', en: 'The audit chain is broken: {detail}' } },
  usage: { status: 400, type: 'invalid_request_error', retryable: false,
    text: { ko: '{detail}', en: '{detail}' } },
  // Documents (store)
  document_not_found: { status: 404, type: 'not_found_error', retryable: false,
    text: { ko: "문서 '{document}'을(를) 찾을 수 없습니다", en: "Document '{document}' does not exist" } },
  path_not_found: { status: 400, type: 'invalid_request_error', retryable: false,
    text: { ko: '{file}: 파일이나 폴더가 없습니다', en: '{file}: no such file or folder' } },
  // Fallbacks
  rate_limited: { status: 429, type: 'rate_limit_error', retryable: true,
    text: { ko: '요청이 너무 많습니다. 잠시 후 다시 시도하세요', en: 'Too many requests; try again later' } },
  service_unavailable: { status: 503, type: 'server_error', retryable: true,
    text: { ko: '서비스를 일시적으로 사용할 수 없습니다', en: 'The service is temporarily unavailable' } },
  internal_error: { status: 500, type: 'server_error', retryable: false,
    text: { ko: '내부 오류가 발생했습니다 (요청 id로 로그를 확인하세요)', en: 'Internal error (look up the request id in the logs)' } },
  // Documents (parsing)
  unsupported_type: { status: 415, type: 'invalid_request_error', retryable: false,
    text: { ko: '{file}: 지원하지 않는 문서 형식입니다 ({reason})', en: '{file}: unsupported document type ({reason})' } },
  empty_file: { status: 400, type: 'invalid_request_error', retryable: false,
    text: { ko: '{file}: 빈 파일입니다 ({reason})', en: '{file}: the file is empty ({reason})' } },
  file_too_large: { status: 413, type: 'invalid_request_error', retryable: false,
    text: { ko: '{file}: 파일이 너무 큽니다 ({reason})', en: '{file}: the file is too large ({reason})' } },
  corrupt_file: { status: 422, type: 'invalid_request_error', retryable: false,
    text: { ko: '{file}: 손상되었거나 읽을 수 없는 파일입니다 ({reason})', en: '{file}: the file is damaged or unreadable ({reason})' } },
  password_protected: { status: 422, type: 'invalid_request_error', retryable: false,
    text: { ko: '{file}: 암호가 걸린 문서입니다. 암호를 해제한 뒤 다시 올리세요 ({reason})', en: '{file}: the document is password-protected; remove the password and try again ({reason})' } },
  archive_too_large: { status: 413, type: 'invalid_request_error', retryable: false,
    text: { ko: '{file}: 압축을 풀면 허용 한도를 넘습니다 (압축 폭탄 의심, {reason})', en: '{file}: the archive expands beyond the limit (possible zip bomb; {reason})' } },
} as const satisfies Record<string, { status: number; type: string; retryable: boolean; text: Bilingual }>;

export type ErrorCode = keyof typeof errorCodes;

export function isErrorCode(value: string): value is ErrorCode {
  return Object.hasOwn(errorCodes, value);
}
