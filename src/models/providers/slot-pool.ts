/**
 * A fixed set of slots handed out first come, first served. The embedded model has one context with
 * N sequences; a request holds one sequence from its first prompt token to its last answer token, and
 * the rest wait here in order. A waiter gives up when its signal aborts (the caller left) or after
 * `timeoutMs`, and is then simply removed from the line.
 */
export class SlotWaitError extends Error {
  constructor(readonly reason: 'aborted' | 'timeout') {
    super(`no free slot: ${reason}`);
    this.name = 'SlotWaitError';
  }
}

export class SlotPool<T> {
  private readonly free: T[];
  private readonly waiters: { resolve: (slot: T) => void; reject: (error: SlotWaitError) => void }[] = [];

  constructor(slots: readonly T[]) {
    this.free = [...slots];
  }

  get waiting(): number {
    return this.waiters.length;
  }

  acquire(signal: AbortSignal, timeoutMs: number): Promise<T> {
    if (signal.aborted) return Promise.reject(new SlotWaitError('aborted'));
    const slot = this.free.shift();
    if (slot !== undefined) return Promise.resolve(slot);
    return new Promise<T>((resolve, reject) => {
      const waiter = {
        resolve: (slot: T) => {
          settle();
          resolve(slot);
        },
        reject: (error: SlotWaitError) => {
          settle();
          reject(error);
        },
      };
      const onAbort = () => this.leave(waiter, 'aborted');
      const timer = setTimeout(() => this.leave(waiter, 'timeout'), timeoutMs);
      const settle = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.waiters.push(waiter);
    });
  }

  release(slot: T): void {
    const next = this.waiters.shift();
    if (next) next.resolve(slot);
    else this.free.push(slot);
  }

  private leave(waiter: (typeof this.waiters)[number], reason: SlotWaitError['reason']): void {
    const index = this.waiters.indexOf(waiter);
    if (index >= 0) this.waiters.splice(index, 1);
    waiter.reject(new SlotWaitError(reason));
  }
}
