import { useEffect, useRef } from 'react';
import { isTyping } from '../leads/useListKeys.ts';

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
export function useInboxKeys(handlers: InboxKeyHandlers): void {
  const ref = useRef(handlers);
  ref.current = handlers;
  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (e.metaKey || e.ctrlKey || e.altKey || e.defaultPrevented) return;
      // A row's box keeps focus after a click; keys still belong to the list.
      const onBox = (e.target as HTMLInputElement).type === 'checkbox';
      if (!onBox && isTyping(e.target)) return;
      if ((e.target as HTMLElement).closest?.('.lead-panel, .overlay-stack, .popover')) return;
      const h = ref.current;
      switch (e.key) {
        case 'j':
        case 'J':
        case 'ArrowDown':
          h.move(1, e.shiftKey);
          break;
        case 'k':
        case 'K':
        case 'ArrowUp':
          h.move(-1, e.shiftKey);
          break;
        case 'x':
        case ' ':
          if (e.key === ' ' && (e.target as HTMLElement).closest('button, a, input')) return;
          h.toggle();
          break;
        case 'a':
          h.assign();
          break;
        case 'Enter':
          if ((e.target as HTMLElement).closest('button, a, input')) return;
          h.open();
          break;
        case 'Escape':
          h.clear();
          break;
        default:
          return;
      }
      e.preventDefault();
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
