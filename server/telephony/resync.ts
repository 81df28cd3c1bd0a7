import { closeCall, callsWithUnconfirmedRecording, openCalls, updateCall } from '../modules/calls/calls.repo.js';
import type { TelephonyContext } from './context.js';
import { WAV_HEADER_BYTES } from './simulator/wav.js';

/**
 * After every (re)connect: Asterisk may have restarted or crashed while we were away. Calls whose channels
 * vanished are closed as `failed`; a recording is confirmed playable only when its file has more than a header.
 */
export async function resynchronise(ctx: TelephonyContext): Promise<void> {
  const { rest, dispatcher, deps } = ctx;
  const alive = new Set((await rest.listChannels()).map((c) => c.id));
  for (const session of dispatcher.sessions()) {
    const ids = session.liveChannelIds();
    if (ids.length > 0 && ids.some((id) => !alive.has(id))) await session.lost();
  }
  for (const call of await openCalls(deps.db)) {
    if (call.channel_id && alive.has(call.channel_id)) continue;
    await closeCall(deps.db, Number(call.id), 'failed');
    deps.log.warn({ callId: call.id }, 'call closed as failed: its channels vanished');
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
