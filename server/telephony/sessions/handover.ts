import { deferred, type Deferred } from '../../lib/async.js';
import { endpointOfChannel, type AriChannel, type AttendedTransferEvent, type BlindTransferEvent } from '../ari/ari-types.js';
import type { RingTarget } from '../routing/routing-plan.js';
import { staffByEndpoint, type StaffRow } from '../routing/staff-row.js';
import type { CallScope } from './call-scope.js';
import type { Leg, Legs } from './legs.js';

/** What the call does when a leg of it is replaced. */
export interface HandoverHost {
  /** The ringing leg `from` was picked up by another phone (`leg`, its user known): connect the caller to it. */
  pickedUp(from: Leg<RingTarget>, leg: Leg<RingTarget>): void;
  /** The talking leg was transferred: `leg` now has the caller (its user once known; `answered` once it is up). */
  transferred(from: Leg<RingTarget>, to: Leg<RingTarget>): void;
  /** `to` is up and who it is is known: the call is theirs now. */
  takenOver(to: Leg<RingTarget>): void;
}

/**
 * Transfers and pickups of one inbound call (blind-transfer, attended-transfer, pickup traces): a new channel
 * enters Stasis with `replace_channel` naming one of the call's legs. A ringing leg replaced is a pickup (the
 * picker's phone, already up, is who answered); a talking leg replaced is a transfer (a Local channel takes its
 * place in the bridge; who is behind it comes from BridgeBlindTransfer's `exten` or BridgeAttendedTransfer's
 * `transfer_target`). The old leg is over for the call: its row ends, and a transferring phone left idle in
 * Stasis is hung up.
 */
export class Handover {
  private readonly who = new Map<string, Deferred<StaffRow | null>>();
  /** The leg that replaced a transferring leg, by the transferring leg's channel id. */
  private readonly replacedBy = new Map<string, Leg<RingTarget>>();

  constructor(
    private readonly scope: CallScope,
    private readonly legs: Legs<RingTarget>,
    private readonly host: HandoverHost,
  ) {}

  /** True when `channelId` replaced a leg of this call (its Up and its user are this class's business). */
  handles(channelId: string): boolean {
    return this.who.has(channelId);
  }

  /** StasisStart of `channel` in place of `old`. */
  replaced(channel: AriChannel, old: Leg<RingTarget>): void {
    const pickup = old.state !== 'up';
    const endpoint = pickup ? endpointOfChannel(channel.name) : '';
    const leg = this.legs.open(channel.id, { step: pickup ? 'pickup' : 'transfer', target: endpoint || null, userId: null }, { step: old.info.step, user: null, endpoint });
    leg.endsUnseen = true;
    leg.inStasis.resolve();
    const who = deferred<StaffRow | null>();
    this.who.set(channel.id, who);
    void this.legs.handedOver(old, 'picked_up');
    if (pickup) {
      leg.state = 'ringing';
      void this.identify(leg, endpoint).then(() => this.host.pickedUp(old, leg));
      return;
    }
    this.replacedBy.set(old.channelId, leg);
    this.host.transferred(old, leg);
    // The transferring phone is left idle in Stasis (traces): it has nothing more to do in this call.
    void this.legs.hangUp(old);
    if (channel.state === 'Up') this.onUp(leg);
  }

  /** BridgeBlindTransfer: the caller went to extension `exten` of the transferer's context (a desk phone `PJSIP/<exten>`). */
  blind(e: BlindTransferEvent): void {
    const localId = e.replace_channel?.id;
    const leg = localId ? this.legs.get(localId) : undefined;
    if (leg && e.exten) void this.identify(leg, `PJSIP/${e.exten}`);
  }

  /** BridgeAttendedTransfer: `transfer_target` talks to the caller now (the app gets no events of its own for it). */
  attended(e: AttendedTransferEvent): void {
    const leg = this.replacedBy.get(e.transferer_first_leg?.id ?? '');
    if (leg && e.transfer_target) void this.identify(leg, endpointOfChannel(e.transfer_target.name));
  }

  /** The replacing channel is up (the transfer's target answered). */
  onUp(leg: Leg<RingTarget>): void {
    void this.who.get(leg.channelId)?.promise.then(() => this.host.takenOver(leg));
  }

  private async identify(leg: Leg<RingTarget>, endpoint: string): Promise<void> {
    const who = this.who.get(leg.channelId);
    if (!who) return;
    let user: StaffRow | null = null;
    try {
      user = await staffByEndpoint(this.scope.ctx.deps.db, endpoint);
    } catch (err) {
      this.scope.log.warn({ err, endpoint }, 'who took the call could not be read');
    }
    leg.info.user = user;
    leg.info.endpoint = endpoint;
    await this.legs.identify(leg, endpoint, user?.id ?? null);
    who.resolve(user);
  }
}
