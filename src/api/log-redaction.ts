import { KgovError } from '../core/index.js';
import { withoutCredentials } from '../data/index.js';
import { detectPii, maskPii } from '../guard/pii/index.js';

/**
 * Log lines are kept long and read by many (operators, log pipelines, support), so personal data and credentials
 * that reach them by way of an error or a URL are masked first: an upstream quoting the prompt back in its error
 * ("prompt 민원인 주민등록번호 900101-1234567 … exceeds limit"), a document id typed as an e-mail address in a path.
 * The same detectors as the guard, typed placeholders (`[주민등록번호]`, `[비밀정보]`).
 */
export function redactLogText(text: string): string {
  if (text.length === 0) return text;
  const entities = detectPii(text, { minScore: 0.5 }).entities;
  return withoutCredentials(entities.length === 0 ? text : maskPii(text, entities, { kind: 'placeholder' }));
}

const maxDepth = 4;

function redactValue(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return redactLogText(value);
  if (depth >= maxDepth || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redactValue(item, depth + 1)]));
}

/** pino's `err` serializer, with every string masked: message, stack, a KgovError's params, the cause's too. */
export function serializeErrorForLog(error: unknown, depth = 0): unknown {
  if (!(error instanceof Error)) return redactValue(error, depth);
  const serialized: Record<string, unknown> = { type: error.constructor.name, message: error.message, stack: error.stack };
  if (error instanceof KgovError) {
    serialized.code = error.code;
    serialized.params = error.params;
  } else if ((error as { code?: unknown }).code !== undefined) {
    serialized.code = (error as { code?: unknown }).code;
  }
  const redacted = redactValue(serialized, depth) as Record<string, unknown>;
  if (error.cause !== undefined && depth < maxDepth) redacted.cause = serializeErrorForLog(error.cause, depth + 1);
  return redacted;
}

/**
 * A URL with each path segment or query value that holds personal data, a credential or a run of six or more digits
 * replaced by `[가림]` whole: in a URL they are glued to other text (`…@example.go.kr-900101-1234567`), where the
 * detectors' word boundaries do not see them. The platform's own ids (`d_g7h5wc7oxoci`) pass.
 */
export function redactUrl(url: string): string {
  return url.replace(/[^/?&=#]+/g, (part) => {
    let decoded = part;
    try {
      decoded = decodeURIComponent(part);
    } catch {
      // Not valid percent-encoding: judged as written.
    }
    return /\d{6,}/.test(decoded.replace(/[\s.-]/g, '')) || redactLogText(decoded) !== decoded ? '[가림]' : part;
  });
}

/** Fastify's own request serializer (method, url, host, remote address and port), with the URL masked. */
export function serializeRequestForLog(request: { method: string; url: string; host?: string; hostname?: string; ip?: string; socket?: { remotePort?: number } }) {
  return {
    method: request.method, url: redactUrl(request.url), host: request.host ?? request.hostname,
    remoteAddress: request.ip, remotePort: request.socket?.remotePort,
  };
}
