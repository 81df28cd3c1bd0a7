import { useEffect, useState } from 'react';

let listeners = new Set<() => void>();
let timer: number | undefined;

/** Re-renders the caller every 30 s so that "5 минут назад" stays true; one timer for the whole app. */
export function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const tick = () => setNow(Date.now());
    listeners.add(tick);
    if (timer === undefined) timer = window.setInterval(() => listeners.forEach((l) => l()), 30_000);
    return () => {
      listeners.delete(tick);
      if (listeners.size === 0 && timer !== undefined) {
        window.clearInterval(timer);
        timer = undefined;
        listeners = new Set();
      }
    };
  }, []);
  return now;
}
