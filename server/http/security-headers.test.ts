import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/helpers/server.js';

describe('security headers follow how the page arrived', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ TRUST_PROXY: 'true' });
  });
  afterAll(async () => server?.dispose());

  const headersOf = async (path: string, init: RequestInit = {}) => (await fetch(server.url + path, init)).headers;

  it('sends HSTS and upgrade-insecure-requests only behind TLS (here: a trusted proxy that says https)', async () => {
    for (const [path, init] of [['/api/auth/session', {}], ['/api/intake', { method: 'POST' }]] as const) {
      const plain = await headersOf(path, init);
      expect(plain.get('strict-transport-security'), path).toBeNull();
      expect(plain.get('content-security-policy'), path).not.toMatch(/upgrade-insecure-requests/);
      const tls = await headersOf(path, { ...init, headers: { 'x-forwarded-proto': 'https' } });
      expect(tls.get('strict-transport-security'), path).toMatch(/max-age=\d+/);
      expect(tls.get('content-security-policy'), path).toMatch(/upgrade-insecure-requests/);
    }
  });
});
