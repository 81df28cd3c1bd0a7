/** What the rest of Leadline needs from telephony; the ARI bridge, the simulator and "off" all provide it. */
export interface TelephonyStatus {
  mode: 'off' | 'ari' | 'simulator';
  state: 'off' | 'connecting' | 'connected' | 'disconnected';
  detail?: string;
}

export interface ClickToCallRequest {
  leadId: number;
  userId: number;
  endpoint: string;
  phone: string;
  clientName: string | null;
}

export interface TelephonyService {
  status(): TelephonyStatus;
  start(): Promise<void>;
  /** Rings the manager's endpoint first; when answered, dials the client and joins them. Returns the call id. */
  clickToCall(req: ClickToCallRequest): Promise<{ callId: number }>;
  stop(): Promise<void>;
}

export class TelephonyOffError extends Error {}

export const telephonyOff: TelephonyService = {
  status: () => ({ mode: 'off', state: 'off', detail: 'ARI_URL is not set' }),
  start: async () => {},
  clickToCall: async () => {
    throw new TelephonyOffError('Telephony is off: set ARI_URL (or TELEPHONY=simulator) to place calls');
  },
  stop: async () => {},
};
