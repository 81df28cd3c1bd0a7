import type { Queryable } from '../../db/knex.js';
import { selectKeepingExists } from '../../db/keep-exists.js';
import { CLIENT_WORDS } from './client-search.repo.js';
import { matchesWords, prefixRange, wordCounts, wordMatches } from './client-words.js';
import { rarestWord, searchClientIds, wordTuning, type Driver, type Searchable, type SearchScope } from './search-clients.js';
import { namePairClients, otherPlaceClients } from './client-name-pairs.js';

/** How many of the driving word's rows are checked for the other words to estimate the share that has them all. */
const ESTIMATE_SAMPLE = 2000;

/**
 * The clients a search finds, per scope, listed only when there are at most `max` of them (null: many), each read
 * once per request. One word: its rows in the scope are counted first (no seeks), the list read only when short.
 * Several words: one read of the `any` scope from the rarest word, with each client's "every word in the name"
 * flag, gives the `name` and `other` lists too whenever it is short: a name pair's thousand clients are read once.
 */
export class ClientLists {
  private readonly lists = new Map<SearchScope, Promise<number[] | null>>();
  private anyRows: Promise<{ rows: { id: number; named: boolean }[]; complete: boolean }> | null = null;
  private driver: Promise<Driver> | null = null;
  private split: Promise<{ name: number[] | null; other: number[] | null } | null> | null = null;

  constructor(
    private readonly db: Queryable,
    private readonly query: Searchable,
    private readonly max: number,
  ) {}

  /** The clients of `scope` (no order), or null when more than `max` match. */
  few(scope: SearchScope): Promise<number[] | null> {
    if (!this.lists.has(scope)) this.lists.set(scope, this.read(scope));
    return this.lists.get(scope)!;
  }

  /** Up to `size` clients of the `any` scope, the newest of the driving word's range first, each once. */
  async anySample(size: number): Promise<number[]> {
    if (this.query.kind !== 'words') throw new Error('anySample reads words');
    if (this.query.words.length > 1) return (await this.anyWords()).rows.slice(0, size).map((r) => r.id);
    const rows = await selectKeepingExists<{ id: number }>(this.db, wordMatches(this.db, this.query.words, 'any', { word: this.query.words[0], few: false }).limit(size));
    return [...new Set(rows.map((r) => Number(r.id)))];
  }

  /** About how many clients match every word: the driving word's rows, times the share of a sample of them that matches all. */
  async estimateAny(): Promise<number> {
    if (this.query.kind !== 'words') throw new Error('estimateAny reads words');
    const words = this.query.words;
    const driver = (await this.rarest()).word;
    const rows = (await wordCounts(this.db, [driver])).get(driver)!;
    const rest = words.filter((w) => w !== driver);
    if (rest.length === 0) return rows;
    const match = matchesWords('s.client_id', rest, 'any');
    const sample = this.db.from(CLIENT_WORDS).select('client_id').where('word', '>=', prefixRange(driver)[0]).andWhere('word', '<', prefixRange(driver)[1]).orderBy([{ column: 'word', order: 'desc' }, { column: 'client_id', order: 'desc' }]).limit(ESTIMATE_SAMPLE);
    const [share] = await selectKeepingExists<{ hits: number | string | null; n: number | string }>(this.db, this.db.from(sample.as('s')).select(this.db.raw(`sum(case when ${match.sql} then 1 else 0 end) as hits, count(*) as n`, match.bindings)));
    return Math.round((rows * Number(share.hits ?? 0)) / Math.max(1, Number(share.n)));
  }

  private rarest(): Promise<Driver> {
    if (this.query.kind !== 'words') throw new Error('rarest reads words');
    this.driver ??= rarestWord(this.db, this.query.words);
    return this.driver;
  }

  /** The `any` scope read once: whether the read was complete (at most `max` rows), each client once with its name flag. */
  private anyWords(): Promise<{ rows: { id: number; named: boolean }[]; complete: boolean }> {
    const query = this.query;
    if (query.kind !== 'words') throw new Error('anyWords reads words');
    this.anyRows ??= (async () => {
      const rows = await selectKeepingExists<{ id: number; named: number | string }>(this.db, wordMatches(this.db, query.words, 'any', await this.rarest(), true).limit(this.max + 1));
      const seen = new Map<number, boolean>();
      for (const r of rows) seen.set(Number(r.id), Number(r.named) === 1);
      return { rows: [...seen].map(([id, named]) => ({ id, named })), complete: rows.length <= this.max };
    })();
    return this.anyRows;
  }

  /**
   * Several words, read by place (client-name-pairs.ts): the name matches from the name pairs, the other matches from
   * the clients with a typed word outside their name (or, when one of those ranges is long, client_words as before);
   * null (many) for a list longer than `max`. Null when the pairs do not serve these words.
   */
  private byPlace(): Promise<{ name: number[] | null; other: number[] | null } | null> {
    const query = this.query;
    if (query.kind !== 'words') throw new Error('byPlace reads words');
    this.split ??= (async () => {
      const name = await namePairClients(this.db, query.words, this.max);
      if (name === null) return null;
      let other = await otherPlaceClients(this.db, query.words, wordTuning.seekOthersMax);
      if (other === null) {
        const ids = await searchClientIds(this.db, query, 'other', this.max + 1);
        other = ids.length > this.max ? null : ids;
      }
      return { name: name === 'many' ? null : name, other: other && other.length > this.max ? null : other };
    })();
    return this.split;
  }

  private async read(scope: SearchScope): Promise<number[] | null> {
    if (this.query.kind === 'digits') {
      if (scope === 'name') return [];
      const ids = await searchClientIds(this.db, this.query, 'any', this.max + 1);
      return ids.length > this.max ? null : ids;
    }
    if (this.query.words.length === 1) {
      // One word: its rows (all, in a name, elsewhere) counted first, so that a common word reads no list.
      const [word] = this.query.words;
      const rowsOf = (await wordCounts(this.db, [word], this.max + 1, scope === 'any' ? undefined : scope === 'name' ? 1 : 0)).get(word)!;
      if (rowsOf > this.max) return null;
      return searchClientIds(this.db, this.query, scope, this.max + 1);
    }
    const split = await this.byPlace();
    if (split) {
      if (scope !== 'any') return split[scope];
      return split.name && split.other && split.name.length + split.other.length <= this.max ? [...split.name, ...split.other] : null;
    }
    const { rows, complete } = await this.anyWords();
    if (complete) return rows.filter((r) => (scope === 'any' ? true : scope === 'name' ? r.named : !r.named)).map((r) => r.id);
    if (scope === 'any') return null;
    const ids = await searchClientIds(this.db, this.query, scope, this.max + 1);
    return ids.length > this.max ? null : ids;
  }
}
