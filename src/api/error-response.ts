import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { KgovError, languageFromAcceptHeader, type Language } from '../core/index.js';

/**
 * The one place where errors become HTTP. Every route, on /v1 and /api alike, answers errors in
 * OpenAI's shape `{error:{message,type,code,param}}` (plus our request id), so clients parse one
 * shape. Unknown errors are logged whole and answered as `internal_error`: their messages may
 * hold internals and never reach the client.
 */
export type ErrorBody = {
  error: { message: string; type: string; code: string; param: string | null; request_id: string };
};

export function requestLanguage(request: FastifyRequest, fallback: Language): Language {
  return languageFromAcceptHeader(request.headers['accept-language'], fallback);
}

const locales = { ko: z.locales.ko(), en: z.locales.en() };

/**
 * A validation issue's message in the caller's language. The process-wide zod locale follows the server's language
 * (`KGOV_LANG`), so a request that asks for English re-words the issue from its code and parameters with zod's own
 * English locale; the message zod wrote is kept when the locale has nothing to say.
 */
function issueMessage(issue: { keyword: string; instancePath: string; message?: string; params: Record<string, unknown> }, language: Language): string {
  const raw = { ...issue.params, code: issue.keyword, path: issue.instancePath.split('/').filter(Boolean) } as unknown as Parameters<ReturnType<typeof z.locales.en>['localeError']>[0];
  // The issue carries the expected type but not the value received (zod leaves `input` out): the locale would say
  // "received undefined" whatever was sent, so the type expected is all that is said.
  if (issue.keyword === 'invalid_type' && !('input' in issue.params) && typeof issue.params.expected === 'string') {
    return language === 'en' ? `Invalid input: expected ${issue.params.expected}` : `잘못된 입력: 예상 타입은 ${issue.params.expected}입니다`;
  }
  let text: string | undefined;
  try {
    const worded = locales[language].localeError(raw);
    text = typeof worded === 'string' ? worded : worded?.message;
  } catch {
    // An issue shape the locale does not expect: keep zod's own message.
  }
  text ??= issue.message ?? issue.keyword;
  return language === 'ko' ? koreanSubjects(text) : text;
}

// zod's Korean locale puts the English type name before a Korean particle ("number이 너무 작습니다", "array이 너무
// 큽니다") and runs alternatives together ('"a"또는 "b"'): said as a Korean reader expects.
const koreanTypeNames: Record<string, string> = { number: '값이', bigint: '값이', int: '값이', string: '글자 수가', array: '항목 수가', set: '항목 수가', file: '파일 크기가', date: '날짜가' };
function koreanSubjects(text: string): string {
  return text
    .replace(/^(number|bigint|int|string|array|set|file|date)이 /, (_whole, type: string) => `${koreanTypeNames[type]} `)
    .replace(/"또는 "/g, '" 또는 "');
}

export function toKgovError(error: unknown, language: Language = 'ko', contentType?: string): KgovError {
  if (error instanceof KgovError) return error;
  const fastifyError = error as FastifyError;
  if (hasZodFastifySchemaValidationErrors(fastifyError)) {
    const issues = fastifyError.validation;
    const detail = issues
      .map((issue) => {
        const path = [fastifyError.validationContext, ...String(issue.instancePath).split('/').filter(Boolean)].join('.');
        return `${path}: ${issueMessage(issue as never, language)}`;
      })
      .join('; ');
    const first = issues[0]?.instancePath.split('/').filter(Boolean).join('.');
    return new KgovError('validation_failed', { detail }, { cause: error, ...(first ? { param: first } : {}) });
  }
  switch (fastifyError.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new KgovError('payload_too_large', {}, { cause: error });
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new KgovError('invalid_request', { detail: language === 'en' ? 'the body is not valid JSON' : 'JSON 본문을 해석할 수 없습니다' }, { cause: error });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      // The type the request named (Fastify's message names it only sometimes), its parameters left off.
      return new KgovError('unsupported_media_type', { type: contentType?.split(';')[0]?.trim() || '(none)' }, { cause: error });
  }
  if (typeof fastifyError.statusCode === 'number' && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    return new KgovError('invalid_request', { detail: fastifyError.code ?? 'bad request' }, { cause: error });
  }
  return new KgovError('internal_error', {}, { cause: error });
}

export function errorBody(error: KgovError, language: Language, requestId: string): ErrorBody {
  return {
    error: {
      message: error.localizedMessage(language),
      type: error.type,
      code: error.code,
      param: error.param ?? null,
      request_id: requestId,
    },
  };
}

export function sendError(request: FastifyRequest, reply: FastifyReply, error: unknown, fallback: Language): FastifyReply {
  const language = requestLanguage(request, fallback);
  const kgovError = toKgovError(error, language, request.headers['content-type']);
  if (kgovError.code === 'internal_error') {
    request.log.error({ err: error }, 'unhandled error');
  } else if (kgovError.httpStatus >= 500) {
    request.log.error({ err: kgovError, code: kgovError.code }, 'server error');
  } else if (kgovError.code === 'upstream_rejected') {
    // The upstream's own words stay here (they may name internal hosts); the caller gets its error code.
    request.log.warn({ err: kgovError, code: kgovError.code }, 'model server rejected the request');
  }
  // A limit's window (rate_limited) or an open circuit (upstream_unavailable): when to come back.
  if (typeof kgovError.params.retryAfterSeconds === 'number') {
    void reply.header('retry-after', String(kgovError.params.retryAfterSeconds));
  }
  return reply.status(kgovError.httpStatus).send(errorBody(kgovError, language, request.id));
}
