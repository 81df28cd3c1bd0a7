import type { Database } from 'better-sqlite3';
import type { Db } from '../../db/knex.js';
import { isUniqueViolation, toDbTime } from '../../db/knex.js';
import { enrichment, newClientSummary, type FoundClient } from '../clients/find-or-create-client.js';
import type { IncomingClient } from '../clients/clients.schema.js';
import { buildSearchText } from '../clients/clients.repo.js';
import { asText } from './lead-history.js';
import { isEligibleOwner } from './leads.repo.js';
import { creationHistory, leadColumns, newLeadSummary, type CreatedLead, type Idempotency, type NewLead, type WriteOutcome } from './write-lead.js';

const MAX_BATCH = 100;
const MAX_ATTEMPTS = 3;

interface Job {
  input: NewLead;
  idem?: Idempotency;
  attempts: number;
  resolve(o: WriteOutcome): void;
  reject(err: unknown): void;
}

type Statements = ReturnType<typeof prepare>;

function prepare(conn: Database) {
  return {
    // One indexed get per contact rather than one UNION … ORDER BY: the sort costs SQLite a temporary b-tree.
    clientByPhone: conn.prepare('select client_id from client_phones where phone = ?').pluck(),
    clientByEmail: conn.prepare('select client_id from client_emails where email = ?').pluck(),
    clientRow: conn.prepare('select full_name, organization from clients where id = ?'),
    phonesOf: conn.prepare('select phone from client_phones where client_id = ? order by id').pluck(),
    emailsOf: conn.prepare('select email from client_emails where client_id = ? order by id').pluck(),
    phoneElsewhere: conn.prepare('select 1 from client_phones where phone = ? and client_id <> ?').pluck(),
    emailElsewhere: conn.prepare('select 1 from client_emails where email = ? and client_id <> ?').pluck(),
    insertClient: conn.prepare(
      'insert into clients (full_name, organization, department_id, search_text, version, created_at, updated_at) values (?, ?, ?, ?, 1, ?, ?)',
    ),
    insertPhone: conn.prepare('insert into client_phones (client_id, phone) values (?, ?)'),
    insertEmail: conn.prepare('insert into client_emails (client_id, email) values (?, ?)'),
    updateClient: conn.prepare('update clients set full_name = ?, organization = ?, search_text = ?, version = version + 1, updated_at = ? where id = ?'),
    previousOwner: conn.prepare(
      `select leads.owner_id, users.role, users.active, users.department_id from leads join users on users.id = leads.owner_id
       where leads.client_id = ? order by leads.created_at desc, leads.id desc limit 1`,
    ),
    userName: conn.prepare('select name from users where id = ?').pluck(),
    insertLead: conn.prepare(
      `insert into leads (client_id, department_id, site_id, owner_id, source, status, flagged, colour, service, message, page_url, utm,
        returning_client, created_by, version, created_at, updated_at, assigned_at)
       values (@client_id, @department_id, @site_id, @owner_id, @source, @status, @flagged, @colour, @service, @message, @page_url, @utm,
        @returning_client, @created_by, @version, @created_at, @updated_at, @assigned_at)`,
    ),
    insertHistory: conn.prepare('insert into lead_history (lead_id, actor_id, action, field, old_value, new_value, created_at) values (?, ?, ?, ?, ?, ?, ?)'),
    findIdem: conn.prepare('select response from idempotency_keys where site_id = ? and "key" = ?').pluck(),
    insertIdem: conn.prepare('insert into idempotency_keys (site_id, "key", response, created_at) values (?, ?, ?, ?)'),
  };
}

/**
 * SQLite has one writer, and a commit costs far more than the rows in it; so site leads arriving together are
 * written together: one transaction per batch, with statements prepared once. Should one of them fail, the batch is
 * written again with each lead in its own savepoint, so one bad request cannot sink the others. Every caller is
 * answered only after the batch has committed: a lead acknowledged is a lead on disk, exactly as with one transaction
 * per lead. The same rules as writeLeadWithKnex.
 */
export class SqliteLeadWriter {
  private queue: Job[] = [];
  private flushing = false;
  private statements = new WeakMap<Database, Statements>();

  constructor(private readonly db: Db) {}

  write(input: NewLead, idem?: Idempotency): Promise<WriteOutcome> {
    return new Promise((resolve, reject) => {
      this.queue.push({ input, idem, attempts: 0, resolve, reject });
      if (!this.flushing) {
        this.flushing = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    while (this.queue.length) {
      const jobs = this.queue.splice(0, MAX_BATCH);
      let settled: Settled;
      let conn: Database | undefined;
      try {
        conn = (await this.db.client.acquireConnection()) as Database;
        const c = conn;
        let s = this.statements.get(c);
        if (!s) this.statements.set(c, (s = prepare(c)));
        const stmts = s;
        try {
          // Nearly every batch is all good requests: written straight through in one transaction.
          settled = c.transaction(() => ({ outcomes: new Map(jobs.map((job) => [job, writeOne(stmts, job)])), retry: [], failed: new Map() }))();
        } catch {
          // One of them failed and the batch was rolled back: again, each in its own savepoint, so only it fails.
          settled = c.transaction(() => writeApart(c, stmts, jobs))();
        }
      } catch (err) {
        settled = { outcomes: new Map(), retry: [], failed: new Map(jobs.map((job) => [job, err])) };
      } finally {
        if (conn) await this.db.client.releaseConnection(conn);
      }
      for (const [job, outcome] of settled.outcomes) job.resolve(outcome);
      for (const [job, err] of settled.failed) job.reject(err);
      this.queue.unshift(...settled.retry);
    }
    this.flushing = false;
  }
}

interface Settled {
  outcomes: Map<Job, WriteOutcome>;
  /** Lost a race to another process (the same phone or key): looked at again in the next batch. */
  retry: Job[];
  failed: Map<Job, unknown>;
}

function writeApart(conn: Database, stmts: Statements, jobs: Job[]): Settled {
  const settled: Settled = { outcomes: new Map(), retry: [], failed: new Map() };
  for (const job of jobs) {
    try {
      settled.outcomes.set(job, conn.transaction(() => writeOne(stmts, job))());
    } catch (err) {
      if (isUniqueViolation(err) && ++job.attempts < MAX_ATTEMPTS) settled.retry.push(job);
      else settled.failed.set(job, err);
    }
  }
  return settled;
}

function findOrCreateClient(s: Statements, incoming: IncomingClient, departmentId: number, now: string): FoundClient {
  let found: number | undefined;
  for (const p of incoming.phones) if (found === undefined) found = s.clientByPhone.get(p) as number | undefined;
  for (const e of incoming.emails) if (found === undefined) found = s.clientByEmail.get(e) as number | undefined;
  if (found === undefined) {
    const info = s.insertClient.run(incoming.fullName, incoming.organization, departmentId, buildSearchText(incoming), now, now);
    const clientId = Number(info.lastInsertRowid);
    for (const p of incoming.phones) s.insertPhone.run(clientId, p);
    for (const e of incoming.emails) s.insertEmail.run(clientId, e);
    return { clientId, existed: false, summary: newClientSummary(incoming) };
  }
  const clientId = Number(found);
  const row = s.clientRow.get(clientId) as { full_name: string | null; organization: string | null };
  const known = { phones: s.phonesOf.all(clientId) as string[], emails: s.emailsOf.all(clientId) as string[] };
  const candidates = enrichment.candidates(known, incoming);
  const added = {
    phones: candidates.phones.filter((p) => !s.phoneElsewhere.get(p, clientId)),
    emails: candidates.emails.filter((e) => !s.emailElsewhere.get(e, clientId)),
  };
  const next = enrichment.apply(row, known, incoming, added);
  if (next.changed) {
    for (const p of added.phones) s.insertPhone.run(clientId, p);
    for (const e of added.emails) s.insertEmail.run(clientId, e);
    s.updateClient.run(next.fullName, next.organization, next.searchText, now, clientId);
  }
  return { clientId, existed: true, summary: next.summary };
}

function writeOne(s: Statements, job: Job): WriteOutcome {
  const { input, idem } = job;
  const now = toDbTime();
  if (idem) {
    const stored = s.findIdem.get(idem.siteId, idem.key) as string | undefined;
    if (stored !== undefined) return { kind: 'replayed', response: stored };
  }
  const client = findOrCreateClient(s, input.client, input.departmentId, now);
  let ownerId = input.ownerId ?? null;
  if (input.ownerId === undefined && client.existed) {
    const prev = s.previousOwner.get(client.clientId) as { owner_id: number; role: string; active: number; department_id: number | null } | undefined;
    if (prev && isEligibleOwner(prev, input.departmentId)) ownerId = Number(prev.owner_id);
  }
  const ownerName = ownerId === null ? null : ((s.userName.get(ownerId) as string | undefined) ?? null);
  const columns = leadColumns(input, client.clientId, client.existed, ownerId, now);
  const leadId = Number(s.insertLead.run(columns).lastInsertRowid);
  for (const h of creationHistory(leadId, input, ownerId, ownerName)) {
    s.insertHistory.run(h.leadId, h.actorId, h.action, h.field ?? null, asText(h.oldValue), asText(h.newValue), now);
  }
  const result: CreatedLead = { leadId, clientId: client.clientId, returningClient: client.existed };
  if (idem) s.insertIdem.run(idem.siteId, idem.key, JSON.stringify(result), now);
  return { kind: 'created', result, lead: newLeadSummary(leadId, columns, client.summary, ownerName) };
}
