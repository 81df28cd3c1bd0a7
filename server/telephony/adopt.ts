import { openCalls, updateCall, type CallRow } from '../modules/calls/calls.repo.js';
import { AppArg, type AriBridge, type AriChannel } from './ari/ari-types.js';
import type { TelephonyContext } from './context.js';
import { AdoptedCall } from './sessions/adopted-call.js';
import { AdoptedVoicemail } from './sessions/adopted-voicemail.js';
import { InboundCallSession } from './sessions/inbound-call.js';

/**
 * What a (re)started Leadline finds in Stasis that no session of its own holds (app-disconnect-while-ringing and
 * -mid-call traces: Asterisk keeps the app's channels, bridges and recordings while the app is away, and replays
 * nothing). Each is adopted or ended: a call talking in its bridge is watched to its end (adopted-call.ts); a
 * caller still waiting is routed again, on its existing call row; anything else of ours (an agent leg ringing for
 * a caller nobody routes any more, half a bridged pair) is hung up. Returns the channel ids now held.
 */
export async function adoptLeftovers(ctx: TelephonyContext, channels: AriChannel[]): Promise<void> {
  const { rest, dispatcher, app, deps } = ctx;
  const ours = channels.filter((c) => c.dialplan?.app_name === 'Stasis' && (c.dialplan.app_data ?? '').split(',')[0] === app && !dispatcher.has(c.id));
  if (ours.length === 0) return;
  const byId = new Map(ours.map((c) => [c.id, c]));
  const rows = new Map<string, CallRow>();
  for (const row of await openCalls(deps.db)) if (row.channel_id) rows.set(row.channel_id, row);
  const handled = new Set<string>();

  for (const bridge of await rest.listBridges()) {
    const members = bridge.channels.filter((id) => byId.has(id));
    if (members.length === 0) continue;
    members.forEach((id) => handled.add(id));
    const row = bridge.channels.map((id) => rows.get(id)).find(Boolean);
    if (row && bridge.channels.length >= 2) {
      new AdoptedCall(ctx, row, bridge.id, bridge.channels).start();
      continue;
    }
    await endLeftover(ctx, bridge, members);
  }

  for (const c of ours) {
    if (handled.has(c.id)) continue;
    const [kind, dnis] = (c.dialplan.app_data ?? '').split(',').slice(1);
    if (kind === AppArg.Inbound) {
      const row = rows.get(c.id);
      if (row && (await reachedVoicemail(ctx, Number(row.id)))) {
        const session = new AdoptedVoicemail(ctx, row, c.id);
        session.start().catch((err: unknown) => deps.log.error({ err, channel: c.id }, 'taking over a voice message failed'));
        continue;
      }
      if (row) await closeOrphanLegs(ctx, Number(row.id));
      const session = new InboundCallSession(ctx, c, dnis || c.dialplan.exten, row ? Number(row.id) : null);
      session.start().catch((err: unknown) => deps.log.error({ err, channel: c.id }, 'routing a waiting caller again failed'));
      continue;
    }
    deps.log.warn({ channel: c.id, name: c.name }, 'stray leg in Stasis after a restart: hanging up');
    void rest.hangup(c.id).catch(() => undefined);
  }
}

/** Half a pair, or a bridge of no call we know: its channels are hung up and the bridge goes. */
async function endLeftover(ctx: TelephonyContext, bridge: AriBridge, members: string[]): Promise<void> {
  for (const id of members) await ctx.rest.hangup(id).catch(() => undefined);
  await ctx.rest.destroyBridge(bridge.id).catch(() => undefined);
}

/** True when the call's routing chain had reached its voicemail step (voicemail.ts notes it among the legs). */
async function reachedVoicemail(ctx: TelephonyContext, callId: number): Promise<boolean> {
  return Boolean(await ctx.deps.db('call_legs').where({ call_id: callId, step: 'voicemail' }).first('id'));
}

/** The legs an earlier process opened for a call it no longer routes: ended, `cancelled`. */
async function closeOrphanLegs(ctx: TelephonyContext, callId: number): Promise<void> {
  await ctx.deps.db('call_legs').where('call_id', callId).whereNull('ended_at').update({ ended_at: new Date().toISOString().replace('T', ' ').replace('Z', ''), result: 'cancelled' });
  await updateCall(ctx.deps.db, callId, { status: 'ringing' });
}
