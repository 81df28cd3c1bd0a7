import type { Response as ExpressResponse } from 'express';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { Deps } from '../../deps.js';
import { NotFoundError } from '../../errors.js';
import type { SessionUser } from '../../http/session-user.js';
import { canSeeCall } from './calls.policy.js';
import { findCallRow } from './calls.repo.js';

const WAV_HEADER_BYTES = 44;

/** The recording's name, if this user may hear the call (calls.policy.ts). */
async function visibleRecordingName(deps: Deps, user: SessionUser, callId: number): Promise<string> {
  const call = await findCallRow(deps.db, callId);
  if (!call) throw new NotFoundError('recording');
  const lead =
    call.lead_id === null ? undefined : await deps.db('leads').where('id', call.lead_id).first<{ department_id: number; owner_id: number | null } | undefined>('department_id', 'owner_id');
  const allowed = canSeeCall(user, {
    lead: lead ? { departmentId: Number(lead.department_id), ownerId: lead.owner_id === null ? null : Number(lead.owner_id) } : null,
    departmentId: call.department_id === null ? null : Number(call.department_id),
  });
  // Someone who may not hear it learns nothing, not even that it exists.
  if (!allowed || !call.recording_name || call.recording_state !== 'ready') throw new NotFoundError('recording');
  return call.recording_name;
}

/** `bytes=a-b` / `bytes=a-` / `bytes=-n` against a known size; null when absent, 'invalid' when unsatisfiable. */
export function parseRange(header: string | undefined, size: number): { start: number; end: number } | null | 'invalid' {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return 'invalid';
  let start: number;
  let end: number;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  if (start > end || start >= size) return 'invalid';
  return { start, end };
}

/**
 * Streams the recording from Asterisk to the browser, honouring Range (206 + Content-Range) so the player can
 * seek, without holding the file in memory: the bytes before the range are skipped, those after it not read.
 */
export async function streamRecording(deps: Deps, user: SessionUser, callId: number, rangeHeader: string | undefined, res: ExpressResponse): Promise<void> {
  const name = await visibleRecordingName(deps, user, callId);
  const upstream = await deps.telephony.recordingFile(name);
  const size = Number(upstream?.headers.get('content-length') ?? 0);
  if (!upstream || !upstream.body || size <= WAV_HEADER_BYTES) {
    await upstream?.body?.cancel();
    throw new NotFoundError('recording');
  }
  const range = parseRange(rangeHeader, size);
  res.setHeader('Accept-Ranges', 'bytes');
  res.setHeader('Content-Type', upstream.headers.get('content-type') ?? 'audio/wav');
  res.setHeader('Cache-Control', 'private, no-store');
  if (range === 'invalid') {
    await upstream.body.cancel();
    res.status(416).setHeader('Content-Range', `bytes */${size}`);
    res.end();
    return;
  }
  const { start, end } = range ?? { start: 0, end: size - 1 };
  if (range) {
    res.status(206);
    res.setHeader('Content-Range', `bytes ${start}-${end}/${size}`);
  }
  res.setHeader('Content-Length', String(end - start + 1));
  const source = Readable.fromWeb(upstream.body as unknown as WebReadableStream<Uint8Array>);
  let offset = 0;
  res.on('close', () => source.destroy());
  for await (const chunk of source) {
    const buf = chunk as Buffer;
    const from = Math.max(start - offset, 0);
    const to = Math.min(end + 1 - offset, buf.length);
    offset += buf.length;
    if (to > from && !res.write(from === 0 && to === buf.length ? buf : buf.subarray(from, to))) {
      await new Promise((r) => res.once('drain', r));
    }
    if (offset > end) break;
  }
  source.destroy();
  res.end();
}
