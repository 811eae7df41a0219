/**
 * The k best (score, chunk id) pairs seen so far: a binary min-heap whose root is the worst kept pair. Order is
 * the SQL index's: higher score first, then the lower chunk id.
 */
export class TopK {
  readonly #k: number;
  readonly #scores: number[] = [];
  readonly #ids: number[] = [];

  constructor(k: number) {
    this.#k = Math.max(0, Math.floor(k));
  }

  offer(score: number, id: number): void {
    if (this.#k === 0) return;
    if (this.#scores.length < this.#k) {
      this.#scores.push(score);
      this.#ids.push(id);
      this.#up(this.#scores.length - 1);
    } else if (worse(this.#scores[0]!, this.#ids[0]!, score, id)) {
      this.#scores[0] = score;
      this.#ids[0] = id;
      this.#down(0);
    }
  }

  /**
   * The score a new pair must at least reach to be kept: −∞ until k pairs are kept, then the worst kept score (a
   * pair with exactly that score is kept only if its id is lower, so only a score below this is certainly out).
   */
  threshold(): number {
    return this.#k > 0 && this.#scores.length < this.#k ? Number.NEGATIVE_INFINITY : this.#k === 0 ? Number.POSITIVE_INFINITY : this.#scores[0]!;
  }

  /** Best first. */
  sorted(): { chunkId: number; score: number }[] {
    return this.#ids
      .map((chunkId, index) => ({ chunkId, score: this.#scores[index]! }))
      .sort((left, right) => right.score - left.score || left.chunkId - right.chunkId);
  }

  #up(index: number): void {
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!worse(this.#scores[index]!, this.#ids[index]!, this.#scores[parent]!, this.#ids[parent]!)) return;
      this.#swap(index, parent);
      index = parent;
    }
  }

  #down(index: number): void {
    const size = this.#scores.length;
    for (;;) {
      const left = index * 2 + 1;
      const right = left + 1;
      let worst = index;
      if (left < size && worse(this.#scores[left]!, this.#ids[left]!, this.#scores[worst]!, this.#ids[worst]!)) worst = left;
      if (right < size && worse(this.#scores[right]!, this.#ids[right]!, this.#scores[worst]!, this.#ids[worst]!)) worst = right;
      if (worst === index) return;
      this.#swap(index, worst);
      index = worst;
    }
  }

  #swap(left: number, right: number): void {
    [this.#scores[left], this.#scores[right]] = [this.#scores[right]!, this.#scores[left]!];
    [this.#ids[left], this.#ids[right]] = [this.#ids[right]!, this.#ids[left]!];
  }
}

/** Whether (score a, id a) ranks below (score b, id b). */
function worse(scoreA: number, idA: number, scoreB: number, idB: number): boolean {
  return scoreA < scoreB || (scoreA === scoreB && idA > idB);
}
