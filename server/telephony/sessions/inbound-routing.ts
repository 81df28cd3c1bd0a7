import { DialplanTarget, type AriChannel } from '../ari/ari-types.js';
import type { CallerNumber, LookupResult } from '../routing/caller-lookup.js';
import { planFor, type RingTarget, type RoutingPlan } from '../routing/routing-plan.js';
import type { CallScope } from './call-scope.js';
import type { Legs } from './legs.js';
import { RoutingChain, type ChainHost } from './routing-chain.js';

/** The department's plan for one caller, with the caller lookup's answer it was made from. */
export interface InboundRoute {
  plan: RoutingPlan;
  result: LookupResult;
}

/**
 * The way of an inbound call from its StasisStart to the first agent dial, all within one routing deadline
 * (config ROUTING_DEADLINE_MS, ms) counted from StasisStart: the department of the DNIS (cached), the caller
 * lookup, and the routing chain whose first step's reads (a ring group's members) get what is left of it; past
 * the first dial each read gets the whole deadline again. The dialplan's fallback (`DialplanTarget.FallbackContext`,
 * extension = the DNIS) takes the call when the DNIS has no department or routing broke.
 */
export class InboundRouting {
  private dialled = false;

  constructor(
    private readonly scope: CallScope,
    private readonly channel: AriChannel,
    /** The dialled number, as the trunk sent it. */
    private readonly dnis: string,
    /** When the caller's StasisStart was seen: the deadline counts from here. */
    private readonly startedAt: Date,
  ) {}

  /** The department of the DNIS, then the caller in it; null when the number has no department (or no database). */
  async route(caller: CallerNumber): Promise<InboundRoute | null> {
    const { ctx } = this.scope;
    const { department, failure } = await ctx.departments.forDnisWithin(this.dnis, this.timeLeft());
    if (failure) this.scope.log.warn({ dnis: this.dnis }, failure);
    if (!department) return null;
    // The ring group does not depend on the caller: read it meanwhile (a cache hit once read), so a caller lookup that
    // uses up the deadline still finds the department's group and the call rings there, not in the fallback.
    void ctx.departments.ringGroup(department.id).catch(() => undefined);
    const result = await ctx.callers.lookup(caller, department.id, this.timeLeft());
    return { plan: planFor(department, result), result };
  }

  /** The chain that rings the plan step by step, its reads bounded by the deadline (see the class). */
  chain(legs: Legs<RingTarget>, plan: RoutingPlan, host: Omit<ChainHost, 'budgetMs'>): RoutingChain {
    const deadlineMs = this.scope.ctx.deps.config.telephony.routingDeadlineMs;
    return new RoutingChain(this.scope, legs, plan, this.channel.id, {
      wanted: () => host.wanted(),
      dialled: () => {
        this.dialled = true;
        host.dialled();
      },
      budgetMs: () => (this.dialled ? deadlineMs : this.timeLeft()),
    });
  }

  /** Sends the caller to the dialplan's fallback, which rings the department without Leadline. */
  continueInFallback(): Promise<void> {
    return this.scope.ctx.rest.continueInDialplan(this.channel.id, { context: DialplanTarget.FallbackContext, extension: this.dnis, priority: 1 });
  }

  /** What is left (ms) of the routing deadline, which bounds the whole way from StasisStart to the first dial. */
  private timeLeft(): number {
    return Math.max(0, this.startedAt.getTime() + this.scope.ctx.deps.config.telephony.routingDeadlineMs - Date.now());
  }
}
