import { useEffect, useRef } from 'react';

export function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  const tag = el.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || el.isContentEditable || !!el.closest?.('dialog[open]');
}

/** Mail-client keys for a list: j/k or arrows move, Enter opens, / searches, f flags. */
export function useListKeys(handlers: { move: (delta: number) => void; open: () => void; search: () => void; flag: () => void }) {
  const ref = useRef(handlers);
  ref.current = handlers;
  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (e.metaKey || e.ctrlKey || e.altKey || e.defaultPrevented) return;
      if (isTyping(e.target)) return;
      // Keys pressed while working in the card or a pop belong there.
      if ((e.target as HTMLElement).closest?.('.lead-panel, .overlay-stack, .popover')) return;
      const h = ref.current;
      switch (e.key) {
        case 'j':
        case 'ArrowDown':
          h.move(1);
          break;
        case 'k':
        case 'ArrowUp':
          h.move(-1);
          break;
        case 'Enter':
          // A focused button or link does its own thing on Enter.
          if ((e.target as HTMLElement).closest('button, a')) return;
          h.open();
          break;
        case '/':
          h.search();
          break;
        case 'f':
          h.flag();
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
