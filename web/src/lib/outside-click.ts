import { useEffect, type RefObject } from 'react';

/** While `active`, a press anywhere outside `box` calls `onOutside` (a popover closes when you click away). */
export function useOutsideClick(box: RefObject<HTMLElement | null>, active: boolean, onOutside: () => void): void {
  useEffect(() => {
    if (!active) return;
    const onDown = (e: MouseEvent) => {
      if (!box.current?.contains(e.target as Node)) onOutside();
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [box, active, onOutside]);
}
