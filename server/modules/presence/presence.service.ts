import type { PresenceTracker } from '../../deps.js';
import type { Db } from '../../db/knex.js';
import type { Presence } from '../../api-types.js';
import type { Logger } from '../../logger.js';
import type { Realtime } from '../../realtime/realtime.js';
import { emitPresenceChanged } from './presence.events.js';

export type ChosenPresence = Exclude<Presence, 'offline'>;
export const CHOSEN_PRESENCES = ['available', 'away', 'dnd'] as const satisfies readonly ChosenPresence[];

/**
 * Presence like a messenger's: what the user chose (available / away / dnd), turned "offline" automatically
 * when no tab of theirs has been open for a grace period (a reload is not "offline"), and "busy" while they
 * are on a call. Call routing (telephony/routing/routing-plan.ts) reads `effectiveOf` and `isOnCall` before ringing anyone. Changes go live to the user's department
 * and the directors.
 */
export class PresenceService implements PresenceTracker {
  /** Users counted online: a tab is open, or the last one closed less than the grace period ago. */
  private online = new Set<number>();
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
        this.cancelGrace(user.id);
        if (this.online.has(user.id)) return;
        this.online.add(user.id);
        void this.announce(user.id);
      },
      disconnected: (user, openSockets) => {
        if (openSockets > 0) return;
        this.cancelGrace(user.id);
        const timer = setTimeout(() => {
          this.graceTimers.delete(user.id);
          if (this.realtime.isOnline(user.id) || !this.online.delete(user.id)) return;
          void this.announce(user.id);
        }, this.graceMs);
        timer.unref();
        this.graceTimers.set(user.id, timer);
      },
    });
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
    if (!this.isOnline(userId)) return 'offline';
    return (CHOSEN_PRESENCES as readonly string[]).includes(chosen) ? (chosen as Presence) : 'available';
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

  stop(): void {
    for (const t of this.graceTimers.values()) clearTimeout(t);
    this.graceTimers.clear();
  }
}
