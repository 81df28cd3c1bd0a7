import type { CallDisposition } from '../../api-types.js';
import { toDbTime } from '../../db/knex.js';
import type { Deferred } from '../../lib/async.js';
import { callerCard, type CallerCard } from '../../modules/calls/caller-card.js';
import { insertCall, updateCall } from '../../modules/calls/calls.repo.js';
import { createCallerLead } from '../../modules/calls/create-caller-lead.js';
import { leaveMissedCallTask } from '../../modules/calls/leave-missed-call-task.js';
import { recordConversation } from '../../modules/calls/record-conversation.js';
import { linkedIdOf, type AriChannel } from '../ari/ari-types.js';
import type { CallerNumber, LookupResult } from '../routing/caller-lookup.js';
import type { RoutingPlan } from '../routing/routing-plan.js';
import type { CallScope } from './call-scope.js';

/**
 * The `calls` row of an inbound call and the caller it is about. The row is written once, after the first
 * agent dial (or when the chain has run): no database write stands between the caller and a ringing phone.
 * Who the caller is comes from the routing plan at once, or later: a lookup that missed its deadline still
 * attaches the call to the client when it answers, and an unknown caller becomes a new lead.
 */
export class InboundCallRow {
  /** The caller's lead (the one that decided the routing), once known. */
  leadId: number | null;
  clientId: number | null;
  /** Settles when who the caller is has been decided (never rejects). */
  settled: Promise<void> = Promise.resolve();
  private stored = false;

  constructor(
    private readonly scope: CallScope,
    private readonly id: Deferred<number>,
    private readonly channel: AriChannel,
    private readonly dnis: string,
    private readonly caller: CallerNumber,
    private readonly plan: RoutingPlan,
    /** When the caller's StasisStart came: ring time is counted from it. */
    private readonly startedAt: Date,
    /** The row of this call already written by an earlier Leadline process (a caller routed again after a restart). */
    private readonly existingId: number | null = null,
  ) {
    this.leadId = plan.match?.leadId ?? null;
    this.clientId = plan.match?.clientId ?? null;
  }

  /** Writes the row, once; resolves the call's id (the scope's `callId`) and returns the screen pop's card on its way. */
  store(): Promise<CallerCard> | null {
    if (this.stored) return null;
    this.stored = true;
    const { db } = this.scope.ctx.deps;
    const plan = this.plan;
    const linkedid = linkedIdOf(this.channel);
    // Read before the row is written (queued first on the connection), so the card rarely needs the second read below.
    const card = this.readCard();
    const fields = {
      direction: 'inbound' as const,
      channelId: this.channel.id,
      linkedid,
      clientNumber: this.caller.display,
      dnis: this.dnis,
      departmentId: plan.department.id,
      clientId: this.clientId,
      leadId: this.leadId,
      routing: plan.note,
      startedAt: toDbTime(this.startedAt),
    };
    const existing = this.existingId;
    const written =
      existing === null
        ? insertCall(db, fields)
        : updateCall(db, existing, { department_id: fields.departmentId, client_id: fields.clientId, lead_id: fields.leadId, routing: `${fields.routing} (routed again after a restart)`.slice(0, 300) }).then(() => existing);
    written.then(this.id.resolve, this.id.reject);
    const callId = this.id.promise;
    // Without CHANNEL(linkedid) in ari.conf's channelvars, the call's own id ties its legs together.
    if (!linkedid) void callId.then((id) => this.scope.quietly('linkedid', updateCall(db, id, { linkedid: `leadline-${id}` })), () => undefined);
    // A card read after the row was written would show this very call as the lead's last one: read it again then.
    return Promise.all([callId, card]).then(([id, c]) => (c.lastCall?.id === id ? this.readCard(id) : { ...c, callId: id }));
  }

  private readCard(callId = 0): Promise<CallerCard> {
    const card = callerCard(this.scope.ctx.deps.db, { callId, callerNumber: this.caller.display ?? '', department: this.plan.department, caller: this.plan.match });
    card.catch(() => undefined); // its failure is the pop's (screen-pop.ts), reported once
    return card;
  }

  /** After the phones ring: attach the call to its client (a late lookup answer), or make an unknown caller a new lead. */
  settle(result: LookupResult): void {
    this.settled = this.attachCaller(result);
  }

  /** Someone picked up at `answeredAt`: the call is up, and theirs (`userId`, null for a phone of nobody's). */
  async answered(userId: number | null, answeredAt: string): Promise<void> {
    const callId = await this.id.promise;
    await this.scope.quietly('answered call', updateCall(this.scope.ctx.deps.db, callId, { status: 'up', user_id: userId, answered_at: answeredAt }));
  }

  /** The caller now talks to `userId` (a transfer): the call is theirs on the card; each leg keeps its own times. */
  async handedTo(userId: number | null): Promise<void> {
    const callId = await this.id.promise;
    await this.scope.quietly('call handed over', updateCall(this.scope.ctx.deps.db, callId, { user_id: userId }));
  }

  /** The caller talked to someone: the lead's first contact and history (once who the caller is is settled). */
  async conversation(userId: number | null): Promise<void> {
    await this.settled;
    const leadId = this.leadId;
    const clientNumber = this.caller.display;
    if (leadId) await this.scope.quietly('first contact', recordConversation(this.scope.ctx.deps, { leadId, userId, direction: 'inbound', clientNumber }));
  }

  /** Nobody took the call: a task for the owner of the caller's lead, else the department (leave-missed-call-task.ts). */
  async leaveTask(disposition: Exclude<CallDisposition, 'answered'>): Promise<void> {
    await this.settled;
    const task = {
      disposition,
      callerNumber: this.caller.display,
      leadId: this.leadId,
      ownerId: this.plan.match?.owner?.id ?? null,
      departmentId: this.plan.department.id,
    };
    await this.scope.quietly('missed-call task', leaveMissedCallTask(this.scope.ctx.deps, task));
  }

  private async attachCaller(result: LookupResult): Promise<void> {
    const { deps } = this.scope.ctx;
    try {
      const callId = await this.id.promise;
      let caller: { clientId: number; leadId: number | null } | null = result.kind === 'known' ? result.match : result.kind === 'timeout' ? await result.late : null;
      // An unknown caller, or a client with no lead in the dialled department (known only to another one), becomes
      // a new lead here: the phone joins the existing client, and the department gets a lead its people may open.
      if ((!caller && result.kind === 'unknown') || (caller && caller.leadId === null)) {
        caller = (await createCallerLead(deps, { departmentId: this.plan.department.id, callerNumber: this.caller.asSent })) ?? caller;
      }
      if (!caller || this.leadId !== null) return; // known with a lead here: the row has it from the start
      this.clientId = caller.clientId;
      this.leadId = caller.leadId;
      await updateCall(deps.db, callId, { client_id: caller.clientId, lead_id: caller.leadId });
    } catch (err) {
      this.scope.log.error({ err }, 'attaching the call to its client failed');
    }
  }
}
