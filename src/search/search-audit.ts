import type { AuditEvent } from '../audit/index.js';
import { actorOf, type Principal } from '../auth/index.js';
import type { SearchHit } from './search-chunks.js';

/**
 * The access record of a search (`search.performed`): who read which documents, and when. The documents' ids and
 * counts, never the query or the text. Written for every search surface: HTTP and the command line alike.
 */
export function searchAudit(principal: Principal, tenantId: string, hits: readonly SearchHit[], queryLength: number): AuditEvent {
  return {
    tenantId, actor: actorOf(principal), action: 'search.performed', target: `tenant:${tenantId}`,
    detail: { hits: hits.length, documents: [...new Set(hits.map((hit) => hit.documentId))], queryLength },
  };
}
