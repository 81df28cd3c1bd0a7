import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKind, startTestServer, type TestServer } from '../../../test/helpers/server.js';
import { insertTeam, loginAs } from '../../../test/helpers/factories.js';
import { MAX_VIEWS_PER_USER } from './save-view.js';

describe(`saved views of the lead list (${databaseKind})`, () => {
  let server: TestServer;
  let team: Awaited<ReturnType<typeof insertTeam>>;

  beforeAll(async () => {
    server = await startTestServer();
    team = await insertTeam(server);
  });
  afterAll(async () => server?.dispose());

  it('keeps a person’s views for them alone; the same name again replaces its filters; delete removes it', async () => {
    const manager = await loginAs(server, team.manager);
    const other = await loginAs(server, team.otherManager);
    const saved = await manager.post('/api/views', { name: 'Горячие', query: '?status=interested,offer_sent&flagged=true&lead=42&sort=-updated' });
    expect(saved.status).toBe(201);
    // The open card is not part of a view.
    expect(saved.body.view).toMatchObject({ name: 'Горячие', query: 'status=interested%2Coffer_sent&flagged=true&sort=-updated' });
    expect((await manager.get('/api/views')).body.items).toEqual([saved.body.view]);
    expect((await other.get('/api/views')).body.items).toEqual([]);

    const again = await manager.post('/api/views', { name: 'Горячие', query: 'status=open' });
    expect(again.status).toBe(200);
    expect(again.body.view).toMatchObject({ id: saved.body.view.id, query: 'status=open' });
    expect((await manager.get('/api/views')).body.items).toHaveLength(1);

    expect((await other.delete(`/api/views/${saved.body.view.id}`)).status).toBe(404);
    expect((await manager.delete(`/api/views/${saved.body.view.id}`)).status).toBe(204);
    expect((await manager.get('/api/views')).body.items).toEqual([]);
  });

  it('refuses a view without a name, and more than the maximum, with 400 naming the field', async () => {
    const curator = await loginAs(server, team.curator);
    expect((await curator.post('/api/views', { name: '  ', query: '' })).body.error.fields).toHaveProperty('name');
    for (let i = 0; i < MAX_VIEWS_PER_USER; i++) expect((await curator.post('/api/views', { name: `v${i}`, query: 'status=new' })).status).toBe(201);
    const over = await curator.post('/api/views', { name: 'one more', query: '' });
    expect(over.status).toBe(400);
    expect(over.body.error.fields.name).toMatch(/представлен/i);
  });
});
