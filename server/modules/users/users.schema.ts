import { z } from 'zod';
import { ROLES } from '../../api-types.js';
import { CHOSEN_PRESENCES } from '../presence/presence.service.js';
import { WorkingHoursSchema } from '../departments/speed-to-lead-settings.js';

/** Forms send "" for a cleared field: treat it as null. */
const emptyToNull = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? null : v), schema);

const Name = z.string().trim().min(1).max(200);
const Email = z.string().trim().toLowerCase().email().max(254);
const Password = z.string().min(8).max(200);
const Id = z.number().int().positive();
/** A dialable Asterisk endpoint: technology/resource, e.g. PJSIP/101. */
const Endpoint = z
  .string()
  .trim()
  .regex(/^[A-Za-z][A-Za-z0-9]{0,15}\/[A-Za-z0-9_.@+-]{1,80}$/, 'field.endpoint_format');
const Mobile = z.string().trim().max(40);

export const CreateUserSchema = z.object({
  name: Name,
  email: Email,
  password: Password,
  role: z.enum(ROLES),
  departmentId: emptyToNull(Id.nullable()).optional(),
  assistsUserId: emptyToNull(Id.nullable()).optional(),
  endpoint: emptyToNull(Endpoint.nullable()).optional(),
  mobile: emptyToNull(Mobile.nullable()).optional(),
  active: z.boolean().optional(),
  /** The manager's own working hours; null: the department's. */
  workingHours: WorkingHoursSchema.nullable().optional(),
});
export type CreateUserInput = z.infer<typeof CreateUserSchema>;

export const UpdateUserSchema = z.object({
  name: Name.optional(),
  email: Email.optional(),
  password: Password.optional(),
  role: z.enum(ROLES).optional(),
  departmentId: emptyToNull(Id.nullable()).optional(),
  assistsUserId: emptyToNull(Id.nullable()).optional(),
  endpoint: emptyToNull(Endpoint.nullable()).optional(),
  mobile: emptyToNull(Mobile.nullable()).optional(),
  active: z.boolean().optional(),
  workingHours: WorkingHoursSchema.nullable().optional(),
});
export type UpdateUserInput = z.infer<typeof UpdateUserSchema>;

export const ChangeOwnPasswordSchema = z.object({
  currentPassword: z.string().min(1).max(200),
  password: Password,
});

export const SetPresenceSchema = z.object({
  presence: z.enum(CHOSEN_PRESENCES),
});
