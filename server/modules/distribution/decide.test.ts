import { describe, expect, it } from 'vitest';
import type { DistributionSettings } from '../../api-types.js';
import { DEFAULT_DISTRIBUTION } from '../departments/distribution-settings.js';
import { decide, type Candidate, type DecideInput } from './decide.js';

const NOW = new Date('2099-03-02T10:00:00.000Z');
const auto = (s: Partial<DistributionSettings> = {}): DistributionSettings => ({ ...DEFAULT_DISTRIBUTION, mode: 'auto', ...s });
const manager = (id: number, name: string, c: Partial<Candidate> = {}): Candidate => ({
  id,
  name,
  presence: 'available',
  onCall: false,
  openNew: 0,
  pass: null,
  lastLeadAt: null,
  lastTurn: null,
  hours: null,
  ...c,
});
const input = (candidates: Candidate[], s: Partial<DecideInput> = {}): DecideInput => ({
  settings: auto(),
  candidates,
  lead: { siteId: 1, service: 'Kitchen quote', language: null, amount: null, currency: null },
  working: true,
  now: NOW,
  ...s,
});

/** Runs `n` decisions, feeding each chosen manager's new pool place back in, as the database does. */
function simulate(candidates: Candidate[], settings: DistributionSettings, n: number, eligible: (c: Candidate, i: number) => boolean = () => true) {
  const got = new Map(candidates.map((c) => [c.id, 0]));
  for (let i = 0; i < n; i++) {
    const now = new Date(NOW.getTime() + i * 1000);
    const view = candidates.map((c) => ({ ...c, presence: eligible(c, i) ? c.presence : ('away' as const) }));
    const d = decide({ settings, candidates: view, lead: { siteId: null, service: null, language: null, amount: null, currency: null }, working: true, now });
    const chosen = candidates.find((c) => c.id === d.userId)!;
    chosen.pass = d.nextPass;
    chosen.lastLeadAt = now;
    chosen.lastTurn = i;
    got.set(chosen.id, got.get(chosen.id)! + 1);
    const counts = [...got.values()];
    if (settings.fairPool?.weights === undefined) expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
  }
  return got;
}

describe('the distribution decision', () => {
  it('keeps equal managers within one lead of each other over 1,000 leads', () => {
    const team = [manager(1, 'Anna'), manager(2, 'Boris'), manager(3, 'Vika'), manager(4, 'Dima')];
    const got = simulate(team, auto(), 1000);
    expect([...got.values()]).toEqual([250, 250, 250, 250]);
  });

  it('lets a manager back from away join the round where it stands rather than take every lead until caught up', () => {
    const team = [manager(1, 'Anna'), manager(2, 'Boris'), manager(3, 'Vika')];
    const got = new Map<number, number>();
    // Vika is away for the first 300 leads (150 each to Anna and Boris); then the three share the rest evenly.
    for (let i = 0; i < 1000; i++) {
      const view = team.map((c) => ({ ...c, presence: c.id === 3 && i < 300 ? ('away' as const) : c.presence }));
      const d = decide(input(view, { now: new Date(NOW.getTime() + i * 1000) }));
      const chosen = team.find((c) => c.id === d.userId)!;
      chosen.pass = d.nextPass;
      chosen.lastTurn = i;
      got.set(chosen.id, (got.get(chosen.id) ?? 0) + 1);
    }
    expect(got.get(1)).toBe(got.get(2));
    expect(Math.abs(got.get(1)! - 150 - got.get(3)!)).toBeLessThanOrEqual(1);
  });

  it('shares by weight: a manager of weight 2 gets twice the leads of one of weight 1', () => {
    const team = [manager(1, 'Anna'), manager(2, 'Boris')];
    const got = simulate(team, auto({ fairPool: { weights: { '1': 2 } } }), 999);
    expect(got.get(1)).toBe(666);
    expect(got.get(2)).toBe(333);
  });

  it('chooses the one longest without a lead and says how long', () => {
    const d = decide(
      input([
        manager(1, 'Anna', { pass: 3, lastTurn: 9, lastLeadAt: new Date(NOW.getTime() - 5 * 60_000) }),
        manager(2, 'Dima', { pass: 2, lastTurn: 8, lastLeadAt: new Date(NOW.getTime() - 47 * 60_000) }),
      ]),
    );
    expect(d).toMatchObject({ decision: 'pool', userId: 2, reasons: [{ code: 'longest_waiting', params: { userId: 2, name: 'Dima', minutes: 47 } }] });
  });

  it('skips, and says why, everyone who cannot take a lead now', () => {
    const d = decide(
      input(
        [
          manager(1, 'Anna', { presence: 'offline' }),
          manager(2, 'Boris', { onCall: true }),
          manager(3, 'Vika', { presence: 'away' }),
          manager(4, 'Gleb', { presence: 'dnd' }),
          manager(5, 'Egor', { openNew: 3 }),
          manager(6, 'Dima'),
        ],
        { settings: auto({ capOpenNew: 3 }) },
      ),
    );
    expect(d.userId).toBe(6);
    expect(d.reasons.map((r) => [r.code, r.params.name])).toEqual([
      ['offline', 'Anna'],
      ['on_call', 'Boris'],
      ['away', 'Vika'],
      ['dnd', 'Gleb'],
      ['at_cap', 'Egor'],
      ['longest_waiting', 'Dima'],
    ]);
    expect(d.reasons[4]!.params.cap).toBe(3);
  });

  it('outside working hours sends the lead to the curators’ inbox, naming everyone skipped', () => {
    const d = decide(input([manager(1, 'Anna'), manager(2, 'Boris')], { working: false }));
    expect(d).toMatchObject({ decision: 'inbox', userId: null });
    expect(d.reasons.map((r) => r.code)).toEqual(['outside_hours', 'outside_hours', 'no_eligible']);
  });

  it('judges a manager with hours of their own by those: a part-timer is skipped in the department’s day, an evening shift takes leads after it', () => {
    // NOW is Monday 2099-03-02 10:00 UTC = 13:00 in Moscow.
    const partTime = { timeZone: 'Europe/Moscow', days: [1, 2, 3], from: '14:00', to: '18:00' };
    const evening = { timeZone: 'Asia/Yekaterinburg', days: [1, 2, 3, 4, 5], from: '15:00', to: '23:00' }; // 15:00 there now
    const day = decide(input([manager(1, 'Anna', { hours: partTime, lastTurn: 0 }), manager(2, 'Boris', { lastTurn: 1 })]));
    expect(day).toMatchObject({ decision: 'pool', userId: 2 });
    expect(day.reasons[0]).toMatchObject({ code: 'outside_hours', params: { name: 'Anna' } });
    const night = decide(input([manager(1, 'Anna'), manager(2, 'Boris', { hours: evening })], { working: false }));
    expect(night).toMatchObject({ decision: 'pool', userId: 2 });
    expect(night.reasons.map((r) => r.code)).toEqual(['outside_hours', 'longest_waiting']);
  });

  it('applies the first matching rule; a rule whose managers cannot take it gives way to the next, then the pool', () => {
    const team = [manager(1, 'Anna'), manager(2, 'Boris', { presence: 'away' }), manager(3, 'Vika'), manager(4, 'Dima')];
    const rules = [
      { siteId: 9, userIds: [1] }, // another site: no match
      { service: 'kitchen', userIds: [2] }, // matches, Boris is away
      { siteId: 1, service: 'KITCHEN', userIds: [3, 4] }, // matches: a group
      { userIds: [1] }, // matches too, but comes later
    ];
    const d = decide(input(team, { settings: auto({ rules }) }));
    expect(d.decision).toBe('rule');
    expect(d.userId).toBe(3);
    expect(d.reasons.map((r) => r.code)).toEqual(['rule_matched', 'away', 'rule_matched', 'longest_waiting']);
    expect(d.reasons[2]!.params.rule).toBe(3);

    const noPool = decide(input([manager(2, 'Boris', { presence: 'away' })], { settings: auto({ rules: [{ userIds: [2] }], fairPool: null }) }));
    expect(noPool.decision).toBe('inbox');
  });

  describe('rules on the client’s language and the amount they named', () => {
    const team = [manager(1, 'Anna'), manager(2, 'Boris'), manager(3, 'Vika')];
    const lead = (language: string | null, amount: number | null) => ({ siteId: 1, service: 'Kitchen quote', language, amount, currency: amount === null ? null : 'RUB' });
    const chosen = (rules: DistributionSettings['rules'], language: string | null, amount: number | null) =>
      decide(input(team, { settings: auto({ rules }), lead: lead(language, amount) }));

    it('gives a lead in a rule’s language to its manager, and one in another language or none to the pool', () => {
      const rules = [{ languages: ['bg', 'en'], userIds: [2] }];
      const bg = chosen(rules, 'bg', null);
      expect(bg).toMatchObject({ decision: 'rule', userId: 2 });
      expect(bg.reasons[0]).toEqual({ code: 'rule_matched', params: { rule: 1, language: 'bg' } });
      expect(chosen(rules, 'en', null)).toMatchObject({ decision: 'rule', userId: 2 });
      expect(chosen(rules, 'ru', null).decision).toBe('pool');
      expect(chosen(rules, null, null).decision).toBe('pool');
    });

    it('counts both amount bounds in, and a lead that named no amount meets neither', () => {
      const rules = [{ amountMin: 100_000, amountMax: 500_000, userIds: [3] }];
      expect(chosen(rules, null, 100_000)).toMatchObject({ decision: 'rule', userId: 3 });
      expect(chosen(rules, null, 500_000)).toMatchObject({ decision: 'rule', userId: 3 });
      expect(chosen(rules, null, 99_999.99).decision).toBe('pool');
      expect(chosen(rules, null, 500_000.01).decision).toBe('pool');
      expect(chosen(rules, null, null).decision).toBe('pool');
      expect(chosen([{ amountMax: 1000, userIds: [3] }], null, null).decision).toBe('pool');
      expect(chosen(rules, null, 250_000).reasons[0]).toEqual({ code: 'rule_matched', params: { rule: 1, amountMin: 100_000, amountMax: 500_000, currency: 'RUB' } });
    });

    it('needs every condition of a rule, and still lets the first matching rule win', () => {
      const rules = [
        { languages: ['bg'], amountMin: 100_000, userIds: [1] }, // a big Bulgarian deal
        { languages: ['bg'], userIds: [2] }, // any other Bulgarian lead
        { amountMin: 100_000, userIds: [3] }, // any other big deal
      ];
      expect(chosen(rules, 'bg', 150_000)).toMatchObject({ userId: 1, reasons: [{ code: 'rule_matched', params: { rule: 1, language: 'bg', amountMin: 100_000, currency: 'RUB' } }, { code: 'longest_waiting' }] });
      expect(chosen(rules, 'bg', 50_000)).toMatchObject({ userId: 2, reasons: [{ params: { rule: 2 } }, { code: 'longest_waiting' }] });
      expect(chosen(rules, 'ru', 150_000)).toMatchObject({ userId: 3, reasons: [{ params: { rule: 3 } }, { code: 'longest_waiting' }] });
      expect(chosen(rules, 'ru', 50_000).decision).toBe('pool');
      // Reordered, the broader rule comes first and takes the big Bulgarian deal.
      expect(chosen([rules[1]!, rules[0]!, rules[2]!], 'bg', 150_000).userId).toBe(2);
    });
  });
});
