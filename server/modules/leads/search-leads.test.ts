import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, Client, databaseKind, startTestServer, type TestServer } from '../../../test/helpers/server.js';
import { insertTeam, loginAs } from '../../../test/helpers/factories.js';
import { toDbTime } from '../../db/knex.js';
import { rebuildClientSearch, reindexClient } from '../clients/client-search.repo.js';
import { searchTuning } from './search-leads.js';
import { wordTuning } from '../clients/search-clients.js';

describe(`searching leads (${databaseKind})`, () => {
  let server: TestServer;
  let team: Awaited<ReturnType<typeof insertTeam>>;
  let other: Awaited<ReturnType<typeof insertTeam>>;
  let director: Client;
  let curator: Client;
  let manager: Client;
  let otherManager: Client;
  let otherCurator: Client;
  let phoneSeq = 1000;

  /** A website's request (each with its own text, so none is taken for a repeated post); answers the new lead's id. */
  async function post(body: Record<string, unknown>, t = team): Promise<number> {
    const seq = phoneSeq++;
    const res = await new Client(server.url).post('/api/intake', { phone: `+7 911 000 ${String(seq).padStart(4, '0')}`, comment: `request ${seq}`, ...body }, { 'x-site-key': t.site.key });
    expect(res.status).toBe(201);
    return res.body.leadId;
  }
  const clientOf = async (leadId: number) => (await director.get(`/api/leads/${leadId}`)).body.client;
  const search = async (who: Client, q: string, more = '') => {
    const res = await who.get(`/api/leads?q=${encodeURIComponent(q)}${more}`);
    expect(res.status, q).toBe(200);
    return res.body as { items: { id: number }[]; nextCursor: string | null; total: number; totalEstimated?: true };
  };
  const ids = async (who: Client, q: string) => (await search(who, q)).items.map((l) => l.id);

  beforeAll(async () => {
    server = await startTestServer();
    team = await insertTeam(server);
    other = await insertTeam(server);
    [director, curator, manager, otherManager, otherCurator] = await Promise.all([
      loginAs(server, ADMIN),
      loginAs(server, team.curator),
      loginAs(server, team.manager),
      loginAs(server, team.otherManager),
      loginAs(server, other.curator),
    ]);
  });
  afterAll(async () => server?.dispose());

  it('finds any word or word prefix of the name, organization, e-mail and address, and nothing inside a word', async () => {
    const lead = await post({ name: 'Смирнова Ольга', organization: 'ООО «Ромашка-Плюс»', email: 'olga.kuzmina@example.org' });
    const client = await clientOf(lead);
    expect((await director.patch(`/api/clients/${client.id}`, { version: client.version, address: 'ул. Садовая-Кудринская, д. 17' })).status).toBe(200);
    for (const q of ['смирнова', 'Смирн', 'ольга смирнова', 'ромашка', 'ромаш плюс', 'olga.kuzmina@example.org', 'kuzmina', 'olga.kuz', 'садовая-кудринская 17', 'кудрин', 'смирнова ромашка садовая']) {
      expect(await ids(director, q), q).toEqual([lead]);
    }
    // A word must start where the typed word does: no matches from the middle of one.
    for (const q of ['мирнова', 'машка', 'uzmina', 'смирнова петровна']) expect(await ids(director, q), q).toEqual([]);
  });

  it('reads ё as е and ignores case, both ways', async () => {
    const alena = await post({ name: 'Королёва Алёна' });
    const semen = await post({ name: 'СЕМЕНОВ Пётр' });
    for (const q of ['королева', 'КОРОЛЁВА', 'алена королёва', 'Алён']) expect(await ids(director, q), q).toEqual([alena]);
    for (const q of ['семёнов', 'семенов петр', 'ПЁТР СЕМЁН']) expect(await ids(director, q), q).toEqual([semen]);
  });

  it('finds any 4 or more consecutive digits of any phone, typed in any format', async () => {
    const lead = await post({ name: 'Digits Client', phone: '+7 (916) 483-27-19' });
    const client = await clientOf(lead);
    expect((await director.patch(`/api/clients/${client.id}`, { version: client.version, phones: ['+7 916 483 27 19', '8 (495) 726-15-38'] })).status).toBe(200);
    for (const q of ['916 483', '+7 (916) 483-27', '4832719', '2719', '8 916 483 27 19', '79164832719', '495 726', '7261538', '(495) 726-15-38']) {
      expect(await ids(director, q), q).toEqual([lead]);
    }
    for (const q of ['916 484', '483 2718', '+7 (916) 483-27-18']) expect(await ids(director, q), q).toEqual([]);
  });

  it('a term that matches nothing answers an empty page with a total of 0', async () => {
    await post({ name: 'Someone Real' });
    const found = await search(director, 'несуществующийклиент');
    expect(found).toMatchObject({ items: [], nextCursor: null, total: 0 });
    expect(await ids(director, '0000 0000')).toEqual([]);
  });

  it('ranks the exact e-mail first, then name matches, then the rest, newest first within each', async () => {
    const exact = await post({ name: 'Zed Quill', email: 'vesna@ranked.test' });
    const elsewhere = await post({ name: 'Another Person', email: 'vesna.ranked@other.test' });
    const longer = await post({ name: 'Longer Mail', email: 'vesna@ranked.test.example' });
    const named = await post({ name: 'Vesna Ranked Test' });
    const namedLater = await post({ name: 'Vesna Ranked Testova' });
    // An e-mail typed whole: that client first, then the addresses it begins.
    expect(await ids(director, 'Vesna@Ranked.test')).toEqual([exact, longer]);
    expect(await ids(director, 'vesna@ranked')).toEqual([longer, exact]);
    // Words: the names first, then the rest, newest first within each.
    const found = await search(director, 'vesna ranked');
    expect(found.items.map((l) => l.id)).toEqual([namedLater, named, longer, elsewhere, exact]);
    expect(found.total).toBe(5);
    // The same order through pages of two.
    const page1 = await search(director, 'vesna ranked', '&limit=2');
    const page2 = await search(director, 'vesna ranked', `&limit=2&cursor=${page1.nextCursor}`);
    const page3 = await search(director, 'vesna ranked', `&limit=2&cursor=${page2.nextCursor}`);
    expect([...page1.items, ...page2.items, ...page3.items].map((l) => l.id)).toEqual([namedLater, named, longer, elsewhere, exact]);
    expect(page3.nextCursor).toBeNull();
  });

  it('ranks the exact phone first, then every lead with those digits, newest first', async () => {
    const exactOld = await post({ name: 'Phone Owner', phone: '+7 912 765 43 21' });
    const contains = await post({ name: 'Longer Number', phone: '+7 (495) 127-65-43' });
    const exactNew = await post({ name: 'Phone Owner again', phone: '8 912 765-43-21' });
    expect(await ids(director, '8 (912) 765-43-21')).toEqual([exactNew, exactOld]);
    expect(await ids(director, '7654321')).toEqual([exactNew, exactOld]);
    expect(await ids(director, '765 43')).toEqual([exactNew, contains, exactOld]);
  });

  it('applies visibility before ranking and counting: a manager never finds another manager’s lead', async () => {
    const mine = await post({ name: 'Visibility Ulyana' });
    const theirs = await post({ name: 'Visibility Ulyana' });
    const elsewhere = await post({ name: 'Visibility Ulyana' }, other);
    expect((await curator.post(`/api/leads/${mine}/assign`, { managerId: team.manager.id })).status).toBe(200);
    expect((await curator.post(`/api/leads/${theirs}/assign`, { managerId: team.otherManager.id })).status).toBe(200);
    expect(await search(manager, 'ulyana')).toMatchObject({ items: [{ id: mine }], total: 1 });
    expect(await search(otherManager, 'visibility ulyana')).toMatchObject({ items: [{ id: theirs }], total: 1 });
    expect(await search(curator, 'ulyana')).toMatchObject({ total: 2 });
    expect(await search(otherCurator, 'ulyana')).toMatchObject({ items: [{ id: elsewhere }], total: 1 });
    expect((await search(director, 'ulyana')).total).toBe(3);
  });

  it('follows a client’s edits: a new name, phone and e-mail are found, the old ones no longer', async () => {
    const lead = await post({ name: 'Before Renamed', phone: '+7 913 555 01 02', email: 'before@edits.test' });
    const client = await clientOf(lead);
    const res = await director.patch(`/api/clients/${client.id}`, { version: client.version, fullName: 'Afterwards Named', phones: ['+7 913 888 09 08'], emails: ['after@edits.test'] });
    expect(res.status).toBe(200);
    for (const q of ['afterwards', 'named', 'afterwards named', 'named aft', '888 09 08', 'after@edits.test']) expect(await ids(director, q), q).toEqual([lead]);
    for (const q of ['before', 'renamed', 'before renamed', 'renamed bef', '555 01 02', 'before@edits.test']) expect(await ids(director, q), q).toEqual([]);
    // A later request from the known phone teaches the client an e-mail: found by it at once.
    const again = await post({ phone: '89138880908', email: 'learned@edits.test' });
    expect(await ids(director, 'learned@edits.test')).toEqual([again, lead]);
  });

  it('many matching clients: the visible leads walked in order give the same ranking, pages and visibility; the total is marked as an estimate', async () => {
    const saved = { ...searchTuning };
    Object.assign(searchTuning, { lookupMaxClients: 1, totalSample: 2 });
    try {
      const org = await post({ name: 'Someone Else', organization: 'Walkerton Group' });
      const named: number[] = [];
      for (let i = 0; i < 4; i++) named.push(await post({ name: `Walkerton Xenia ${i}` }));
      await post({ name: 'Walkerton Hidden' }, other);
      for (const id of [org, named[1], named[3]]) expect((await curator.post(`/api/leads/${id}/assign`, { managerId: team.manager.id })).status).toBe(200);
      const expected = [named[3], named[2], named[1], named[0], org];
      const page1 = await search(curator, 'walkerton', '&limit=2');
      expect(page1).toMatchObject({ items: [{ id: named[3] }, { id: named[2] }], totalEstimated: true });
      expect(page1.total).toBeGreaterThan(0);
      const page2 = await search(curator, 'walkerton', `&limit=2&cursor=${page1.nextCursor}`);
      const page3 = await search(curator, 'walkerton', `&limit=2&cursor=${page2.nextCursor}`);
      expect([...page1.items, ...page2.items, ...page3.items].map((l) => l.id)).toEqual(expected);
      expect(page3.nextCursor).toBeNull();
      expect(await ids(manager, 'walkerton')).toEqual([named[3], named[1], org]);
      expect(await ids(otherManager, 'walkerton')).toEqual([]);
      // Several words, each a prefix, checked per lead as the walk goes: names, then the other matches.
      expect(await ids(curator, 'walk xen')).toEqual([named[3], named[2], named[1], named[0]]);
      expect(await search(curator, 'walk xen', '&limit=2')).toMatchObject({ items: [{ id: named[3] }, { id: named[2] }], totalEstimated: true });
      expect(await ids(curator, 'walkerton gro')).toEqual([org]);
      expect(await ids(curator, 'walkerton xenia hidden')).toEqual([]);
    } finally {
      Object.assign(searchTuning, saved);
    }
  });

  it('a name pair, the last word typed as a prefix, finds names first then other matches, either way it is typed', async () => {
    const pairFull = await post({ name: 'Pairova Kseniya' });
    const other = await post({ name: 'Kseniya Someone', organization: 'ИП Pairova' });
    const older = await post({ name: 'Pairova Ksenofontova' });
    const surnameOnly = await post({ name: 'Pairova Marina' });
    const saved = { ...wordTuning };
    try {
      for (const seekOthersMax of [3000, 0]) {
        Object.assign(wordTuning, { seekOthersMax });
        // Names first (newest first), then the client with a word in its organization; a prefix as typed so far.
        expect(await ids(director, 'pairova ksen'), String(seekOthersMax)).toEqual([older, pairFull, other]);
        expect(await ids(director, 'ksen pairova'), String(seekOthersMax)).toEqual([older, pairFull, other]);
        expect(await ids(director, 'pairova kseniya'), String(seekOthersMax)).toEqual([pairFull, other]);
        expect(await ids(director, 'pairov marina'), String(seekOthersMax)).toEqual([surnameOnly]);
        expect((await search(director, 'pairova ksen')).total).toBe(3);
        expect(await ids(director, 'pairova ksenz'), String(seekOthersMax)).toEqual([]);
        // One typed word starting another: one name word may match both.
        expect(await ids(director, 'pairova pair'), String(seekOthersMax)).toEqual([surnameOnly, older, pairFull, other]);
      }
    } finally {
      Object.assign(wordTuning, saved);
    }
  });

  it('follows a merge of two clients: reindexClient rewrites the kept client from its data and forgets the merged one', async () => {
    const db = server.deps.db;
    const kept = await post({ name: 'Keptova Marina', phone: '+7 915 444 10 01' });
    const merged = await post({ name: 'Mergedova Marina', phone: '+7 915 444 20 02', email: 'merged@merge.test' });
    const [keptId, mergedId] = [(await clientOf(kept)).id as number, (await clientOf(merged)).id as number];
    // What a merge does to the data: the contacts and leads move to the kept client, which takes a new name.
    await db.transaction(async (tx) => {
      await tx('client_phones').where('client_id', mergedId).update({ client_id: keptId });
      await tx('client_emails').where('client_id', mergedId).update({ client_id: keptId });
      await tx('leads').where('client_id', mergedId).update({ client_id: keptId });
      await tx('clients').where('id', keptId).update({ full_name: 'Keptova-Mergedova Marina' });
      await tx('clients').where('id', mergedId).delete();
      await reindexClient(tx, keptId);
      await reindexClient(tx, mergedId);
    });
    for (const q of ['keptova', 'mergedova marina', 'marina keptova', '444 20 02', 'merged@merge.test', '915 444 10']) expect(new Set(await ids(director, q)), q).toEqual(new Set([kept, merged]));
    expect(await ids(director, 'keptova-mergedova')).toEqual([merged, kept]);
    expect(await db('client_words').where('client_id', mergedId).count({ n: '*' }).first()).toMatchObject({ n: 0 });
    expect(await db('client_name_pairs').where('client_id', mergedId).count({ n: '*' }).first()).toMatchObject({ n: 0 });
  });

  it('the migration indexes the clients already there', async () => {
    const db = server.deps.db;
    const now = toDbTime();
    const [clientId] = await db('clients').insert({ full_name: 'Премигрированный Клиент', organization: null, department_id: team.department.id, version: 1, created_at: now, updated_at: now });
    await db('client_phones').insert({ client_id: Number(clientId), phone: '+79149990001' });
    const [leadId] = await db('leads').insert({ client_id: Number(clientId), department_id: team.department.id, source: 'manual', status: 'new', version: 1, created_at: now, updated_at: now });
    expect(await ids(director, 'премигрированный')).toEqual([]);
    await rebuildClientSearch(db);
    expect(await ids(director, 'премигрированный')).toEqual([Number(leadId)]);
    expect(await ids(director, 'клиент премигр')).toEqual([Number(leadId)]);
    expect(await ids(director, '999 0001')).toEqual([Number(leadId)]);
    expect(await ids(director, 'ulyana')).toHaveLength(3);
  });
});
