import type { FakePbx } from './fake-pbx.js';
import type { Chan } from './fake-types.js';

/** Who a transfer or a pickup hands the caller to: a desk phone (`PJSIP/102`, "Agent 102" <102>). */
export interface FakeAgent {
  endpoint: string;
  name: string;
  number: string;
}

/**
 * Transfers and pickups as Asterisk 22 shows them to a Stasis app (blind-transfer, attended-transfer and pickup
 * traces): a new channel enters Stasis with empty args and `replace_channel` naming the app's leg, takes that
 * leg's place in the app's bridge, and the old leg is left idle in Stasis (transfer) or leaves at once (pickup).
 * Local channels and replaced legs end with StasisEnd and no ChannelDestroyed.
 */
export class FakeTransfers {
  private localSeq = 0;

  constructor(private readonly pbx: FakePbx) {}

  /**
   * The agent on `agentId` REFERs the caller to `to` (no Replaces): `Local/<exten>@from-agents;1` replaces the
   * agent in the bridge, then rings and answers after `answerAfterMs`. Returns the Local channel's id.
   */
  blind(agentId: string, to: FakeAgent, answerAfterMs: number): string {
    const { pbx } = this;
    const agent = this.chan(agentId);
    const exten = to.endpoint.split('/')[1] ?? to.number;
    const local = this.local(agent, `Local/${exten}@from-agents-${this.localTag()};1`, { context: 'from-agents', exten }, { name: '', number: '' });
    pbx.send('ChannelUnhold', { channel: pbx.chanJson(agent) });
    const replaced = pbx.chanJson(agent);
    const bridge = this.swapInBridge(agent, local, () => pbx.send('StasisStart', { args: [], channel: pbx.chanJson(local), replace_channel: replaced }));
    pbx.send('BridgeBlindTransfer', {
      channel: replaced,
      exten,
      context: 'from-agents',
      result: 'Success',
      is_external: true,
      replace_channel: { ...(pbx.chanJson(local) as object), dialplan: { ...local.dialplan, app_name: '', app_data: '' } },
      ...(bridge ? { bridge: pbx.bridgeJson(bridge) } : {}),
    });
    local.state = 'Ringing';
    local.caller = { name: to.name, number: to.number };
    pbx.send('ChannelStateChange', { channel: pbx.chanJson(local) });
    pbx.send('ChannelCallerId', { caller_presentation: 0, caller_presentation_txt: 'Presentation Allowed, Not Screened', channel: pbx.chanJson(local) });
    pbx.send('Dial', { peer: pbx.chanJson(local), dialstatus: 'RINGING', forward: '', dialstring: '' });
    pbx.later(local, answerAfterMs, () => {
      local.state = 'Up';
      pbx.send('ChannelStateChange', { channel: pbx.chanJson(local) });
      pbx.send('Dial', { peer: pbx.chanJson(local), dialstatus: 'ANSWER', forward: '', dialstring: '' });
    });
    return local.id;
  }

  /**
   * The agent on `agentId` held the caller, talked to `to` on a consult call (plain dialplan, no app events) and
   * completed the transfer: `Local/_attended@transfer;1`, already talking to `to`, replaces the agent in the
   * bridge; BridgeAttendedTransfer names `to` as `transfer_target`. Returns the Local channel's id.
   */
  attended(agentId: string, to: FakeAgent): string {
    const { pbx } = this;
    const agent = this.chan(agentId);
    pbx.send('ChannelHold', { channel: pbx.chanJson(agent) });
    pbx.send('ChannelUnhold', { channel: pbx.chanJson(agent) });
    const tag = this.localTag();
    const local = this.local(agent, `Local/_attended@transfer-${tag};1`, { context: 'transfer', exten: '_attended' }, { name: to.name, number: to.number });
    const replaced = pbx.chanJson(agent);
    const bridge = this.swapInBridge(agent, local, () => pbx.send('StasisStart', { args: [], channel: pbx.chanJson(local), replace_channel: replaced }));
    local.state = 'Up';
    pbx.send('ChannelStateChange', { channel: pbx.chanJson(local) });
    pbx.send('Dial', { peer: pbx.chanJson(local), dialstatus: 'ANSWER', forward: '', dialstring: '' });
    const outside = (name: string, caller: { name: string; number: string }) => ({ ...(pbx.chanJson(agent) as object), id: pbx.nextId(), name, state: 'Up', caller });
    pbx.send('BridgeAttendedTransfer', {
      result: 'Success',
      is_external: false,
      destination_type: 'link',
      transferer_first_leg: replaced,
      transferer_second_leg: outside(`${agent.name.replace(/-[0-9a-f]+$/, '')}-${tag}a`, agent.caller),
      transfer_target: outside(`${to.endpoint}-${tag}b`, { name: to.name, number: to.number }),
      ...(bridge ? { transferer_first_leg_bridge: pbx.bridgeJson(bridge) } : {}),
      destination_link_first_leg: pbx.chanJson(local),
      destination_link_second_leg: { ...(pbx.chanJson(local) as object), id: pbx.nextId(), name: local.name.replace(/;1$/, ';2') },
    });
    return local.id;
  }

  /**
   * Phone `by` dials `*8` while the app's leg `ringingId` rings: its own channel (state Up, empty args, its own
   * linkedid) enters Stasis in the leg's place, and the leg leaves with StasisEnd only (GET → 404 afterwards).
   * Returns the picker's channel id.
   */
  pickup(ringingId: string, by: FakeAgent): string {
    const { pbx } = this;
    const leg = this.chan(ringingId);
    const id = pbx.nextId();
    const picker = pbx.newChan({ id, endpoint: by.endpoint, appArgs: [], caller: { name: by.name, number: by.number } });
    picker.state = 'Up';
    picker.connected = { ...leg.connected };
    picker.dialplan = { context: 'from-agents', exten: 's', priority: 1, app_name: 'Stasis', app_data: leg.dialplan.app_data };
    picker.inStasis = true;
    picker.endsUnseen = true;
    pbx.send('StasisStart', { args: [], channel: pbx.chanJson(picker), replace_channel: pbx.chanJson(leg) });
    leg.timers.forEach(clearTimeout);
    leg.timers = [];
    leg.inStasis = false;
    pbx.send('StasisEnd', { channel: pbx.chanJson(leg) });
    pbx.chans.delete(leg.id);
    return id;
  }

  private chan(id: string): Chan {
    const c = this.pbx.chans.get(id);
    if (!c) throw new Error(`no channel ${id}`);
    return c;
  }

  private localTag(): string {
    return (this.localSeq++).toString(16).padStart(8, '0');
  }

  /** A Local channel of the transfer, in Stasis with empty args, on the caller's linkedid. */
  private local(agent: Chan, name: string, where: { context: string; exten: string }, caller: { name: string; number: string }): Chan {
    const c = this.pbx.newChan({ id: this.pbx.nextId(), endpoint: name, appArgs: [], caller, linkedid: agent.linkedid });
    c.name = name;
    c.dialplan = { context: where.context, exten: where.exten, priority: 1, app_name: 'Stasis', app_data: this.pbx.app };
    c.inStasis = true;
    c.endsUnseen = true;
    return c;
  }

  /** StasisStart of the new channel, then the agent leaves the bridge and the new channel takes its place; the agent stays in Stasis, idle. */
  private swapInBridge(agent: Chan, local: Chan, stasisStart: () => void) {
    const { pbx } = this;
    stasisStart();
    const bridge = agent.bridgeId ? pbx.bridges.get(agent.bridgeId) : undefined;
    agent.endsUnseen = true;
    if (!bridge) return undefined;
    agent.bridgeId = undefined;
    bridge.channels = bridge.channels.filter((c) => c !== agent.id);
    pbx.send('ChannelLeftBridge', { bridge: pbx.bridgeJson(bridge), channel: pbx.chanJson(agent) });
    local.bridgeId = bridge.id;
    bridge.channels.push(local.id);
    pbx.send('ChannelEnteredBridge', { bridge: pbx.bridgeJson(bridge), channel: pbx.chanJson(local) });
    return bridge;
  }
}
