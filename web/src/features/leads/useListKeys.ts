import { onControl, useListKeydown } from '../../lib/list-keys.ts';

/** Mail-client keys for a list: j/k or arrows move, Enter opens, / searches, f flags. */
export function useListKeys(handlers: { move: (delta: number) => void; open: () => void; search: () => void; flag: () => void }) {
  useListKeydown((e) => {
    switch (e.key) {
      case 'j':
      case 'ArrowDown':
        handlers.move(1);
        return true;
      case 'k':
      case 'ArrowUp':
        handlers.move(-1);
        return true;
      case 'Enter':
        // A focused button or link does its own thing on Enter.
        if (onControl(e.target, 'button, a')) return false;
        handlers.open();
        return true;
      case '/':
        handlers.search();
        return true;
      case 'f':
        handlers.flag();
        return true;
      default:
        return false;
    }
  });
}
