import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.js';
import { findExtension, objectsOfType, parseConf, parseDialplan, runCall, type Effect } from '../helpers/asterisk-config.js';

/**
 * The Asterisk configuration a PBX admin drops in (dialplan/). No Asterisk runs here: the helper walks a
 * call through extensions.conf the way Asterisk's PBX core does, so these tests say what a caller gets.
 */
const dir = path.resolve(import.meta.dirname, '../../dialplan');
const read = (name: string) => fs.readFileSync(path.join(dir, name), 'utf8');
const plan = parseDialplan(read('extensions.conf'));
const defaults = loadConfig({});

const SALES = '4951234567';
const SALES_GROUP = 'PJSIP/101&PJSIP/102';
const CALLER = '+79001234567';
const apps = (effects: Effect[]) => effects.map((e) => e.app);
const dials = (effects: Effect[]) => effects.filter((e) => e.app === 'Dial').map((e) => e.args[0]);

describe('inbound calls from the trunk', () => {
  it('go to Leadline first, with the dialled number, before anything else rings', () => {
    let stasisArgs: string[] = [];
    const call = runCall(plan, {
      dnis: SALES,
      callerNumber: CALLER,
      stasis: (args) => {
        stasisArgs = args;
        return { status: 'SUCCESS', hungUp: true };
      },
    });
    expect(call.effects[0].app).toBe('Stasis');
    expect(stasisArgs).toEqual([defaults.telephony.ari.app, 'inbound', SALES]);
    expect(call.end).toBe('stasis-hangup');
    expect(dials(call.effects)).toEqual([]);
  });

  it('checks STASISSTATUS at the very next priority after Stasis and sends a failure to the fallback', () => {
    const steps = findExtension(plan, 'leadline-inbound', SALES)!;
    const stasisAt = steps.findIndex((s) => s.app === 'Stasis');
    expect(steps[stasisAt].args).toBe('leadline,inbound,${EXTEN}');
    const next = steps[stasisAt + 1];
    expect(next.app).toBe('GotoIf');
    expect(next.args).toMatch(/STASISSTATUS/);
    expect(next.args).toMatch(/\?fallback,\$\{EXTEN\},1$/);
  });

  it('ring the department group straight from Asterisk when Leadline is not connected', () => {
    const rung: { target: string; timeout: number }[] = [];
    const call = runCall(plan, {
      dnis: SALES,
      callerNumber: CALLER,
      stasis: () => ({ status: 'FAILED' }),
      dial: (target, timeout) => {
        rung.push({ target, timeout });
        return 'ANSWER';
      },
    });
    expect(apps(call.effects)).toEqual(['Stasis', 'Dial']);
    expect(rung).toEqual([{ target: SALES_GROUP, timeout: 20 }]);
    expect(call.end).toBe('answered');
    expect(call.trace.some((line) => line.includes('LEADLINE-FALLBACK stasisstatus=FAILED'))).toBe(true);
  });

  it("reach the department's voicemail when nobody in the group answers", () => {
    for (const status of ['NOANSWER', 'BUSY', 'CHANUNAVAIL']) {
      const call = runCall(plan, { dnis: SALES, callerNumber: CALLER, stasis: () => ({ status: 'FAILED' }), dial: () => status });
      expect(apps(call.effects)).toEqual(['Stasis', 'Dial', 'VoiceMail']);
      expect(call.effects[2].args[0]).toBe(`${SALES}@leadline`);
      expect(call.end).toBe('hangup');
    }
  });

  it('record a message to a file when the department has no mailbox, with a file name the caller cannot steer', () => {
    const call = runCall(plan, {
      dnis: '4957654321',
      callerNumber: '+7900/../../etc/passwd',
      stasis: () => ({ status: 'FAILED' }),
      dial: () => 'NOANSWER',
    });
    expect(dials(call.effects)).toEqual(['PJSIP/103']);
    expect(call.effects.find((e) => e.app === 'Dial')!.args[1]).toBe('30');
    const record = call.effects.find((e) => e.app === 'Record');
    expect(record).toBeDefined();
    const file = record!.args[0];
    expect(file.startsWith('/var/spool/asterisk/leadline/')).toBe(true);
    expect(file).not.toContain('..');
    expect(file.split('/').at(-1)).toMatch(/^[0-9-]+-4957654321-\+7900\.wav$/);
    // "k": the message is kept when the caller hangs up, which is how most messages end.
    expect(record!.args[3]).toContain('k');
  });

  it('still reach a person when the dialled number is not in the groups list', () => {
    const call = runCall(plan, { dnis: '4990000000', callerNumber: CALLER, stasis: () => ({ status: 'FAILED' }), dial: () => 'ANSWER' });
    expect(dials(call.effects)).toEqual(['PJSIP/101']);
  });

  it('accept the dialled number with a plus and hand Leadline digits only', () => {
    let stasisArgs: string[] = [];
    const call = runCall(plan, {
      dnis: '+74951234567',
      callerNumber: CALLER,
      stasis: (args) => {
        stasisArgs = args;
        return { status: 'FAILED' };
      },
      dial: () => 'ANSWER',
    });
    expect(stasisArgs).toEqual(['leadline', 'inbound', '74951234567']);
    expect(dials(call.effects)).toEqual([SALES_GROUP]);
  });

  it('are not dropped when Leadline lets the channel continue without a destination', () => {
    const call = runCall(plan, { dnis: SALES, callerNumber: CALLER, stasis: () => ({ status: 'SUCCESS' }), dial: () => 'ANSWER' });
    expect(dials(call.effects)).toEqual([SALES_GROUP]);
  });
});

describe("the fallback context Leadline sends calls to over ARI (/continue)", () => {
  it('rings the department group, then voicemail, from priority 1', () => {
    const call = runCall(plan, {
      dnis: SALES,
      callerNumber: CALLER,
      stasis: () => ({ status: 'SUCCESS', continueTo: { context: 'fallback', exten: SALES, priority: 1 } }),
      dial: () => 'NOANSWER',
    });
    expect(apps(call.effects)).toEqual(['Stasis', 'Dial', 'VoiceMail']);
    expect(dials(call.effects)).toEqual([SALES_GROUP]);
  });

  it('goes straight to the voice message from the label "voicemail"', () => {
    const call = runCall(plan, {
      dnis: SALES,
      callerNumber: CALLER,
      start: { context: 'fallback', exten: SALES, label: 'voicemail' },
      vars: { STASISSTATUS: 'SUCCESS' },
    });
    expect(apps(call.effects)).toEqual(['VoiceMail']);
  });
});

describe('ARI and HTTP configuration', () => {
  const ari = parseConf(read('ari.conf'));
  const general = (sections: ReturnType<typeof parseConf>) => new Map(sections.find((s) => s.name === 'general')!.entries.map((e) => [e.key, e.value]));

  it('puts the linkedid of every channel into ARI events (channelvars = CHANNEL(linkedid))', () => {
    const g = general(ari);
    expect(g.get('enabled')).toBe('yes');
    expect(g.get('channelvars')!.split(',').map((s) => s.trim())).toContain('CHANNEL(linkedid)');
  });

  it("has Leadline's user with write access and only a placeholder password", () => {
    const users = objectsOfType(ari, 'user');
    const user = users.find((u) => u.name === defaults.telephony.ari.username);
    expect(user).toBeDefined();
    expect(user!.values.get('read_only')).toBe('no');
    expect(user!.values.get('password')).toBe('change-me');
  });

  it('serves ARI on port 8088 of a non-public address by default', () => {
    const g = general(parseConf(read('http.conf')));
    expect(g.get('enabled')).toBe('yes');
    expect(g.get('bindport')).toBe('8088');
    expect(g.get('bindaddr')).toBe('127.0.0.1');
  });
});

describe('the PJSIP example', () => {
  const pjsip = parseConf(read('pjsip.conf'));
  const endpoints = objectsOfType(pjsip, 'endpoint');

  it("names the trunk as Leadline dials it and sends the trunk's calls to Leadline's context", () => {
    const trunkName = /^PJSIP\/\{number\}@(.+)$/.exec(defaults.telephony.trunkDialTemplate)![1];
    const trunk = endpoints.find((e) => e.name === trunkName);
    expect(trunk).toBeDefined();
    expect(trunk!.values.get('context')).toBe('leadline-inbound');
    expect(plan.has('leadline-inbound')).toBe(true);
  });

  it('keeps audio on Asterisk for every endpoint (direct_media = no), so calls can be bridged and recorded', () => {
    expect(endpoints.length).toBeGreaterThanOrEqual(4);
    for (const e of endpoints) expect([e.name, e.values.get('direct_media')]).toEqual([e.name, 'no']);
  });

  it('defines every phone the fallback groups ring, and gives phones a context other than the trunk', () => {
    const groups = plan.get('leadline-groups')!;
    const rung = new Set<string>();
    for (const steps of groups.values()) {
      for (const s of steps) {
        const m = /^LEADLINE_GROUP=(.+)$/.exec(s.app === 'Set' ? s.args : '');
        if (m) for (const target of m[1].split('&')) rung.add(target);
      }
    }
    expect(rung.size).toBeGreaterThan(0);
    for (const target of rung) {
      const name = target.replace(/^PJSIP\//, '');
      const endpoint = endpoints.find((e) => e.name === name);
      expect(endpoint, `${target} is rung by [leadline-groups] but not defined in pjsip.conf`).toBeDefined();
      expect(endpoint!.values.get('context')).not.toBe('leadline-inbound');
      expect(plan.has(endpoint!.values.get('context')!)).toBe(true);
    }
  });
});
