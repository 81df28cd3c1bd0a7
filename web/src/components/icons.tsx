/** Inline icons: no icon font or emoji (not every system has a font for them). */
export function PhoneIcon({ size = 14, className }: { size?: number; className?: string }) {
  return (
    <svg className={className} width={size} height={size} viewBox="0 0 16 16" aria-hidden="true">
      <path d="M4.5 1.5 6.5 5 5 6.5c.8 1.8 2.7 3.7 4.5 4.5L11 9.5l3.5 2-1 2.5c-5.5.5-11.5-5.5-11-11z" fill="currentColor" />
    </svg>
  );
}

export function BellIcon({ size = 14, className }: { size?: number; className?: string }) {
  return (
    <svg className={className} width={size} height={size} viewBox="0 0 18 18" aria-hidden="true">
      <path d="M9 2.5a5 5 0 0 1 5 5v3l1.5 2.5h-13L4 10.5v-3a5 5 0 0 1 5-5zM7.3 15a1.8 1.8 0 0 0 3.4 0" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
