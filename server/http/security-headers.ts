import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { RequestHandler } from 'express';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * helmet's headers for a page served over plain HTTP (an office LAN: `http://192.168.1.10:3000`): no HSTS, no
 * Cross-Origin-Opener-Policy, and no CSP `upgrade-insecure-requests`, which would make the browser fetch the
 * page's own scripts over https and leave it blank. Behind TLS all are sent (helmetOptions(true)).
 */
export function helmetOptions(tls: boolean): HelmetOptions {
  return {
    crossOriginResourcePolicy: { policy: 'same-site' },
    strictTransportSecurity: tls,
    // Browsers ignore COOP on an untrustworthy (plain HTTP) origin, with an error in the console.
    crossOriginOpenerPolicy: tls,
    contentSecurityPolicy: { directives: { upgradeInsecureRequests: tls ? [] : null } },
  };
}

/**
 * Whether this request reached us over TLS: its own socket, or — with TRUST_PROXY — the proxy's
 * `X-Forwarded-Proto: https` (the last value, the one the trusted proxy appended).
 */
export function arrivedOverTls(req: IncomingMessage, trustProxy: boolean): boolean {
  if ((req.socket as TLSSocket).encrypted) return true;
  if (!trustProxy) return false;
  const proto = req.headers['x-forwarded-proto'];
  const last = (Array.isArray(proto) ? proto.join(',') : proto ?? '').split(',').pop()?.trim().toLowerCase();
  return last === 'https';
}

/** helmet for express: TLS or plain headers by how each request arrived. */
export function securityMiddleware(trustProxy: boolean): RequestHandler {
  const tls = helmet(helmetOptions(true));
  const plain = helmet(helmetOptions(false));
  return (req, res, next) => (arrivedOverTls(req, trustProxy) ? tls : plain)(req, res, next);
}

function headersOf(options: HelmetOptions): ReadonlyArray<readonly [string, string]> {
  const headers = new Map<string, string>();
  const res = {
    setHeader: (name: string, value: unknown) => headers.set(name, String(value)),
    removeHeader: (name: string) => headers.delete(name),
  };
  helmet(options)({ headers: {} } as IncomingMessage, res as unknown as ServerResponse, () => {});
  return [...headers];
}

/**
 * helmet's headers, taken once, for the answers served on plain node:http (the intake endpoint): with these
 * options they depend on the request only through TLS, so they are the very headers express's answers carry.
 */
export function securityHeaders(trustProxy: boolean): (req: IncomingMessage) => ReadonlyArray<readonly [string, string]> {
  const tls = headersOf(helmetOptions(true));
  const plain = headersOf(helmetOptions(false));
  return (req) => (arrivedOverTls(req, trustProxy) ? tls : plain);
}
