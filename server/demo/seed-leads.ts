import { CLOSING_STATUSES, LEAD_COLOURS, LEAD_STATUSES, type ClosingStatus, type LeadStatus } from '../api-types.js';
import { toDbTime } from '../db/knex.js';
import type { Deps } from '../deps.js';
import { normalizePhone } from '../lib/phone.js';
import { knexLeadStore } from '../modules/leads/knex-lead-store.js';
import { historyRow, type HistoryChange } from '../modules/leads/lead-history.js';
import { writeLead } from '../modules/leads/write-lead.js';
import { furthestStep } from '../modules/leads/pipeline-step.js';
import { CONTRACT_SIGNED_STEP } from '../modules/leads/deal-amount.js';
import * as words from './demo-data.js';
import { drawsOf, makePerson, mulberry32, uniquePhone, type Rng } from './random.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

interface PendingHistory extends HistoryChange {
  at: Date;
}

/**
 * Leads over the last 60 days for the given departments. Each is written as the app writes a new lead (writeLead:
 * the same client matching, returning client's owner, columns and creation history) at its moment of arrival;
 * then what happened to it later: assignment by a curator, statuses walked through the pipeline, flags, colours,
 * comments and reminders, each with its history. One transaction: a few hundred leads take well under a few
 * seconds on either database. Answers how many leads were written.
 */

/** A seeded department as its leads need it: its people and its site. */
export interface DemoDepartment {
  id: number;
  name: string;
  /** Where its clients live (their addresses). */
  city: string;
  /** Its website: the pages its leads come from. */
  siteHost: string;
  curatorIds: number[];
  managers: { id: number; name: string }[];
  siteId: number;
}
export async function seedLeads(
  deps: Pick<Deps, 'db' | 'config'>,
  departments: DemoDepartment[],
  opts: { count: number; now?: Date; rng?: Rng },
): Promise<number> {
  const rng = opts.rng ?? mulberry32(7);
  const now = opts.now ?? new Date();
  const { pick, chance, between } = drawsOf(rng);
  const cap = (d: Date) => (d.getTime() > now.getTime() ? new Date(now.getTime() - Math.floor(rng() * 5 * MINUTE)) : d);
  const after = (d: Date, minMinutes: number, maxMinutes: number) => cap(new Date(d.getTime() + between(minMinutes, maxMinutes) * MINUTE));
  const pad = (n: number) => String(Math.floor(n)).padStart(2, '0');

  // Moments of arrival: spread over 60 days, more recently, in working hours (Moscow, UTC+3), sorted.
  const arrivals = Array.from({ length: opts.count }, (_, i) => {
    const recentBias = i < Math.min(12, opts.count) ? between(0, 1.5) : 60 * Math.pow(rng(), 1.15);
    const d = new Date(now.getTime() - recentBias * DAY);
    if (recentBias > 1) d.setUTCHours(Math.floor(between(6, 17)), Math.floor(between(0, 60)), Math.floor(between(0, 60)));
    return cap(d);
  }).sort((a, b) => a.getTime() - b.getTime());

  const usedPhones = new Set<string>();
  const knownClients = new Map<number, string[]>(); // departmentId → raw phones of earlier clients, for returning ones
  let soonLeft = 2; // reminders due a few minutes after start: the demo shows a pop-up
  const userNames = new Map<number, string>();
  for (const d of departments) for (const m of d.managers) userNames.set(m.id, m.name);

  await deps.db.transaction(async (tx) => {
    const store = knexLeadStore(tx);
    for (const [i, createdAt] of arrivals.entries()) {
      const dept = departments.length > 1 && chance(0.35) ? departments[1] : departments[0];
      const ageDays = (now.getTime() - createdAt.getTime()) / DAY;
      const earlier = knownClients.get(dept.id) ?? [];
      const returning = earlier.length > 20 && chance(0.12);
      const person = makePerson(pick, chance);
      const rawPhone = returning ? pick(earlier) : chance(0.9) ? uniquePhone(rng, pick, usedPhones, deps.config.defaultCountry) : null;
      const phone = rawPhone ? normalizePhone(rawPhone, deps.config.defaultCountry) : null;
      const email = !phone || chance(0.45) ? `${person.login}${Math.floor(between(1, 999))}@${chance(0.3) && person.organization ? 'corp.ru' : pick(words.EMAIL_DOMAINS)}` : null;

      // A lead typed in by hand is its manager's from the start; a site's goes to a returning client's manager.
      const manual = chance(0.15);
      const madeBy = manual ? pick(dept.managers).id : null;
      const siteHost = dept.siteHost;
      const written = await writeLead(store, {
        departmentId: dept.id,
        siteId: manual ? null : dept.siteId,
        source: manual ? 'manual' : 'site',
        createdBy: madeBy,
        client: { fullName: person.fullName, organization: person.organization, phones: phone ? [phone] : [], emails: email ? [email] : [] },
        service: chance(0.85) ? pick(words.SERVICES) : null,
        message: manual ? null : pick(words.MESSAGES) || null,
        pageUrl: manual ? null : `https://${siteHost}/${pick(['', 'kondicionery', 'ventilyaciya', 'servis', 'kontakty', 'akcii'])}`,
        utm: !manual && chance(0.4) ? pick(words.UTM_SOURCES) : null,
        ownerId: manual ? madeBy : undefined,
        // A site's form may say the client's language and the budget they have in mind (rules can route on both).
        language: manual ? null : chance(0.12) ? pick(['bg', 'en', 'uk']) : chance(0.5) ? 'ru' : null,
        requested: !manual && chance(0.3) ? { amount: 5000 * Math.floor(between(6, 200)), currency: 'RUB' } : null,
        at: createdAt,
      });
      if (written.kind !== 'created') throw new Error('a demo lead was replayed instead of created');
      const { leadId, clientId, returningClient } = written.result;
      if (!returningClient) {
        if (rawPhone) knownClients.set(dept.id, [...earlier, rawPhone]);
        await tx('clients')
          .where('id', clientId)
          .update({
            address: chance(0.4) ? `${dept.city}, ${pick(words.STREETS)}, д. ${Math.floor(between(1, 120))}` : null,
            needs: chance(0.3) ? pick(words.SERVICES) : null,
            birthday: chance(0.15) ? `19${Math.floor(between(60, 99))}-${pad(between(1, 13))}-${pad(between(1, 29))}` : null,
          });
      }

      // What happened later. The latest arrivals without an owner wait in the curator's inbox; a curator assigned the others.
      const history: PendingHistory[] = [];
      let ownerId = written.lead.ownerId;
      let assignedAt: Date | null = ownerId === null ? null : createdAt;
      const unassigned = ownerId === null && ageDays < 1.5 && chance(0.7);
      if (ownerId === null && !unassigned) {
        ownerId = pick(dept.managers).id;
        assignedAt = after(createdAt, 2, ageDays < 2 ? 40 : 180);
        history.push({ leadId, actorId: pick(dept.curatorIds), action: 'assigned', field: 'owner', oldValue: null, newValue: userNames.get(ownerId) ?? String(ownerId), at: assignedAt });
      }

      let firstContactAt: Date | null = null;
      let statusChangedAt: Date | null = null;
      let closedAt: Date | null = null;
      let status: LeadStatus = 'new';
      if (ownerId !== null && assignedAt !== null) {
        let t = assignedAt;
        // How far along: older leads had time to move further.
        const reach = Math.min(LEAD_STATUSES.length - 1, Math.floor(ageDays / 5) + 1);
        const stage = Math.floor(Math.pow(rng(), 0.8) * (reach + 1));
        const closing: ClosingStatus | null = ageDays > 3 && chance(0.22) ? pick(CLOSING_STATUSES) : null;
        if (stage > 0 || closing) {
          firstContactAt = after(t, 3, 120);
          t = firstContactAt;
        }
        for (let s = 1; s <= Math.min(stage, LEAD_STATUSES.length - 1); s++) {
          t = after(t, 30, Math.max(60, (ageDays * DAY) / MINUTE / (stage + 2)));
          history.push({ leadId, actorId: ownerId, action: 'status', field: 'status', oldValue: status, newValue: LEAD_STATUSES[s], at: t });
          status = LEAD_STATUSES[s];
          statusChangedAt = t;
        }
        if (closing && status !== 'completed') {
          t = after(t, 60, 3 * 24 * 60);
          history.push({ leadId, actorId: ownerId, action: 'status', field: 'status', oldValue: status, newValue: closing, at: t });
          status = closing;
          statusChangedAt = t;
          closedAt = t;
        }
      }

      const flagged = ownerId !== null && chance(0.1);
      const colour = ownerId !== null && chance(0.35) ? pick(LEAD_COLOURS) : null;
      if (flagged) history.push({ leadId, actorId: ownerId, action: 'field', field: 'flagged', oldValue: false, newValue: true, at: after(assignedAt ?? createdAt, 5, 600) });
      if (colour) history.push({ leadId, actorId: ownerId, action: 'field', field: 'colour', oldValue: null, newValue: colour, at: after(assignedAt ?? createdAt, 5, 600) });

      const comments: { author_id: number; text: string; at: Date }[] = [];
      if (ownerId !== null && firstContactAt) {
        const n = Math.floor(between(0, 4));
        let ct = firstContactAt;
        for (let c = 0; c < n; c++) {
          ct = after(ct, 20, 2 * 24 * 60);
          const text = pick(words.COMMENTS);
          comments.push({ author_id: ownerId, text, at: ct });
          history.push({ leadId, actorId: ownerId, action: 'comment', newValue: text, at: ct });
        }
      }

      const lastChange = history.reduce((m, h) => (h.at > m ? h.at : m), createdAt);
      // A signed contract is an order: when it was signed, and its amount (10 000 … 500 000, whole thousands).
      const signed = history.find((h) => h.action === 'status' && furthestStep(0, String(h.newValue)) >= CONTRACT_SIGNED_STEP);
      await tx('leads')
        .where('id', leadId)
        .update({
          owner_id: ownerId,
          status,
          furthest_step: history.reduce((m, h) => (h.action === 'status' ? furthestStep(m, String(h.newValue)) : m), 0),
          flagged,
          colour,
          version: 1 + history.length,
          updated_at: toDbTime(lastChange),
          assigned_at: assignedAt && toDbTime(assignedAt),
          first_contact_at: firstContactAt && toDbTime(firstContactAt),
          status_changed_at: statusChangedAt && toDbTime(statusChangedAt),
          closed_at: closedAt && toDbTime(closedAt),
          won_at: signed ? toDbTime(signed.at) : null,
          amount: signed ? 1000 * (10 + ((leadId * 7919) % 490)) : null,
          currency: signed ? 'RUB' : null,
        });
      if (comments.length) await tx('lead_comments').insert(comments.map((c) => ({ lead_id: leadId, author_id: c.author_id, text: c.text, created_at: toDbTime(c.at) })));

      // Callback reminders on open leads: most ahead, some done; the first ones pop up minutes after start.
      const open = ownerId !== null && !closedAt && status !== 'completed';
      const soon = open && soonLeft > 0 && i >= arrivals.length - 25;
      if (soon) soonLeft -= 1;
      if (open && (soon || i % 7 === 0 || chance(0.1))) {
        const past = !soon && chance(0.3);
        const dueAt = soon ? new Date(now.getTime() + between(2, 6) * MINUTE) : past ? after(assignedAt ?? createdAt, 60, 5 * 24 * 60) : new Date(now.getTime() + between(1, 7 * 24) * 60 * MINUTE);
        const setAt = past ? after(assignedAt ?? createdAt, 1, 60) : cap(new Date(now.getTime() - between(5, 600) * MINUTE));
        const text = pick(words.REMINDER_TEXTS);
        await tx('reminders').insert({
          lead_id: leadId,
          user_id: ownerId,
          kind: 'callback',
          due_at: toDbTime(dueAt),
          text,
          created_by: ownerId,
          created_at: toDbTime(setAt < createdAt ? createdAt : setAt),
          fired_at: past ? toDbTime(dueAt) : null,
          done_at: past ? toDbTime(after(dueAt, 5, 120)) : null,
        });
        history.push({ leadId, actorId: ownerId, action: 'reminder', field: 'due_at', newValue: `${dueAt.toISOString()} ${text}`, at: setAt < createdAt ? createdAt : setAt });
      }

      // After the creation rows the writer wrote, oldest first.
      history.sort((a, b) => a.at.getTime() - b.at.getTime());
      if (history.length) await tx('lead_history').insert(history.map((h) => historyRow(h, toDbTime(h.at))));
    }
  });
  return arrivals.length;
}
