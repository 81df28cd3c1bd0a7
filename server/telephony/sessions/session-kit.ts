import { HangupCause } from '../ari/ari-types.js';

/** What a leg that never came up tells us, judged by ChannelDestroyed.cause (never by the soft hang-up flag). */
export function legResult(cause: number): string {
  switch (cause) {
    case HangupCause.NoAnswer:
      return 'no_answer';
    case HangupCause.UserBusy:
      return 'busy';
    case HangupCause.NoUserResponding:
      return 'no_response';
    case HangupCause.CallRejected:
      return 'declined';
    default:
      return 'unreachable'; // 16 before Up: indistinguishable from a phone that is gone
  }
}
