import { z } from 'zod';

export const ClickToCallSchema = z.object({
  phone: z.string().trim().min(3).max(40).optional(),
});

export const SimulatedInboundSchema = z.object({
  from: z.string().trim().min(1).max(40),
  to: z.string().trim().min(1).max(40),
});

export const SimulatedCallerHangupSchema = z.object({
  channelId: z.string().trim().min(1).max(128),
});
