import { z } from 'zod';

export const ClickToCallSchema = z.object({
  phone: z.string().trim().min(3, 'Give a phone number').max(40).optional(),
});

export const SimulatedInboundSchema = z.object({
  from: z.string().trim().min(1, 'Give the caller number').max(40),
  to: z.string().trim().min(1, 'Give a department number').max(40),
});

export const SimulatedCallerHangupSchema = z.object({
  channelId: z.string().trim().min(1, 'Give the call channel id').max(128),
});
