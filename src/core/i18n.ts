/**
 * User-facing language. Korean is the default; English is available through KGOV_LANG=en
 * (CLI) or the Accept-Language header (HTTP).
 */
export type Language = 'ko' | 'en';

export function languageFromEnv(env: NodeJS.ProcessEnv = process.env): Language {
  return parseLanguage(env.KGOV_LANG) ?? 'ko';
}

export function parseLanguage(value: string | undefined): Language | undefined {
  if (!value) return undefined;
  const primary = value.trim().toLowerCase().slice(0, 2);
  if (primary === 'en') return 'en';
  if (primary === 'ko') return 'ko';
  return undefined;
}

/** Picks the first supported language of an Accept-Language header. */
export function languageFromAcceptHeader(header: string | undefined, fallback: Language): Language {
  if (!header) return fallback;
  for (const part of header.split(',')) {
    const language = parseLanguage(part.split(';')[0]);
    if (language) return language;
  }
  return fallback;
}

export type Bilingual = { ko: string; en: string };

/** Fills `{name}` slots in a template. Unknown slots stay visible so a missing parameter is noticed. */
export function format(template: string, params: Record<string, unknown> = {}): string {
  return template.replace(/\{(\w+)\}/g, (slot, name: string) =>
    name in params ? String(params[name]) : slot,
  );
}
