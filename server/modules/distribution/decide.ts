import type { DistributionDecisionDto, DistributionReasonDto, DistributionSettings, Presence } from '../../api-types.js';
import { isWorkingTime, type WorkingHours } from '../../lib/working-time.js';

/**
 * The distribution decision, without a database: given the department's settings, its active managers as they are
 * now and the lead's facts, who gets the lead and why. Order: a rule (first match with an eligible manager wins) →
 * the fair pool → the curators' inbox. (The client's owner comes before all of these, when the lead is written.)
 */

/** An active manager of the department as the decision sees them. */
export interface Candidate {
  id: number;
  name: string;
  /** Effective presence (presence module): `offline` when no tab is open. */
  presence: Presence;
  /** On a call, or their phone ringing (an instant callback, a click-to-call, a call to them): not given a lead. */
  onCall: boolean;
  /** Leads in status "new" they own now. */
  openNew: number;
  /** Their place in the fair pool (lowest goes next); null: never chosen by the pool. */
  pass: number | null;
  /** When the pool or a rule last gave them a lead; null: never. */
  lastLeadAt: Date | null;
  /** The department's decision count when they last got a lead (orders ties, whatever the clocks say); null: never. */
  lastTurn: number | null;
  /** Their own working hours, which replace the department's for them; null: the department's. */
  hours: WorkingHours | null;
}

export interface LeadFacts {
  siteId: number | null;
  service: string | null;
  /** The client's language (ISO 639-1), or null. */
  language: string | null;
  /** The amount the client named, in the department's currency `currency`; null: none, or named in another currency. */
  amount: number | null;
  currency: string | null;
}

export interface DecideInput {
  settings: DistributionSettings;
  candidates: Candidate[];
  lead: LeadFacts;
  /** Whether now is inside the department's working hours (a manager with hours of their own is judged by those). */
  working: boolean;
  now: Date;
}

export interface Decision {
  decision: DistributionDecisionDto['decision'];
  userId: number | null;
  reasons: DistributionReasonDto[];
  /** The chosen manager's next place in the fair pool (stride: + 1 / weight). */
  nextPass: number | null;
}

/**
 * Why a manager cannot take a lead now, or null when they can. Checked in this order. `working`: whether `now` is in
 * the department's hours — a manager with hours of their own is inside or outside those instead.
 */
export function skipReason(c: Candidate, working: boolean, cap: number | null, now: Date): DistributionReasonDto['code'] | null {
  if (c.presence === 'offline') return 'offline';
  if (c.presence === 'away') return 'away';
  if (c.presence === 'dnd') return 'dnd';
  if (c.onCall) return 'on_call';
  if (!(c.hours ? isWorkingTime(c.hours, now) : working)) return 'outside_hours';
  if (cap !== null && c.openNew >= cap) return 'at_cap';
  return null;
}

type Rule = DistributionSettings['rules'][number];

/** Whether the lead meets every condition the rule gives; amount bounds are inclusive and need a stated amount. */
function ruleMatches(rule: Rule, lead: LeadFacts): boolean {
  if (rule.siteId !== undefined && rule.siteId !== lead.siteId) return false;
  if (rule.service !== undefined && !(lead.service ?? '').toLocaleLowerCase().includes(rule.service.toLocaleLowerCase())) return false;
  if (rule.languages !== undefined && (lead.language === null || !rule.languages.includes(lead.language))) return false;
  if (rule.amountMin !== undefined && (lead.amount === null || lead.amount < rule.amountMin)) return false;
  if (rule.amountMax !== undefined && (lead.amount === null || lead.amount > rule.amountMax)) return false;
  return true;
}

/** The `rule_matched` reason: the rule's number and the language and amount conditions it met ("rule 2: language bg, amount ≥ 100000"). */
function ruleReason(index: number, rule: Rule, lead: LeadFacts): DistributionReasonDto {
  const params: DistributionReasonDto['params'] = { rule: index + 1 };
  if (rule.languages !== undefined) params.language = lead.language;
  if (rule.amountMin !== undefined) params.amountMin = rule.amountMin;
  if (rule.amountMax !== undefined) params.amountMax = rule.amountMax;
  if (rule.amountMin !== undefined || rule.amountMax !== undefined) params.currency = lead.currency;
  return { code: 'rule_matched', params };
}

function weightOf(settings: DistributionSettings, userId: number): number {
  return settings.fairPool?.weights?.[String(userId)] ?? 1;
}

/**
 * The eligible one of `group` longest without a lead: the lowest pool place, then the earliest last lead (never: first),
 * then the lowest id. Places below the lowest one among the eligible are lifted to it, so a manager back from a day
 * off or a newcomer joins the round where it stands instead of taking every lead until caught up. Skipped ones add
 * their reason to `reasons`.
 */
function pick(input: DecideInput, group: Candidate[], reasons: DistributionReasonDto[]): { chosen: Candidate; pass: number } | null {
  const eligible: Candidate[] = [];
  for (const c of group) {
    const why = skipReason(c, input.working, input.settings.capOpenNew, input.now);
    if (why) reasons.push({ code: why, params: { userId: c.id, name: c.name, ...(why === 'at_cap' ? { cap: input.settings.capOpenNew } : {}) } });
    else eligible.push(c);
  }
  const known = eligible.map((c) => c.pass).filter((p): p is number => p !== null);
  const floor = known.length ? Math.min(...known) : 0;
  let best: { chosen: Candidate; pass: number } | null = null;
  for (const c of eligible) {
    const pass = Math.max(c.pass ?? floor, floor);
    if (!best || pass < best.pass || (pass === best.pass && earlier(c, best.chosen))) best = { chosen: c, pass };
  }
  return best;
}

function earlier(a: Candidate, b: Candidate): boolean {
  const ta = a.lastTurn ?? -Infinity;
  const tb = b.lastTurn ?? -Infinity;
  return ta < tb || (ta === tb && a.id < b.id);
}

function chose(input: DecideInput, decision: 'rule' | 'pool', picked: { chosen: Candidate; pass: number }, reasons: DistributionReasonDto[]): Decision {
  const { chosen, pass } = picked;
  const minutes = chosen.lastLeadAt ? Math.floor((input.now.getTime() - chosen.lastLeadAt.getTime()) / 60_000) : null;
  reasons.push({ code: 'longest_waiting', params: { userId: chosen.id, name: chosen.name, minutes } });
  return { decision, userId: chosen.id, reasons, nextPass: pass + 1 / weightOf(input.settings, chosen.id) };
}

/** Who gets the lead, with every reason on the way; the curators' inbox when nobody can take it. */
export function decide(input: DecideInput): Decision {
  const reasons: DistributionReasonDto[] = [];
  const byId = new Map(input.candidates.map((c) => [c.id, c]));
  for (const [index, rule] of input.settings.rules.entries()) {
    if (!ruleMatches(rule, input.lead)) continue;
    const group = rule.userIds.map((id) => byId.get(id)).filter((c): c is Candidate => c !== undefined);
    reasons.push(ruleReason(index, rule, input.lead));
    const picked = pick(input, group, reasons);
    if (picked) return chose(input, 'rule', picked, reasons);
  }
  if (input.settings.fairPool) {
    const picked = pick(input, input.candidates, reasons);
    if (picked) return chose(input, 'pool', picked, reasons);
  }
  reasons.push({ code: 'no_eligible', params: {} });
  return { decision: 'inbox', userId: null, reasons, nextPass: null };
}
