import { closeCall, callsWithUnconfirmedRecording, openCalls, updateCall } from '../modules/calls/calls.repo.js';
import { adoptLeftovers } from './adopt.js';
import type { TelephonyContext } from './context.js';
import { WAV_HEADER_BYTES } from './simulator/wav.js';

/**
 * After every (re)connect: Asterisk may have restarted or crashed while we were away, or this process may be new
 * while calls of an earlier one are still in Stasis. Calls whose channels vanished are closed as `failed`; what is
 * left in Stasis without a session is adopted or ended (adopt.ts); a call row nobody holds any more is closed
 * (never left `ringing` or `up`); a recording is confirmed playable only when its file has more than a header.
 */
export async function resynchronise(ctx: TelephonyContext): Promise<void> {
  const { rest, dispatcher, deps } = ctx;
  const channels = await rest.listChannels();
  const alive = new Set(channels.map((c) => c.id));
  for (const session of dispatcher.sessions()) {
    const ids = session.liveChannelIds();
    if (ids.length > 0 && ids.some((id) => !alive.has(id))) await session.lost();
  }
  await adoptLeftovers(ctx, channels);
  for (const call of await openCalls(deps.db)) {
    if (call.channel_id && dispatcher.has(call.channel_id)) continue;
    const alivePart = Boolean(call.channel_id && alive.has(call.channel_id));
    if (alivePart && call.direction === 'outbound' && !call.answered_at) {
      // A click-to-call whose manager's phone still rings (an originate enters Stasis only when answered): nobody would
      // dial the client once they pick up, so the phone stops ringing and the call ends `failed`.
      await rest.hangup(call.channel_id!).catch(() => undefined);
      await closeCall(deps.db, Number(call.id), 'failed');
      deps.log.warn({ callId: call.id }, 'click-to-call closed: it was ringing when this process started');
      continue;
    }
    if (alivePart && !ownedByUs(ctx, channels, call.channel_id!)) continue; // in the dialplan now (the fallback)
    // Vanished: cut off. Still there but nobody holds it (half a pair just hung up): it ended as it was.
    const disposition = alivePart && call.answered_at ? 'answered' : 'failed';
    await closeCall(deps.db, Number(call.id), disposition);
    deps.log.warn({ callId: call.id, disposition }, 'call closed: nobody holds its channels any more');
  }
  for (const call of await callsWithUnconfirmedRecording(deps.db)) {
    if (call.status !== 'ended' || !call.recording_name) continue;
    await updateCall(deps.db, Number(call.id), { recording_state: (await recordingPlayable(ctx, call.recording_name)) ? 'ready' : 'unusable' });
  }
}

/** A file that exists and holds more than the 44-byte WAV header a crash leaves behind. */
export async function recordingPlayable(ctx: TelephonyContext, name: string): Promise<boolean> {
  const res = await ctx.rest.recordingFile(name);
  if (!res) return false;
  const length = Number(res.headers.get('content-length') ?? 0);
  await res.body?.cancel();
  return length > WAV_HEADER_BYTES;
}

/** True when the channel is in our Stasis app (a channel of ours that no session holds is not coming back). */
function ownedByUs(ctx: TelephonyContext, channels: { id: string; dialplan?: { app_name?: string; app_data?: string } }[], id: string): boolean {
  const c = channels.find((x) => x.id === id);
  return c?.dialplan?.app_name === 'Stasis' && (c.dialplan.app_data ?? '').split(',')[0] === ctx.app;
}
