import type { FastifyRequest } from 'fastify';
import type { AuditWriter } from '../audit/index.js';
import { actorOf, type Principal } from '../auth/index.js';

/**
 * Records a signed-in caller's refused attempt (`access.denied`): the route, the code the caller got and why, never
 * the request's body. Written behind the answer; a failure to write is logged (the refusal stands either way).
 */
export function auditDenial(audit: AuditWriter, request: FastifyRequest, principal: Principal, denial: { code: string; reason: string }): void {
  void audit.append({
    tenantId: 'tenantId' in principal ? principal.tenantId : null, actor: actorOf(principal), action: 'access.denied',
    target: `${request.method} ${request.routeOptions.url ?? request.url.split('?')[0]}`, outcome: 'denied', detail: denial,
  }).catch((error: unknown) => request.log.error({ err: error }, 'denial audit failed'));
}
