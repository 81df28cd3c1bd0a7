import { HangupCause } from '../ari/ari-types.js';

export interface Deferred<T> {
  promise: Promise<T>;
  resolve(v: T): void;
  reject(err: unknown): void;
}

export function deferred<T>(): Deferred<T> {
  let resolve!: (v: T) => void;
  let reject!: (err: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  promise.catch(() => undefined); // a rejection nobody awaits is not a crash
  return { promise, resolve, reject };
}

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

/** What a leg that never came up tells us, judged by ChannelDestroyed.cause (never by the soft hang-up flag). */
export function legResult(cause: number): string {
  switch (cause) {
    case HangupCause.NoAnswer:
      return 'no_answer';
    case HangupCause.UserBusy:
      return 'busy';
    case HangupCause.NoUserResponding:
      return 'no_response';
    case HangupCause.CallRejected:
      return 'declined';
    default:
      return 'unreachable'; // 16 before Up: indistinguishable from a phone that is gone
  }
}
