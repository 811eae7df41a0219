import { z } from 'zod';
import type { GuardVerdict } from '../guard-types.js';
import { judgeCategories, type JudgeCategory } from './judge-prompt.js';

export type JudgeVerdict = { verdict: GuardVerdict; categories: JudgeCategory[] };

/** The one shape a judge may answer in. Strict: an extra field or an unknown category is a broken reply. */
const judgeReplySchema = z.strictObject({
  verdict: z.enum(['allow', 'caution', 'block']),
  categories: z.array(z.enum(judgeCategories)).max(judgeCategories.length),
  reason: z.string().max(2_000),
});

// A verdict is ~100 characters; a reply many times that is not one, and is not worth parsing.
const maxReplyCharacters = 4_000;
// The one wrapper instruction-tuned models add even when told not to: a Markdown code fence around the object.
const fenced = /^```(?:json)?\s*\n([\s\S]*?)\n?```$/;

/**
 * Reads a judge's reply, or throws: text around the object, a missing or extra field, an unknown verdict or
 * category, or a flag without a category is a broken judge, and the chain fails closed on it. The `reason` is
 * checked for shape and then dropped: it may quote the text, so it never reaches a result or the audit log.
 */
export function parseJudgeReply(reply: string): JudgeVerdict {
  if (reply.length > maxReplyCharacters) throw new Error('judge reply too long');
  let body = reply.trim();
  const inFence = fenced.exec(body);
  if (inFence) body = inFence[1]!.trim();
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    throw new Error('judge reply is not JSON');
  }
  const parsed = judgeReplySchema.safeParse(value);
  if (!parsed.success) throw new Error('judge reply does not match the verdict schema');
  const { verdict, categories } = parsed.data;
  if (verdict === 'allow') return { verdict, categories: [] };
  if (categories.length === 0) throw new Error('judge flagged without a category');
  return { verdict, categories: [...new Set(categories)] };
}
