import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
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

export function toKgovError(error: unknown): KgovError {
  if (error instanceof KgovError) return error;
  const fastifyError = error as FastifyError;
  if (hasZodFastifySchemaValidationErrors(fastifyError)) {
    const issues = fastifyError.validation;
    const detail = issues
      .map((issue) => {
        const path = [fastifyError.validationContext, ...String(issue.instancePath).split('/').filter(Boolean)].join('.');
        return `${path}: ${issue.message}`;
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
      return new KgovError('invalid_request', { detail: 'JSON 본문을 해석할 수 없습니다 / the body is not valid JSON' }, { cause: error });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new KgovError('invalid_request', { detail: `Content-Type ${String(fastifyError.message).split(': ').at(-1)}` }, { cause: error });
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
  const kgovError = toKgovError(error);
  if (kgovError.code === 'internal_error') {
    request.log.error({ err: error }, 'unhandled error');
  } else if (kgovError.httpStatus >= 500) {
    request.log.error({ err: kgovError, code: kgovError.code }, 'server error');
  }
  if (kgovError.code === 'rate_limited' && typeof kgovError.params.retryAfterSeconds === 'number') {
    void reply.header('retry-after', String(kgovError.params.retryAfterSeconds));
  }
  return reply.status(kgovError.httpStatus).send(errorBody(kgovError, requestLanguage(request, fallback), request.id));
}
