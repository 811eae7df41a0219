import type {} from '@fastify/cookie';
import type { FastifyRequest } from 'fastify';
import { authenticateApiKey, authenticateSession, type Principal } from '../auth/index.js';
import { KgovError } from '../core/index.js';
import type { Database } from '../store/index.js';

export const sessionCookie = 'kgov_session';

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
}

/**
 * Resolves the caller: an API key (`Authorization: Bearer`, as OpenAI clients send it, or
 * `x-api-key`) or a console session cookie. Fails closed: no credential, no principal.
 */
export async function resolvePrincipal(request: FastifyRequest, database: Database, surface: 'v1' | 'api'): Promise<Principal> {
  const authorization = request.headers.authorization;
  const headerKey = request.headers['x-api-key'];
  let presented: string | undefined;
  if (typeof authorization === 'string' && authorization.length > 0) {
    const match = /^Bearer\s+(.+)$/i.exec(authorization);
    if (!match) throw new KgovError('malformed_api_key');
    presented = match[1];
  } else if (typeof headerKey === 'string' && headerKey.length > 0) {
    presented = headerKey;
  }
  if (presented !== undefined) return authenticateApiKey(database, presented);
  const token = request.cookies?.[sessionCookie];
  if (token) return authenticateSession(database, token);
  throw new KgovError(surface === 'v1' ? 'missing_api_key' : 'session_required');
}

/**
 * An onRequest hook that requires a principal; routes read it as `request.principal`. It runs before the body is read
 * and validated, so a caller without a credential learns nothing about a route's request schema (401 first).
 */
export function requirePrincipal(database: Database, surface: 'v1' | 'api') {
  return async function requirePrincipalHook(request: FastifyRequest): Promise<void> {
    request.principal = await resolvePrincipal(request, database, surface);
  };
}

export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new KgovError('session_required');
  return request.principal;
}
