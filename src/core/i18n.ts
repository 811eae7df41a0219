import { leadingParticle, particleFor } from './korean-particle.js';

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

/**
 * Fills `{name}` slots in a template. Unknown slots stay visible so a missing parameter is noticed. A Korean particle
 * right after a slot (`{version}과`, `{id}을(를)`) takes the form that fits the value (버전 2와, 버전 1과); when the
 * value's final sound cannot be told (Latin letters), both forms are shown: `openai이(가)`.
 */
export function format(template: string, params: Record<string, unknown> = {}): string {
  let filled = '';
  let copiedUpTo = 0;
  for (const match of template.matchAll(/\{(\w+)\}/g)) {
    const name = match[1]!;
    filled += template.slice(copiedUpTo, match.index);
    copiedUpTo = match.index + match[0].length;
    if (!(name in params)) {
      filled += match[0];
      continue;
    }
    const value = String(params[name]);
    filled += value;
    const following = leadingParticle(template.slice(copiedUpTo));
    if (following) {
      filled += following.closers + particleFor(value, following.particle);
      copiedUpTo += following.closers.length + following.written.length;
    }
  }
  return filled + template.slice(copiedUpTo);
}
