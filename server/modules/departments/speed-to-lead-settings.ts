import { z } from 'zod';
import type { SpeedToLeadSettings } from '../../api-types.js';
import type { Queryable } from '../../db/knex.js';
import { isClockTime, isTimeZone } from '../../lib/working-time.js';

/**
 * A department's speed-to-lead settings until someone changes them: alarms after 5 and 15 working minutes, Monday to
 * Friday 09:00–18:00 Moscow time.
 */
export const DEFAULT_SPEED_TO_LEAD: SpeedToLeadSettings = {
  unassignedMinutes: 5,
  firstContactMinutes: 15,
  workingHours: { timeZone: 'Europe/Moscow', days: [1, 2, 3, 4, 5], from: '09:00', to: '18:00' },
};

/** Working hours as a department's or a manager's: a zone the runtime knows, ISO weekdays, 'HH:MM' times. */
export const WorkingHoursSchema = z.object({
  timeZone: z.string().max(64).refine(isTimeZone, 'field.time_zone'),
  days: z
    .array(z.number().int().min(1).max(7))
    .max(7)
    .transform((d) => [...new Set(d)].sort((a, b) => a - b)),
  from: z.string().refine((s) => isClockTime(s), 'field.clock_time'),
  to: z.string().refine((s) => isClockTime(s, true), 'field.clock_time'),
});

/** What a director may send: thresholds of 1 minute to a week of working time, a zone the runtime knows. */
export const SpeedToLeadSchema = z.object({
  unassignedMinutes: z.number().int().min(1).max(10_080),
  firstContactMinutes: z.number().int().min(1).max(10_080),
  workingHours: WorkingHoursSchema,
});

interface SettingsRow {
  department_id: number;
  unassigned_minutes: number;
  first_contact_minutes: number;
  time_zone: string;
  work_days: string;
  work_from: string;
  work_to: string;
}

function rowToSettings(r: SettingsRow): SpeedToLeadSettings {
  return {
    unassignedMinutes: Number(r.unassigned_minutes),
    firstContactMinutes: Number(r.first_contact_minutes),
    workingHours: {
      timeZone: r.time_zone,
      days: r.work_days ? r.work_days.split(',').map(Number) : [],
      from: r.work_from,
      to: r.work_to,
    },
  };
}

/** Each department's settings (the defaults where none were saved); every department when `ids` is omitted. */
export async function loadSpeedToLead(db: Queryable, ids?: number[]): Promise<Map<number, SpeedToLeadSettings>> {
  const q = db('department_speed_to_lead').select<SettingsRow[]>('*');
  if (ids) q.whereIn('department_id', ids);
  const rows = await q;
  return new Map(rows.map((r) => [Number(r.department_id), rowToSettings(r)]));
}

export function speedToLeadOf(settings: Map<number, SpeedToLeadSettings>, departmentId: number): SpeedToLeadSettings {
  return settings.get(departmentId) ?? DEFAULT_SPEED_TO_LEAD;
}

export async function saveSpeedToLead(db: Queryable, departmentId: number, s: SpeedToLeadSettings): Promise<void> {
  const row = {
    unassigned_minutes: s.unassignedMinutes,
    first_contact_minutes: s.firstContactMinutes,
    time_zone: s.workingHours.timeZone,
    work_days: s.workingHours.days.join(','),
    work_from: s.workingHours.from,
    work_to: s.workingHours.to,
  };
  const updated = await db('department_speed_to_lead').where('department_id', departmentId).update(row);
  if (updated === 0) await db('department_speed_to_lead').insert({ department_id: departmentId, ...row });
}
