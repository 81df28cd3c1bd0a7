import { z } from 'zod';
import { ROUTING_STEPS } from '../../api-types.js';
import { digitsOnly } from '../../lib/phone.js';
import { SpeedToLeadSchema } from './speed-to-lead-settings.js';
import { DistributionSchema } from './distribution-settings.js';
import { isCurrencyCode } from '../../lib/currency.js';

/** A department's default currency for deal amounts (ISO 4217); null: DEFAULT_CURRENCY. */
const Currency = z.string().trim().toUpperCase().refine(isCurrencyCode, 'field.currency').nullable();
import { InstantCallbackSchema } from './callback-settings.js';

/** A public number as people type it: any punctuation accepted; stored in E.164 by the use case (department-number.ts). */
const PhoneNumber = z
  .string()
  .max(40)
  .refine((s) => digitsOnly(s).length >= 3 && digitsOnly(s).length <= 15, 'field.dnis_digits');

const PhoneNumbers = z.array(PhoneNumber).max(50);

const RingTimeout = z.number().int().min(5).max(120).nullable();
const RoutingChain = z.array(z.enum(ROUTING_STEPS)).min(1).max(8).nullable();

export const CreateDepartmentSchema = z.object({
  name: z.string().trim().min(1).max(200),
  phoneNumbers: PhoneNumbers.default([]),
  ringTimeoutSec: RingTimeout.optional(),
  routingChain: RoutingChain.optional(),
  speedToLead: SpeedToLeadSchema.optional(),
});
export type CreateDepartmentInput = z.infer<typeof CreateDepartmentSchema>;

export const UpdateDepartmentSchema = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  phoneNumbers: PhoneNumbers.optional(),
  ringTimeoutSec: RingTimeout.optional(),
  routingChain: RoutingChain.optional(),
  speedToLead: SpeedToLeadSchema.optional(),
  distribution: DistributionSchema.optional(),
  currency: Currency.optional(),
  instantCallback: InstantCallbackSchema.optional(),
  /** The version the editor saw; omitted: the change applies whatever the version (API clients that do not care). */
  version: z.number().int().positive().optional(),
});
export type UpdateDepartmentInput = z.infer<typeof UpdateDepartmentSchema>;

