/**
 * Credentials that must never leave the agency: API keys (ours and the common clouds'), private keys, passwords
 * written as `password=…`, and connection strings with a password in them.
 */
export type CredentialMatch = { kind: string; start: number; end: number };

const patterns: { kind: string; pattern: RegExp }[] = [
  { kind: 'kgov_api_key', pattern: /\bkgov_[a-z2-7]{12}_[A-Za-z0-9_-]{20,}/g },
  { kind: 'private_key', pattern: /-----BEGIN (?:[A-Z]+ )*PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END (?:[A-Z]+ )*PRIVATE KEY(?: BLOCK)?-----|$)/g },
  { kind: 'api_key', pattern: /\b(?:sk-(?:proj-|ant-)?[A-Za-z0-9_-]{20,}|AKIA[0-9A-Z]{16}|ASIA[0-9A-Z]{16}|gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,}|xox[abposr]-[A-Za-z0-9-]{10,}|AIza[0-9A-Za-z_-]{35}|glpat-[A-Za-z0-9_-]{20,}|hf_[A-Za-z0-9]{30,})/g },
  { kind: 'jwt', pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g },
  { kind: 'connection_string', pattern: /\b(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|redis|rediss|amqps?|mssql|sqlserver|oracle|jdbc:[a-z]+):\/\/[^\s:@/]+:[^\s@/]+@[^\s]+/gi },
  // A password in a web or file address (https://admin:Hunter2024!@example.com/, ftp://user:pw@host).
  { kind: 'connection_string', pattern: /\b(?:https?|ftps?|sftp|ssh|smb|ldaps?):\/\/[^\s:@/]{1,64}:[^\s@/]{1,128}@[^\s/]+/gi },
  { kind: 'connection_string', pattern: /\b(?:Server|Data Source|Host)=[^;\n]+;[^\n]*?(?:Password|Pwd)=[^;\s]+/gi },
  // `password=…`, `"passwd": "…"`, `비밀번호: …` — the value is what leaks; 4+ characters so "password: no" stays. The
  // name may end a longer one (DB_PASSWORD=, PGPASSWORD=, SECRET_KEY=, AWS_SECRET=); short names (pass, pwd) stand alone.
  // (The prefix starts a word and is at most 40 characters: unanchored, a 64 KB run of letters was read from every one.)
  { kind: 'password', pattern: /(?:(?<![a-z0-9_])[a-z0-9_]{0,40}?(?:password|passwd|secret)(?:_?key)?|(?<![A-Za-z0-9])(?:pwd|pass|pw|api[_-]?key|access[_-]?token|client[_-]?secret)(?![A-Za-z0-9])|비밀번호|패스워드|비번|암호)["']?\s*[:=]\s*["']?[^\s"',;]{4,}/gi },
  // Said in a sentence: "관리자 비밀번호는 Gwanghwamun-2026! 입니다", "root 계정 비밀번호 Zx9kLmn2", "passwd Zx9kLmn2aa",
  // "서버 접속 암호는 …". The value is one ASCII word of 6+ characters with a lower-case letter and a digit or symbol,
  // standing alone (SHA-256으로 암호화 is a method, RSA2048 a key size, 9자리 이상 a rule).
  { kind: 'password', pattern: /(?:비밀\s?번호|패스워드|비번|(?:접속|서버|관리자|계정|로그인)\s*암호|(?<![A-Za-z0-9])(?:[Pp]assword|PASSWORD|[Pp]asswd|PASSWD|[Pp]wd|PWD|[Pp][Ww])(?![A-Za-z0-9]))(?:\s*(?:는|은|가|이|를|도))?\s+["']?(?=[!-~]*[a-z])(?=[!-~]*[0-9!@#$%^&*])[!-~]{6,}(?=\s|$|["'.,)])/g },
  // Password hashes (htpasswd, crypt): $apr1$…, $2y$…, $6$….
  { kind: 'password_hash', pattern: /\$(?:apr1|2[abxy]|1|5|6|argon2id?)\$[./A-Za-z0-9$=,]{8,}/g },
];

export function findCredentials(text: string): CredentialMatch[] {
  const found: CredentialMatch[] = [];
  for (const { kind, pattern } of patterns) {
    pattern.lastIndex = 0;
    for (const match of text.matchAll(pattern)) found.push({ kind, start: match.index, end: match.index + match[0].length });
  }
  return dropContained(found);
}

/** A key inside a `password=` match is reported once, as the wider span. */
function dropContained(matches: CredentialMatch[]): CredentialMatch[] {
  return matches.filter((match, index) => !matches.some((other, otherIndex) => otherIndex !== index &&
    other.start <= match.start && other.end >= match.end && (other.end - other.start > match.end - match.start || otherIndex < index)));
}
