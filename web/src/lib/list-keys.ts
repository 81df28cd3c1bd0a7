import { useEffect, useRef } from 'react';

/** Whether a key pressed on this target is being typed into a field (or a dialog), not meant for the page. */
export function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  const tag = el.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || el.isContentEditable || !!el.closest?.('dialog[open]');
}

/** Whether Enter or Space on this target is a focused control's own (a button presses, a link follows). */
export function onControl(target: EventTarget | null, selector = 'button, a, input'): boolean {
  return Boolean((target as HTMLElement | null)?.closest?.(selector));
}

/**
 * A list page's keyboard, like a mail client's: `handle` gets each key pressed on the page and returns true when
 * it used it (its default is then prevented). Keys with Ctrl/Alt/Meta, keys typed in a field and keys pressed
 * while working in the card or a pop (`.lead-panel`, `.overlay-stack`, `.popover`) never reach it; with
 * `checkboxes`, keys on a row's check box do (a box keeps focus after a click, the keys still belong to the list).
 */
export function useListKeydown(handle: (e: KeyboardEvent) => boolean, opts: { checkboxes?: boolean } = {}): void {
  const ref = useRef(handle);
  ref.current = handle;
  const { checkboxes = false } = opts;
  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (e.metaKey || e.ctrlKey || e.altKey || e.defaultPrevented) return;
      const onBox = checkboxes && (e.target as HTMLInputElement).type === 'checkbox';
      if (!onBox && isTyping(e.target)) return;
      if ((e.target as HTMLElement).closest?.('.lead-panel, .overlay-stack, .popover')) return;
      if (ref.current(e)) e.preventDefault();
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [checkboxes]);
}
