/** A logger that writes one line per burst of the same trouble instead of one per request. */
export interface BurstLog {
  /**
   * Logs `msg` at `level` under `kind` unless the same kind was seen less than `quietMs` ago; the first line of
   * the next burst says how many were left out (`repeated`). For outages and floods of bad requests.
   */
  (kind: string, level: 'error' | 'warn', obj: object, msg: string): void;
}

interface Burst {
  lastAt: number;
  repeated: number;
}

type Log = Record<'error' | 'warn', (obj: object, msg: string) => void>;

const perLog = new WeakMap<object, BurstLog>();

/** The burst log of `log` (one per logger, so every door of one server shares it); quiet after `quietMs` (60 s). */
export function burstLogOf(log: Log, quietMs = 60_000): BurstLog {
  const existing = perLog.get(log);
  if (existing) return existing;
  const bursts = new Map<string, Burst>();
  const write: BurstLog = (kind, level, obj, msg) => {
    const now = Date.now();
    const burst = bursts.get(kind);
    if (burst && now - burst.lastAt < quietMs) {
      burst.lastAt = now;
      burst.repeated++;
      return;
    }
    bursts.set(kind, { lastAt: now, repeated: 0 });
    log[level]({ ...obj, ...(burst?.repeated ? { repeatedBefore: burst.repeated } : {}) }, msg);
  };
  perLog.set(log, write);
  return write;
}
