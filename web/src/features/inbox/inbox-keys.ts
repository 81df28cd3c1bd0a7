import { onControl, useListKeydown } from '../../lib/list-keys.ts';

export interface InboxKeyHandlers {
  /** j / k / arrows; with Shift the selection grows along. */
  move: (delta: number, extend: boolean) => void;
  /** x or Space: the current row in or out of the selection. */
  toggle: () => void;
  /** a: "Assign to…" for the selection, or the current row. */
  assign: () => void;
  open: () => void;
  /** Escape: nothing selected. */
  clear: () => void;
}

/** The inbox's keys, like a mail client's: move, select, assign, open. Keys typed in a field, the card or a pop are theirs. */
export function useInboxKeys(h: InboxKeyHandlers): void {
  useListKeydown(
    (e) => {
      switch (e.key) {
        case 'j':
        case 'J':
        case 'ArrowDown':
          h.move(1, e.shiftKey);
          return true;
        case 'k':
        case 'K':
        case 'ArrowUp':
          h.move(-1, e.shiftKey);
          return true;
        case 'x':
        case ' ':
          if (e.key === ' ' && onControl(e.target)) return false;
          h.toggle();
          return true;
        case 'a':
          h.assign();
          return true;
        case 'Enter':
          if (onControl(e.target)) return false;
          h.open();
          return true;
        case 'Escape':
          h.clear();
          return true;
        default:
          return false;
      }
    },
    { checkboxes: true },
  );
}
