import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet, { type HelmetOptions } from 'helmet';

export const helmetOptions: HelmetOptions = { crossOriginResourcePolicy: { policy: 'same-site' } };

/**
 * helmet's headers, taken once, for the answers served on plain node:http (the intake endpoint): with these
 * options they never depend on the request, so they are the very headers express's answers carry.
 */
export function securityHeaders(): ReadonlyArray<readonly [string, string]> {
  const headers = new Map<string, string>();
  const res = {
    setHeader: (name: string, value: unknown) => headers.set(name, String(value)),
    removeHeader: (name: string) => headers.delete(name),
  };
  helmet(helmetOptions)({ headers: {} } as IncomingMessage, res as unknown as ServerResponse, () => {});
  return [...headers];
}
