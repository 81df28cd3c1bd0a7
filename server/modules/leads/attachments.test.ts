import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, databaseKind, startTestServer, type TestServer } from '../../../test/helpers/server.js';
import { insertTeam, loginAs } from '../../../test/helpers/factories.js';

function form(name: string, content: string | Uint8Array<ArrayBuffer>, type = 'application/octet-stream'): FormData {
  const fd = new FormData();
  fd.append('file', new Blob([content], { type }), name);
  return fd;
}

describe(`lead files (${databaseKind})`, () => {
  let server: TestServer;
  let team: Awaited<ReturnType<typeof insertTeam>>;
  let manager: Client;
  let otherManager: Client;
  let assistant: Client;
  let curator: Client;
  let leadId: number;

  beforeAll(async () => {
    server = await startTestServer({ UPLOAD_MAX_MB: '0.01' });
    team = await insertTeam(server);
    [manager, otherManager, assistant, curator] = await Promise.all([
      loginAs(server, team.manager),
      loginAs(server, team.otherManager),
      loginAs(server, team.assistant),
      loginAs(server, team.curator),
    ]);
    const res = await new Client(server.url).post('/api/intake', { phone: '+79111234567' }, { 'x-site-key': team.site.key });
    leadId = res.body.leadId;
    await curator.post(`/api/leads/${leadId}/assign`, { managerId: team.manager.id });
  });
  afterAll(async () => server?.dispose());

  it('uploads a file, lists it on the card, and downloads it safely', async () => {
    const up = await assistant.post(`/api/leads/${leadId}/attachments`, form('../../etc/Offer "v2".pdf', '%PDF-1.4 offer', 'application/pdf'));
    expect(up.status).toBe(201);
    expect(up.body.attachment).toMatchObject({ leadId, fileName: 'Offer _v2_.pdf', mimeType: 'application/pdf', size: 14, uploaderName: team.assistant.name });
    const stored = await server.deps.db('attachments').where('id', up.body.attachment.id).first();
    expect(stored.storage_key).toMatch(/^[a-f0-9]{48}$/);
    expect(fs.readdirSync(server.config.uploadsDir)).toEqual([stored.storage_key]);

    const card = await manager.get(`/api/leads/${leadId}`);
    expect(card.body.attachments.map((a: any) => a.id)).toEqual([up.body.attachment.id]);
    expect(card.body.history.at(-1)).toMatchObject({ action: 'attachment', actorName: team.assistant.name, newValue: 'Offer _v2_.pdf' });

    const res = await fetch(server.url + up.body.attachment.url, { headers: { cookie: manager.cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="Offer _v2_.pdf"/);
    expect(await res.text()).toBe('%PDF-1.4 offer');
  });

  it('keeps a file whose claimed type is longer than the column holds, as a plain byte stream', async () => {
    const longType = `${'a'.repeat(63)}/${'b'.repeat(64)}`; // a well-formed type of 128 characters
    expect(longType.length).toBeGreaterThan(127);
    const up = await manager.post(`/api/leads/${leadId}/attachments`, form('notes.bin', 'bytes', longType));
    expect(up.status).toBe(201);
    expect(up.body.attachment.mimeType).toBe('application/octet-stream');
  });

  it('another manager can neither download nor attach', async () => {
    const up = await manager.post(`/api/leads/${leadId}/attachments`, form('Договор.txt', 'private', 'application/vnd.ms-excel'));
    expect(up.status).toBe(201);
    const own = await fetch(`${server.url}/api/attachments/${up.body.attachment.id}`, { headers: { cookie: manager.cookie } });
    expect(own.headers.get('content-type')).toBe('application/vnd.ms-excel'); // what was stored, not a guess from the name
    expect(own.headers.get('content-disposition')).toContain("filename*=UTF-8''%D0%94%D0%BE%D0%B3%D0%BE%D0%B2%D0%BE%D1%80.txt");
    expect((await otherManager.get(`/api/attachments/${up.body.attachment.id}`)).status).toBe(404);
    expect((await new Client(server.url).get(`/api/attachments/${up.body.attachment.id}`)).status).toBe(401);
    const before = fs.readdirSync(server.config.uploadsDir).length;
    expect((await otherManager.post(`/api/leads/${leadId}/attachments`, form('x.txt', 'x'))).status).toBe(404);
    expect(fs.readdirSync(server.config.uploadsDir).length).toBe(before);
  });

  it('refuses too large (413), dangerous (415) and missing files (400)', async () => {
    const before = fs.readdirSync(server.config.uploadsDir).length;
    const big = await manager.post(`/api/leads/${leadId}/attachments`, form('big.bin', new Uint8Array(20_000)));
    expect(big.status).toBe(413);
    for (const [name, type] of [
      ['setup.exe', 'application/octet-stream'],
      ['page.html', 'text/html'],
      ['logo.svg', 'image/svg+xml'],
      ['innocent.txt', 'text/html'],
    ]) {
      const res = await manager.post(`/api/leads/${leadId}/attachments`, form(name, 'x', type));
      expect(res.status, name).toBe(415);
      expect(res.body.error.message).toMatch(/прикладывать нельзя/);
    }
    const none = await manager.post(`/api/leads/${leadId}/attachments`, new FormData());
    expect(none.status).toBe(400);
    expect(none.body.error.fields).toHaveProperty('file');
    expect(fs.readdirSync(server.config.uploadsDir).length).toBe(before);
  });
});
