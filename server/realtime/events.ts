import type {
  CallAnsweredEvent,
  CallEndedEvent,
  CallLegEndedEvent,
  CallPopEvent,
  ImportProgressEvent,
  LeadAssignedEvent,
  LeadEvent,
  LeadHiddenEvent,
  PresenceEvent,
  ReminderDueEvent,
  TelephonyStateEvent,
} from '../api-types.js';

/** The typed map of live events; payloads are the API's own shapes (api-types.ts). */
export interface ServerToClientEvents {
  'lead:created': (p: LeadEvent) => void;
  'lead:assigned': (p: LeadAssignedEvent) => void;
  'lead:updated': (p: LeadEvent) => void;
  'lead:hidden': (p: LeadHiddenEvent) => void;
  'reminder:due': (p: ReminderDueEvent) => void;
  'presence:changed': (p: PresenceEvent) => void;
  'call:ringing': (p: CallPopEvent) => void;
  'call:answered': (p: CallAnsweredEvent) => void;
  'call:ended': (p: CallEndedEvent) => void;
  'call:leg_ended': (p: CallLegEndedEvent) => void;
  'telephony:state': (p: TelephonyStateEvent) => void;
  'import:progress': (p: ImportProgressEvent) => void;
}

export type ServerEventName = keyof ServerToClientEvents;

export interface ClientToServerEvents {
  ping: (ack: (t: number) => void) => void;
}
