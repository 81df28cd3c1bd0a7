/** Small promise tools: a promise settled from outside, and a deadline on a promise. */

export interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(err: unknown): void;
}

/**
 * A promise with its resolve/reject handed out, for a value that another event will bring (a channel's
 * StasisStart, a row's id). Its rejection is marked handled: a rejection nobody awaits is not a crash.
 */
export function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (err: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}

/**
 * `p`, or a rejection with `new Error(message)` when it has not settled within `ms` milliseconds. `p` itself
 * goes on (nothing is cancelled); the timer is cleared as soon as `p` settles.
 */
export function withTimeout<T>(p: Promise<T>, ms: number, message: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(message)), ms);
    p.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (err: unknown) => {
        clearTimeout(timer);
        reject(err);
      },
    );
  });
}
