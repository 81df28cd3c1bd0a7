import crypto from 'node:crypto';
import type { PresenceTracker } from '../../deps.js';
import { toDbTime, type Db, type Queryable } from '../../db/knex.js';
import type { Presence } from '../../api-types.js';
import type { Logger } from '../../logger.js';
import type { Realtime } from '../../realtime/realtime.js';
import { emitPresenceChanged } from './presence.events.js';

export type ChosenPresence = Exclude<Presence, 'offline'>;
export const CHOSEN_PRESENCES = ['available', 'away', 'dnd'] as const satisfies readonly ChosenPresence[];

/** How often an instance tells the database who is online on it, and how long that word lasts (ms). */
export const PRESENCE_HEARTBEAT_MS = 15_000;
export const PRESENCE_ONLINE_TTL_MS = 45_000;

/** What colleagues see of a user who chose `chosen` (users.presence): it, or `offline` when no tab is open anywhere. */
export function effectivePresence(chosen: string, online: boolean): Presence {
  if (!online) return 'offline';
  return (CHOSEN_PRESENCES as readonly string[]).includes(chosen) ? (chosen as Presence) : 'available';
}

/**
 * Presence like a messenger's: what the user chose (available / away / dnd), turned "offline" automatically
 * when no tab of theirs has been open for a grace period (a reload is not "offline"), and "busy" while they
 * are on a call. Call routing (telephony/routing/routing-plan.ts) reads `effectiveOf` and `isOnCall` before ringing anyone. Changes go live to the user's department
 * and the directors. Who is online here is also kept in `presence_online` (a row per user and instance, pushed forward
 * every PRESENCE_HEARTBEAT_MS, expiring after PRESENCE_ONLINE_TTL_MS), so decisions that must agree across instances
 * (distribution, instant callback) ask `onlineAnywhere`.
 */
export class PresenceService implements PresenceTracker {
  /** Users counted online: a tab is open, or the last one closed less than the grace period ago. */
  private online = new Set<number>();
  private onCall = new Set<number>();
  private graceTimers = new Map<number, NodeJS.Timeout>();
  /** This process's name in presence_online. */
  readonly instance = crypto.randomUUID();
  private heartbeat: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Db,
    private readonly realtime: Realtime,
    private readonly graceMs: number,
    private readonly log: Logger,
  ) {}

  start(): void {
    this.realtime.onConnection({
      connected: (user) => {
        this.cancelGrace(user.id);
        if (this.online.has(user.id)) return;
        this.online.add(user.id);
        void this.share([user.id]);
        void this.announce(user.id);
      },
      disconnected: (user, openSockets) => {
        if (openSockets > 0) return;
        this.cancelGrace(user.id);
        const timer = setTimeout(() => {
          this.graceTimers.delete(user.id);
          if (this.realtime.isOnline(user.id) || !this.online.delete(user.id)) return;
          void this.unshare(user.id);
          void this.announce(user.id);
        }, this.graceMs);
        timer.unref();
        this.graceTimers.set(user.id, timer);
      },
    });
    this.heartbeat = setInterval(() => void this.share([...this.online]), PRESENCE_HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  /** Tells the database these users are online here until PRESENCE_ONLINE_TTL_MS from now. */
  private async share(userIds: number[]): Promise<void> {
    if (userIds.length === 0) return;
    const expires_at = toDbTime(new Date(Date.now() + PRESENCE_ONLINE_TTL_MS));
    try {
      await this.db('presence_online')
        .insert(userIds.map((user_id) => ({ user_id, instance: this.instance, expires_at })))
        .onConflict(['user_id', 'instance'])
        .merge(['expires_at']);
    } catch (err) {
      this.log.warn({ err }, 'presence not shared');
    }
  }

  private async unshare(userId: number): Promise<void> {
    try {
      await this.db('presence_online').where({ user_id: userId, instance: this.instance }).delete();
    } catch (err) {
      this.log.warn({ err, userId }, 'presence not unshared');
    }
  }

  /**
   * Of `userIds`, those online on this instance or, by presence_online rows not yet expired, on another one. Asks `db`
   * (the caller's transaction, or the database) only about those not online here.
   */
  async onlineAnywhere(db: Queryable, userIds: number[]): Promise<Set<number>> {
    const here = new Set(userIds.filter((id) => this.isOnline(id)));
    const elsewhere = userIds.filter((id) => !here.has(id));
    if (elsewhere.length === 0) return here;
    const rows = await db('presence_online').whereIn('user_id', elsewhere).where('expires_at', '>', toDbTime()).distinct().pluck('user_id');
    for (const id of rows) here.add(Number(id));
    return here;
  }

  private cancelGrace(userId: number): void {
    const timer = this.graceTimers.get(userId);
    if (timer) clearTimeout(timer);
    this.graceTimers.delete(userId);
  }

  /** True while a tab is open, or closed less than the grace period ago. */
  isOnline(userId: number): boolean {
    return this.online.has(userId) || this.realtime.isOnline(userId);
  }

  /** Telephony marks agents busy for the length of a call; colleagues see it live. */
  setOnCall(userId: number, onCall: boolean): void {
    if (onCall === this.onCall.has(userId)) return;
    if (onCall) this.onCall.add(userId);
    else this.onCall.delete(userId);
    void this.announce(userId);
  }

  isOnCall(userId: number): boolean {
    return this.onCall.has(userId);
  }

  /** What everyone else sees, given the presence the user chose (stored in users.presence). */
  effectiveOf(userId: number, chosen: string): Presence {
    return effectivePresence(chosen, this.isOnline(userId));
  }

  /** Sends the user's current presence to their department's colleagues, the directors and themselves. */
  async announce(userId: number): Promise<void> {
    try {
      const user = await this.db('users').where('id', userId).first('id', 'presence', 'department_id');
      if (!user) return;
      emitPresenceChanged(this.realtime, user.department_id === null ? null : Number(user.department_id), {
        userId,
        presence: this.effectiveOf(userId, String(user.presence)),
        online: this.isOnline(userId),
        onCall: this.isOnCall(userId),
      });
    } catch (err) {
      this.log.warn({ err, userId }, 'presence announcement failed');
    }
  }

  /** Stops the timers and takes this instance's word back (its users are online here no longer). */
  async stop(): Promise<void> {
    if (this.heartbeat) clearInterval(this.heartbeat);
    for (const t of this.graceTimers.values()) clearTimeout(t);
    this.graceTimers.clear();
    try {
      await this.db('presence_online').where('instance', this.instance).delete();
    } catch (err) {
      this.log.warn({ err }, 'presence not withdrawn');
    }
  }
}
