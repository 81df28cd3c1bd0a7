import type { Db } from '../../db/knex.js';
import type { Presence } from '../../api-types.js';
import type { Logger } from '../../logger.js';
import type { Realtime } from '../../realtime/realtime.js';

/**
 * Presence like a messenger's: what the user chose (available / away / dnd), turned "offline" automatically
 * when no tab of theirs has been open for a grace period, and "busy" while they are on a call. Telephony asks
 * `reachable()` before ringing anyone.
 */
export class PresenceService {
  /** userId → when their last tab closed; absent while a tab is open or before they ever connected. */
  private lastSeenOffline = new Map<number, number>();
  private everOnline = new Set<number>();
  private onCall = new Set<number>();
  private graceTimers = new Map<number, NodeJS.Timeout>();

  constructor(
    private readonly db: Db,
    private readonly realtime: Realtime,
    private readonly graceMs: number,
    private readonly log: Logger,
  ) {}

  start(): void {
    this.realtime.onConnection({
      connected: (user) => {
        const wasOffline = !this.isOnline(user.id, Date.now() - 1) || !this.everOnline.has(user.id);
        this.everOnline.add(user.id);
        this.lastSeenOffline.delete(user.id);
        clearTimeout(this.graceTimers.get(user.id));
        this.graceTimers.delete(user.id);
        if (wasOffline) void this.announce(user.id);
      },
      disconnected: (user, openSockets) => {
        if (openSockets > 0) return;
        this.lastSeenOffline.set(user.id, Date.now());
        clearTimeout(this.graceTimers.get(user.id));
        const timer = setTimeout(() => void this.announce(user.id), this.graceMs + 10);
        timer.unref();
        this.graceTimers.set(user.id, timer);
      },
    });
  }

  /** True while a tab is open, or closed less than the grace period ago (a reload is not "offline"). */
  isOnline(userId: number, now = Date.now()): boolean {
    if (this.realtime.isOnline(userId)) return true;
    const since = this.lastSeenOffline.get(userId);
    return since !== undefined && now - since < this.graceMs;
  }

  setOnCall(userId: number, onCall: boolean): void {
    if (onCall) this.onCall.add(userId);
    else this.onCall.delete(userId);
  }

  isOnCall(userId: number): boolean {
    return this.onCall.has(userId);
  }

  /** The presence everyone else sees. */
  async effective(userId: number, chosen?: Presence): Promise<Presence> {
    if (!this.isOnline(userId)) return 'offline';
    if (chosen) return chosen;
    const row = await this.db('users').where('id', userId).first('presence');
    return (row?.presence as Presence | undefined) ?? 'offline';
  }

  /** Whether a phone should ring for this user now: chose "available", has a tab open, not on another call. */
  async reachable(userId: number): Promise<boolean> {
    if (this.isOnCall(userId)) return false;
    return (await this.effective(userId)) === 'available';
  }

  async announce(userId: number): Promise<void> {
    try {
      const user = await this.db('users').where('id', userId).first('id', 'presence', 'department_id');
      if (!user) return;
      const online = this.isOnline(userId);
      const presence: Presence = online ? (user.presence as Presence) : 'offline';
      this.realtime.toEveryone().emit('presence:changed', { userId, presence, online });
    } catch (err) {
      this.log.warn({ err, userId }, 'presence announcement failed');
    }
  }

  stop(): void {
    for (const t of this.graceTimers.values()) clearTimeout(t);
    this.graceTimers.clear();
  }
}
