import type { CallDto } from '../../api-types.js';
import { fromDbTime } from '../../db/knex.js';
import type { CallRow } from './calls.repo.js';

export type CallRowWithUser = CallRow & { user_name: string | null };

export function toCallDto(r: CallRowWithUser): CallDto {
  return {
    id: Number(r.id),
    direction: r.direction,
    clientNumber: r.client_number,
    departmentId: r.department_id === null ? null : Number(r.department_id),
    leadId: r.lead_id === null ? null : Number(r.lead_id),
    clientId: r.client_id === null ? null : Number(r.client_id),
    userId: r.user_id === null ? null : Number(r.user_id),
    userName: r.user_name ?? null,
    status: r.status,
    disposition: r.disposition,
    startedAt: fromDbTime(r.started_at) ?? '',
    answeredAt: fromDbTime(r.answered_at),
    endedAt: fromDbTime(r.ended_at),
    ringSeconds: r.ring_seconds === null ? null : Number(r.ring_seconds),
    talkSeconds: r.talk_seconds === null ? null : Number(r.talk_seconds),
    recordingUrl: r.recording_state === 'ready' && r.recording_name ? `/api/calls/${Number(r.id)}/recording` : null,
  };
}
