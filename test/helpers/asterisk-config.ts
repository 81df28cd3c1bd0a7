/**
 * Reads Asterisk configuration files the way Asterisk does (sections, templates, `exten`/`same` lines) and
 * walks a call through a dialplan, so tests can check what a caller gets from the shipped `dialplan/`
 * without a running Asterisk. Only the applications and functions our dialplan uses are understood; anything
 * else fails loudly rather than being guessed.
 */

export interface ConfSection {
  name: string;
  isTemplate: boolean;
  templates: string[];
  entries: { key: string; value: string }[];
}

/** Sections in file order; `;` starts a comment unless escaped as `\;`. */
export function parseConf(text: string): ConfSection[] {
  const sections: ConfSection[] = [];
  let current: ConfSection | undefined;
  for (const rawLine of text.split(/\r?\n/)) {
    const line = stripComment(rawLine).trim();
    if (!line || line.startsWith('#')) continue;
    const header = /^\[([^\]]+)\]\s*(?:\(([^)]*)\))?$/.exec(line);
    if (header) {
      const opts = (header[2] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
      current = { name: header[1].trim(), isTemplate: opts.includes('!'), templates: opts.filter((o) => o !== '!' && o !== '+'), entries: [] };
      sections.push(current);
      continue;
    }
    const kv = /^([^=]+?)\s*=>?\s*(.*)$/.exec(line);
    if (!kv || !current) throw new Error(`cannot read line: ${rawLine}`);
    current.entries.push({ key: kv[1].trim(), value: kv[2].trim() });
  }
  return sections;
}

function stripComment(line: string): string {
  for (let i = 0; i < line.length; i++) {
    if (line[i] === ';' && line[i - 1] !== '\\') return line.slice(0, i);
  }
  return line;
}

/** A section's own entries after those of its templates (like Asterisk's `[name](template)`). */
export function resolvedEntries(sections: ConfSection[], section: ConfSection): Map<string, string> {
  const out = new Map<string, string>();
  for (const t of section.templates) {
    const tpl = sections.find((s) => s.name === t && s.isTemplate);
    if (!tpl) throw new Error(`template ${t} of [${section.name}] not found`);
    for (const [k, v] of resolvedEntries(sections, tpl)) out.set(k, v);
  }
  for (const e of section.entries) out.set(e.key, e.value);
  return out;
}

/** Concrete (non-template) sections of a given `type =`, e.g. PJSIP endpoints, with inherited values. */
export function objectsOfType(sections: ConfSection[], type: string): { name: string; values: Map<string, string> }[] {
  return sections
    .filter((s) => !s.isTemplate)
    .map((s) => ({ name: s.name, values: resolvedEntries(sections, s) }))
    .filter((s) => s.values.get('type') === type);
}

// ---- Dialplan -------------------------------------------------------------------------------------------

export interface Step {
  priority: number;
  label?: string;
  app: string;
  args: string;
}
export type Dialplan = Map<string, Map<string, Step[]>>;

export function parseDialplan(text: string): Dialplan {
  const plan: Dialplan = new Map();
  for (const section of parseConf(text)) {
    const context = plan.get(section.name) ?? new Map<string, Step[]>();
    plan.set(section.name, context);
    let lastExten: string | undefined;
    for (const { key, value } of section.entries) {
      if (key !== 'exten' && key !== 'same') continue;
      let exten: string;
      let rest: string;
      if (key === 'exten') {
        const comma = value.indexOf(',');
        exten = value.slice(0, comma).trim();
        rest = value.slice(comma + 1);
      } else {
        if (!lastExten) throw new Error(`"same =>" without an extension in [${section.name}]`);
        exten = lastExten;
        rest = value;
      }
      lastExten = exten;
      const m = /^\s*([0-9]+|n)(?:\(([^)]+)\))?\s*,\s*([A-Za-z]+)(?:\((.*)\))?\s*$/.exec(rest);
      if (!m) throw new Error(`cannot read priority in [${section.name}] ${exten}: ${rest}`);
      const steps = context.get(exten) ?? [];
      context.set(exten, steps);
      const priority = m[1] === 'n' ? (steps.at(-1)?.priority ?? 0) + 1 : Number(m[1]);
      steps.push({ priority, label: m[2], app: m[3], args: m[4] ?? '' });
    }
  }
  return plan;
}

/** Does an extension pattern (`_X.`, `_+X.`, `4951234567`) match a dialled string? */
export function extenMatches(pattern: string, exten: string): boolean {
  if (!pattern.startsWith('_')) return pattern === exten;
  let re = '^';
  const p = pattern.slice(1);
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === 'X' || c === 'x') re += '[0-9]';
    else if (c === 'Z' || c === 'z') re += '[1-9]';
    else if (c === 'N' || c === 'n') re += '[2-9]';
    else if (c === '.') re += '.+';
    else if (c === '!') re += '.*';
    else if (c === '[') {
      const end = p.indexOf(']', i);
      re += `[${p.slice(i + 1, end)}]`;
      i = end;
    } else re += c.replace(/[.*+?^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`${re}$`).test(exten);
}

/** Exact extensions first, then the most specific matching pattern (Asterisk's order, roughly). */
export function findExtension(plan: Dialplan, context: string, exten: string): Step[] | undefined {
  const ctx = plan.get(context);
  if (!ctx) throw new Error(`no context [${context}]`);
  if (ctx.has(exten)) return ctx.get(exten);
  const candidates = [...ctx.keys()].filter((p) => p.startsWith('_') && extenMatches(p, exten));
  const weight = (p: string) => [...p.slice(1)].reduce((w, c) => w + (c === '.' || c === '!' ? 1000 : /[XZNxzn[]/.test(c) ? 10 : 0), 0);
  candidates.sort((a, b) => weight(a) - weight(b));
  return candidates.length ? ctx.get(candidates[0]) : undefined;
}

export interface CallEnv {
  dnis: string;
  callerNumber: string;
  /** What Leadline does with the call inside Stasis. */
  stasis?: (args: string[]) => StasisOutcome;
  /** The result of every Dial() ("ANSWER", "NOANSWER", "BUSY"…). */
  dial?: (target: string, timeoutSec: number) => string;
  /** Where the call enters the dialplan (default: [leadline-inbound], the trunk's context). */
  start?: { context: string; exten: string; priority?: number; label?: string };
  /** Channel variables already set when the call enters (e.g. STASISSTATUS after an ARI /continue). */
  vars?: Record<string, string>;
}

export type StasisOutcome =
  | { status: 'FAILED' }
  /** Leadline took the call and it ended there (answered and hung up, or abandoned). */
  | { status: 'SUCCESS'; hungUp: true }
  /** Leadline sent the channel back with POST /channels/{id}/continue. */
  | { status: 'SUCCESS'; continueTo?: { context: string; exten: string; priority?: number; label?: string } };

export interface Effect {
  app: string;
  args: string[];
  at: string;
}

export interface CallResult {
  /** Applications that did something a caller notices (Stasis, Dial, VoiceMail, Record, Answer, Playback). */
  effects: Effect[];
  /** Why the walk stopped. */
  end: 'hangup' | 'stasis-hangup' | 'answered' | 'fell-off';
  trace: string[];
}

const AUDIBLE = new Set(['Stasis', 'Dial', 'VoiceMail', 'Record', 'Answer', 'Playback']);

/** Walks one call through the dialplan, the way Asterisk's PBX core would, and reports what happened. */
export function runCall(plan: Dialplan, env: CallEnv): CallResult {
  const vars = new Map<string, string>(Object.entries(env.vars ?? {}));
  const effects: Effect[] = [];
  const trace: string[] = [];
  const stack: { context: string; exten: string; index: number }[] = [];
  let context = env.start?.context ?? 'leadline-inbound';
  let exten = env.start?.exten ?? env.dnis;
  let index = locate(plan, context, exten, env.start?.priority ?? 1, env.start?.label);

  for (let guard = 0; guard < 500; guard++) {
    const steps = findExtension(plan, context, exten);
    const step = steps?.[index];
    if (!step) return { effects, end: 'fell-off', trace };
    const here = `${exten}@${context}:${step.priority}`;
    const data = substitute(step.args, { vars, exten, callerNumber: env.callerNumber });
    trace.push(`${here} ${step.app}(${data})`);
    const args = splitArgs(data);
    if (AUDIBLE.has(step.app)) effects.push({ app: step.app, args, at: here });
    index++;
    switch (step.app) {
      case 'NoOp':
      case 'Answer':
      case 'Playback':
      case 'Record':
        break;
      case 'Set': {
        const eq = data.indexOf('=');
        vars.set(data.slice(0, eq), data.slice(eq + 1));
        break;
      }
      case 'Stasis': {
        const outcome = env.stasis ? env.stasis(args) : ({ status: 'FAILED' } as const);
        vars.set('STASISSTATUS', outcome.status);
        if ('hungUp' in outcome) return { effects, end: 'stasis-hangup', trace };
        if ('continueTo' in outcome && outcome.continueTo) {
          ({ context, exten } = outcome.continueTo);
          index = locate(plan, context, exten, outcome.continueTo.priority ?? 1, outcome.continueTo.label);
        }
        break;
      }
      case 'Goto':
      case 'GotoIf': {
        let target = data;
        if (step.app === 'GotoIf') {
          const q = data.indexOf('?');
          const cond = data.slice(0, q).trim();
          const [onTrue, onFalse] = data.slice(q + 1).split(':');
          const truthy = cond !== '' && cond !== '0';
          const chosen = truthy ? onTrue : onFalse;
          if (chosen === undefined || chosen === '') break;
          target = chosen;
        }
        ({ context, exten, index } = jump(plan, context, exten, target));
        break;
      }
      case 'Gosub': {
        stack.push({ context, exten, index });
        ({ context, exten, index } = jump(plan, context, exten, data));
        break;
      }
      case 'Return': {
        const back = stack.pop();
        if (!back) throw new Error(`Return without Gosub at ${here}`);
        ({ context, exten, index } = back);
        break;
      }
      case 'Dial': {
        const status = env.dial ? env.dial(args[0], Number(args[1])) : 'NOANSWER';
        vars.set('DIALSTATUS', status);
        // Without the "g" option the caller is hung up when an answered call ends.
        if (status === 'ANSWER') return { effects, end: 'answered', trace };
        break;
      }
      case 'VoiceMail':
        break;
      case 'Hangup':
        return { effects, end: 'hangup', trace };
      default:
        throw new Error(`application ${step.app} at ${here} is not understood by this test helper`);
    }
  }
  throw new Error(`the call loops: ${trace.slice(-10).join(' | ')}`);
}

function locate(plan: Dialplan, context: string, exten: string, priority: number, label?: string): number {
  const steps = findExtension(plan, context, exten);
  if (!steps) throw new Error(`no extension ${exten} in [${context}]`);
  const index = label ? steps.findIndex((s) => s.label === label) : steps.findIndex((s) => s.priority === priority);
  if (index < 0) throw new Error(`no ${label ? `label ${label}` : `priority ${priority}`} at ${exten}@${context}`);
  return index;
}

/** Goto/GotoIf/Gosub destinations: `[[context,]exten,]priority-or-label`. */
function jump(plan: Dialplan, context: string, exten: string, dest: string) {
  const parts = dest.split(',').map((s) => s.trim());
  let target = { context, exten };
  let where: string;
  if (parts.length === 3) {
    target = { context: parts[0], exten: parts[1] };
    where = parts[2];
  } else if (parts.length === 2) {
    target = { context, exten: parts[0] };
    where = parts[1];
  } else where = parts[0];
  const index = /^[0-9]+$/.test(where) ? locate(plan, target.context, target.exten, Number(where)) : locate(plan, target.context, target.exten, 0, where);
  return { ...target, index };
}

function splitArgs(data: string): string[] {
  return data === '' ? [] : data.split(',');
}

interface Scope {
  vars: Map<string, string>;
  exten: string;
  callerNumber: string;
}

/** `${…}` and `$[…]` substitution, innermost first, as Asterisk does before an application runs. */
export function substitute(text: string, scope: Scope): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '$' && (text[i + 1] === '{' || text[i + 1] === '[')) {
      const open = text[i + 1];
      const close = open === '{' ? '}' : ']';
      let depth = 1;
      let j = i + 2;
      for (; j < text.length && depth > 0; j++) {
        if (text[j] === open) depth++;
        else if (text[j] === close) depth--;
      }
      const inner = substitute(text.slice(i + 2, j - 1), scope);
      out += open === '{' ? evaluateVariable(inner, scope) : evaluateExpression(inner);
      i = j - 1;
    } else out += text[i];
  }
  return out;
}

function evaluateVariable(expr: string, scope: Scope): string {
  const fn = /^([A-Z_]+)\((.*)\)$/.exec(expr);
  if (fn) {
    const [, name, argText] = fn;
    const args = argText.split(',');
    switch (name) {
      case 'CALLERID':
        if (args[0] === 'num') return scope.callerNumber;
        break;
      case 'STRFTIME':
        return '20261123-120000';
      case 'FILTER': {
        const allowed = charClass(args[0]);
        return [...args.slice(1).join(',')].filter((c) => allowed.test(c)).join('');
      }
    }
    throw new Error(`function ${expr} is not understood by this test helper`);
  }
  const sub = /^([A-Za-z_][A-Za-z0-9_]*)(?::(-?[0-9]+)(?::([0-9]+))?)?$/.exec(expr);
  if (!sub) throw new Error(`variable ${expr} is not understood by this test helper`);
  const [, name, offset, length] = sub;
  const builtins: Record<string, string> = { EXTEN: scope.exten, EPOCH: '1795420800', ASTSPOOLDIR: '/var/spool/asterisk' };
  let value = builtins[name] ?? scope.vars.get(name) ?? '';
  if (offset !== undefined) value = value.slice(Number(offset));
  if (length !== undefined) value = value.slice(0, Number(length));
  return value;
}

function charClass(spec: string): RegExp {
  return new RegExp(`^[${spec.replace(/[\]\\^]/g, '\\$&')}]$`);
}

/** `$[ a = b ]` and `$[ a != b ]` with optional quotes: the comparisons our dialplan makes. */
function evaluateExpression(expr: string): string {
  const m = /^\s*("[^"]*"|\S*)\s*(!=|=)\s*("[^"]*"|\S*)\s*$/.exec(expr);
  if (!m) throw new Error(`expression $[${expr}] is not understood by this test helper`);
  const unquote = (s: string) => s.replace(/^"(.*)"$/, '$1');
  const equal = unquote(m[1]) === unquote(m[3]);
  return (m[2] === '=' ? equal : !equal) ? '1' : '0';
}
