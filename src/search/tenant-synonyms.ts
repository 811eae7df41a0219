import { actorOf, authorize, requireTenant, type Principal } from '../auth/index.js';
import { appendAudit } from '../audit/index.js';
import { format, KgovError, languageFromEnv, type Bilingual } from '../core/index.js';
import type { Database, Queryable } from '../store/index.js';
import { analyzedQuerySynonymGroups, normalizeText, querySynonyms, synonymMap, withAnalyzedForms } from './analyzer/index.js';

/**
 * A tenant's own synonym groups, on top of the built-in ones (`analyzer/synonyms.ts`): the abbreviations, project
 * code names and old and new names of its own organisation (`디플정 = 디지털플랫폼정부`, `구 안전행정부 = 행정안전부`).
 *
 * They expand questions only. Documents stay indexed with the built-in groups, so an administrator can change the
 * list at any time without re-indexing anything: a question's word is expanded into the other members' words and
 * their character bigrams, which the index already holds for any document that uses them.
 */
export const synonymLimits = { groups: 2_000, members: 32, length: 64 } as const;

const maxJoined = 2 * synonymLimits.members;

export type TenantSynonyms = { tenantId: string; groups: string[][]; updatedBy: string | null; updatedAt: Date | null };

/**
 * The file format of `kgov synonyms set`: one group per line, members separated by commas (`=` works too);
 * `#` starts a comment; blank lines are skipped. `lines` are the file's line numbers of the groups, for errors.
 */
export function parseSynonymLines(text: string): { groups: string[][]; lines: number[] } {
  const groups: string[][] = [];
  const lines: number[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.replace(/#.*$/, '').trim();
    if (line.length === 0) return;
    groups.push(line.split(/[,=]/));
    lines.push(index + 1);
  });
  return { groups, lines };
}

const problems = {
  notList: { ko: '묶음의 목록이 아닙니다', en: 'not a list of groups' },
  tooMany: { ko: '묶음이 {count}개입니다', en: '{count} groups' },
  notGroup: { ko: '{where}: 단어의 목록이 아닙니다', en: '{where}: not a list of terms' },
  notText: { ko: '{where}: 글자가 아닌 값이 있습니다', en: '{where}: a term is not text' },
  tooLong: { ko: "{where}: '{term}…'이 {max}자를 넘습니다", en: "{where}: '{term}…' is longer than {max} characters" },
  noLetter: { ko: "{where}: '{term}'에 글자나 숫자가 없습니다", en: "{where}: '{term}' has no letter or digit" },
  tooFew: { ko: '{where}: 서로 다른 단어가 둘 이상 있어야 합니다', en: '{where}: a group needs two different terms' },
  tooManyTerms: { ko: '{where}: 단어가 {count}개입니다', en: '{where}: {count} terms' },
} satisfies Record<string, Bilingual>;

function invalid(problem: keyof typeof problems, params: Record<string, unknown> = {}): KgovError {
  return new KgovError('invalid_synonyms', { detail: format(problems[problem][languageFromEnv()], params) }, { param: 'groups' });
}

/**
 * Members as the analyzer compares them: NFKC, lower case, without spaces ("디지털 플랫폼 정부" is matched through
 * its bigrams, which ignore spaces, and as the one word "디지털플랫폼정부"). Duplicates go; a group needs two
 * members left. Anything else is refused whole with `invalid_synonyms`, naming the group (its file line when given).
 */
export function normalizeSynonymGroups(groups: unknown, options: { lines?: readonly number[] } = {}): string[][] {
  if (!Array.isArray(groups)) throw invalid('notList');
  if (groups.length > synonymLimits.groups) throw invalid('tooMany', { count: groups.length });
  return groups.map((group: unknown, index) => {
    const line = options.lines?.[index];
    const where = line === undefined ? `#${index + 1}` : languageFromEnv() === 'ko' ? `${line}행` : `line ${line}`;
    if (!Array.isArray(group)) throw invalid('notGroup', { where });
    const members: string[] = [];
    for (const member of group as unknown[]) {
      if (typeof member !== 'string') throw invalid('notText', { where });
      const term = normalizeText(member).replace(/\s+/g, '');
      if (term.length === 0) continue;
      if (term.length > synonymLimits.length) throw invalid('tooLong', { where, term: term.slice(0, 20), max: synonymLimits.length });
      if (!/[\p{L}\p{N}]/u.test(term)) throw invalid('noLetter', { where, term });
      if (!members.includes(term)) members.push(term);
    }
    if (members.length < 2) throw invalid('tooFew', { where });
    if (members.length > synonymLimits.members) throw invalid('tooManyTerms', { where, count: members.length });
    return members;
  });
}

/**
 * The lookup a question is analysed with: the built-in groups and the tenant's. Groups that share a member become
 * one ("행안부, 안행부" joins the built-in 행안부 = 행정안전부), as a reader of the list would expect.
 */
export function tenantSynonymMap(groups: readonly (readonly string[])[]): ReadonlyMap<string, readonly string[]> {
  if (groups.length === 0) return querySynonyms;
  // Each member's group; a group that meets an earlier one takes in its members (2,000 groups: linear, not squared).
  // A join that would pass `maxJoined` members is not made: a chain of lists must not make every word a synonym of
  // every other (and the lookup is quadratic in a group's size).
  const owner = new Map<string, Set<string>>();
  for (const group of [...analyzedQuerySynonymGroups, ...groups.map(withAnalyzedForms)]) {
    const joined = new Set(group);
    for (const member of group) for (const other of owner.get(member) ?? []) joined.add(other);
    const own = joined.size <= maxJoined ? joined : new Set(group);
    for (const member of own) owner.set(member, own);
  }
  return synonymMap([...new Set(owner.values())].map((group) => [...group]));
}

/** The tenant's groups, for its administrators (they may name internal projects, so readers do not list them). */
export async function getTenantSynonyms(database: Queryable, principal: Principal, tenantId: string): Promise<TenantSynonyms> {
  authorize(principal, 'search.manage', { tenantId });
  await requireTenant(database, tenantId);
  const [row] = await database.query<{ groups: string[][]; updated_by: string; updated_at: Date }>(
    'SELECT groups, updated_by, updated_at FROM tenant_synonyms WHERE tenant_id = $1', [tenantId]);
  return { tenantId, groups: row?.groups ?? [], updatedBy: row?.updated_by ?? null, updatedAt: row?.updated_at ?? null };
}

/** Replaces the tenant's groups (an empty list clears them), audited with the counts before and after. */
export async function setTenantSynonyms(
  database: Database, principal: Principal, input: { tenantId: string; groups: unknown; lines?: readonly number[] },
): Promise<TenantSynonyms> {
  authorize(principal, 'search.manage', { tenantId: input.tenantId });
  const groups = normalizeSynonymGroups(input.groups, { lines: input.lines });
  const actor = actorOf(principal);
  await database.transaction(async (tx) => {
    await requireTenant(tx, input.tenantId);
    const [before] = await tx.query<{ groups: string[][] }>('SELECT groups FROM tenant_synonyms WHERE tenant_id = $1 FOR UPDATE', [input.tenantId]);
    await tx.query(
      `INSERT INTO tenant_synonyms (tenant_id, groups, updated_by, updated_at) VALUES ($1, $2::jsonb, $3, now())
       ON CONFLICT (tenant_id) DO UPDATE SET groups = EXCLUDED.groups, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at`,
      [input.tenantId, JSON.stringify(groups), actor],
    );
    await appendAudit(tx, {
      tenantId: input.tenantId, actor, action: 'synonyms.changed', target: `tenant:${input.tenantId}`,
      detail: { groupsBefore: before?.groups.length ?? 0, groupsAfter: groups.length },
    });
  });
  forgetSynonyms(database, input.tenantId);
  return getTenantSynonyms(database, principal, input.tenantId);
}

/**
 * How long a process keeps a tenant's lookup before reading the row again. A change made through this process
 * applies at once; one made by another process (`kgov synonyms set` beside a running server) within this time.
 * Synonyms change rankings, never who may read what, so a short delay is safe.
 */
export const synonymCacheMs = 30_000;

type CachedSynonyms = { map: ReadonlyMap<string, readonly string[]>; updatedAt: string | null; until: number };

const cache = new WeakMap<object, Map<string, CachedSynonyms>>();

function forgetSynonyms(database: object, tenantId: string): void {
  cache.get(database)?.delete(tenantId);
}

/**
 * The lookup to analyse a question of this tenant with (built-in groups only when it has none). Every
 * `synonymCacheMs` the row's change time is read again; the groups travel, and the lookup is built again (~0.1 s for
 * 2,000 groups), only when they changed.
 */
export async function synonymsForSearch(database: Queryable, tenantId: string): Promise<ReadonlyMap<string, readonly string[]>> {
  let entries = cache.get(database);
  if (!entries) cache.set(database, (entries = new Map()));
  const entry = entries.get(tenantId);
  const now = Date.now();
  if (entry && entry.until > now) return entry.map;
  const [row] = await database.query<{ groups: string[][] | null; updated_at: string }>(
    'SELECT CASE WHEN updated_at::text = $2 THEN NULL ELSE groups END AS groups, updated_at::text AS updated_at FROM tenant_synonyms WHERE tenant_id = $1',
    [tenantId, entry?.updatedAt ?? null], { prepare: 'kgov_tenant_synonyms' });
  const unchanged = entry !== undefined && (row ? row.groups === null : entry.updatedAt === null);
  const map = unchanged ? entry.map : tenantSynonymMap(row?.groups ?? []);
  entries.set(tenantId, { map, updatedAt: row?.updated_at ?? null, until: now + synonymCacheMs });
  return map;
}
