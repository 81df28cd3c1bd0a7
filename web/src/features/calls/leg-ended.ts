import type { TFunction } from 'i18next';
import type { LegEndReason } from '../../api/types.ts';

/** What a pop says when the user's own leg ended while the call went on (`call:leg_ended`). */
export function legEndedText(t: TFunction, reason: LegEndReason): string {
  switch (reason) {
    case 'declined':
      return t('callBar.legDeclined');
    case 'no_answer':
      return t('callBar.legNoAnswer');
    case 'caller_left':
      return t('callBar.legCallerLeft');
    case 'unreachable':
      return t('callBar.legUnreachable');
    case 'transferred':
      return t('callBar.legTransferred');
    case 'answered_elsewhere':
      return t('pop.answeredElsewhere');
  }
}
