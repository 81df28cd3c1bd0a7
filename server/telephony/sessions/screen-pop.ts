import type { CallDisposition, LegEndReason } from '../../api-types.js';
import type { Deps } from '../../deps.js';
import { deferred } from '../../lib/async.js';
import { rowToSessionUser } from '../../http/sessions.js';
import type { CallerCard } from '../../modules/calls/caller-card.js';
import { emitCallAnswered, emitCallEnded, emitCallLegEnded, emitCallRinging } from '../../modules/calls/calls.events.js';
import type { StaffRow } from '../routing/staff-row.js';
import type { CallScope } from './call-scope.js';

/**
 * The screen pop of one inbound call: its card (prepared once the call row exists, after the first dial), shown
 * to each user whose phone rings, and the users it was shown to, who then hear who answered and how the call
 * ended. The events themselves go out from calls.events.ts.
 */
export class ScreenPop {
  private readonly card = deferred<CallerCard | null>();
  private readonly shownTo = new Set<number>();

  constructor(private readonly scope: CallScope) {}

  private get deps(): Deps {
    return this.scope.ctx.deps;
  }

  /** The card is on its way; a card that cannot be made (logged) leaves the phones ringing without a pop. */
  prepare(card: Promise<CallerCard>): void {
    card.then(this.card.resolve, (err: unknown) => {
      this.scope.log.warn({ err }, 'screen pop could not be prepared');
      this.card.resolve(null);
    });
  }

  /**
   * `user`'s phone rings: their tabs get the card once per call, as soon as it is ready, unless their phone stopped
   * ringing meanwhile (`stillRinging`: their own leg, not only the call — never "Incoming call" for a leg that ended). `ringingUserIds` is asked at that moment: everyone whose phone rings now.
   */
  async ringing(user: StaffRow, ringingUserIds: () => number[], stillRinging: () => boolean): Promise<void> {
    if (this.shownTo.has(user.id) || !stillRinging()) return;
    this.shownTo.add(user.id);
    const card = await this.card.promise;
    if (!card || !stillRinging()) return;
    emitCallRinging(this.deps, card, rowToSessionUser(user), ringingUserIds());
  }

  /**
   * `user` took the call (answered, picked it up, or had it transferred to them): their tabs get the card if they
   * have not seen it yet — whoever has the client has the card — and everyone who saw the pop hears who took it.
   */
  async answered(callId: number, user: StaffRow): Promise<void> {
    if (!this.shownTo.has(user.id)) {
      this.shownTo.add(user.id);
      const card = await this.card.promise;
      if (card) emitCallRinging(this.deps, card, rowToSessionUser(user), [user.id]);
    }
    emitCallAnswered(this.deps, [...this.shownTo], { callId, answeredByUserId: user.id, answeredByName: user.name });
  }

  /** `legEnded` for the user whose leg it was (none: nobody to tell), once the call is stored; never if it never is. */
  async legGone(user: StaffRow | null | undefined, reason: LegEndReason): Promise<void> {
    if (!user) return;
    const callId = await this.scope.callId.catch(() => null);
    if (callId !== null) this.legEnded(callId, user.id, reason);
  }

  /** `userId`'s own leg ended while the call goes on (or without them): their pop closes, saying why. */
  legEnded(callId: number, userId: number, reason: LegEndReason): void {
    emitCallLegEnded(this.deps, userId, { callId, reason });
  }

  /** The call ended with `disposition`: the pops close. */
  ended(callId: number, disposition: CallDisposition): void {
    emitCallEnded(this.deps, [...this.shownTo], { callId, disposition });
  }
}
