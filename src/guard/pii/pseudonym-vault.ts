import { piiLabels } from './pii-labels.js';
import type { PiiType } from './pii-types.js';

/**
 * Consistent pseudonyms for one conversation: the same value always gets the same token (`[성명_1]`), so a model
 * can still tell two people apart, and `restore` puts the originals back into its answer — for internal users
 * only, which the caller decides. One vault per conversation; it holds personal data, so it is never logged.
 */
const maxTokenLength = 29;

export class PseudonymVault {
  readonly #byOriginal = new Map<string, string>();
  readonly #byPseudonym = new Map<string, string>();
  readonly #countByType = new Map<PiiType, number>();

  pseudonymFor(type: PiiType, original: string): string {
    const key = `${type}\u0000${original}`;
    const existing = this.#byOriginal.get(key);
    if (existing) return existing;
    const number = (this.#countByType.get(type) ?? 0) + 1;
    this.#countByType.set(type, number);
    const pseudonym = `[${piiLabels[type]}_${number}]`;
    this.#byOriginal.set(key, pseudonym);
    this.#byPseudonym.set(pseudonym, original);
    return pseudonym;
  }

  /** Replaces every pseudonym this vault issued with its original value. */
  restore(text: string): string {
    if (this.#byPseudonym.size === 0) return text;
    return text.replace(/\[[^\[\]\s]{1,20}_\d{1,6}\]/g, (token) => this.#byPseudonym.get(token) ?? token);
  }

  /**
   * `restore` for a stream: text arrives in pieces, and a token may be cut between two ("[성" | "명_1]"). Each push
   * returns what can be shown now, restored, holding back a trailing "[" that may still become a token; `end` returns
   * the rest.
   */
  streamRestorer(): { push(text: string): string; end(): string } {
    let held = '';
    return {
      push: (text) => {
        const all = held + text;
        const open = all.lastIndexOf('[');
        // A token is at most 1 + 20 + 1 + 6 + 1 characters; an open bracket further back, or closed, is no token start.
        const cut = open !== -1 && all.indexOf(']', open) === -1 && all.length - open <= maxTokenLength ? open : all.length;
        held = all.slice(cut);
        return this.restore(all.slice(0, cut));
      },
      end: () => {
        const rest = held;
        held = '';
        return this.restore(rest);
      },
    };
  }

  get size(): number {
    return this.#byPseudonym.size;
  }
}
