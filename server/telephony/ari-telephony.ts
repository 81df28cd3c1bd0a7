import type { Deps } from '../deps.js';
import { AriConnection, type ConnectionState } from './ari/ari-connection.js';
import { AppArg, type StasisStartEvent } from './ari/ari-types.js';
import type { TelephonyContext } from './context.js';
import type { TelephonyTestHooks } from './routing/caller-lookup.js';
import { Dispatcher } from './dispatcher.js';
import { resynchronise } from './resync.js';
import { CallerDirectory } from './routing/caller-lookup.js';
import { DepartmentDirectory } from './routing/department-lookup.js';
import type { ClickToCallOrder, SimulatorControls, TelephonyService, TelephonyStatus } from '../deps.js';
import { TelephonyUnavailableError } from '../errors.js';
import { emitTelephonyState } from './telephony.events.js';
import { ClickToCallSession } from './sessions/click-to-call.js';
import { InboundCallSession } from './sessions/inbound-call.js';
import { text } from '../i18n/text.js';

export interface AriTelephonyOptions {
  mode: 'ari' | 'simulator';
  /** Asterisk's HTTP server and ARI login, resolved at start (the simulator learns its port only then). */
  server: () => { url: string; username: string; password: string };
  beforeStart?: () => Promise<void>;
  afterStop?: () => Promise<void>;
  simulator?: SimulatorControls;
}

/** Telephony over ARI: one connection, one dispatcher, a session per call. The simulator is the same code. */
export class AriTelephony implements TelephonyService {
  readonly hooks: TelephonyTestHooks = { lookupDelayMs: 0 };
  readonly simulator?: SimulatorControls;
  private connection?: AriConnection;
  private ctx?: TelephonyContext;

  constructor(
    private readonly deps: Deps,
    private readonly opts: AriTelephonyOptions,
  ) {
    this.simulator = opts.simulator;
  }

  status(): TelephonyStatus {
    const s = this.connection?.status() ?? { state: 'connecting' as ConnectionState };
    return { mode: this.opts.mode, state: s.state, ...(s.reason ? { reason: s.reason } : {}), ...(s.detail ? { detail: s.detail } : {}) };
  }

  async start(): Promise<void> {
    await this.opts.beforeStart?.();
    const { deps } = this;
    const ari = deps.config.telephony.ari;
    const server = this.opts.server();
    const dispatcher = new Dispatcher((e) => this.onNewChannel(e), deps.log);
    const connection = new AriConnection(
      { ...server, app: ari.app, requestTimeoutMs: ari.requestTimeoutMs },
      {
        event: (e) => dispatcher.dispatch(e),
        connected: () => resynchronise(ctx),
        state: (state, reason, detail) => {
          deps.log.info({ state, reason, detail }, 'telephony state');
          emitTelephonyState(deps, { mode: this.opts.mode, state, ...(reason ? { reason } : {}), ...(detail ? { detail } : {}) });
        },
      },
      deps.log.child({ component: 'ari' }),
    );
    const ctx: TelephonyContext = {
      deps,
      rest: connection.rest,
      app: ari.app,
      dispatcher,
      departments: new DepartmentDirectory(deps.db, deps.config.telephony, deps.config.defaultCountry),
      callers: new CallerDirectory(deps.db, deps.config.database, { deadlineMs: deps.config.telephony.routingDeadlineMs, hooks: this.hooks }),
      hooks: this.hooks,
    };
    this.ctx = ctx;
    this.connection = connection;
    connection.start();
  }

  async stop(): Promise<void> {
    await this.connection?.stop();
    this.ctx?.callers.close();
    await this.opts.afterStop?.();
  }

  private onNewChannel(e: StasisStartEvent): void {
    const ctx = this.ctx;
    if (!ctx || !e.channel?.id || !Array.isArray(e.args)) return;
    const [kind, dnis] = e.args;
    if (kind === AppArg.Inbound) {
      const session = new InboundCallSession(ctx, e.channel, dnis || e.channel.dialplan?.exten || '');
      session.start().catch((err: unknown) => this.deps.log.error({ err, channel: e.channel.id }, 'inbound call failed to start'));
      return;
    }
    // A leg of ours that outlived its session (e.g. Leadline restarted): nobody will ever bridge it.
    this.deps.log.warn({ channel: e.channel.id, args: e.args }, 'orphan channel in Stasis: hanging up');
    void ctx.rest.hangup(e.channel.id).catch(() => undefined);
  }

  private readyContext(): TelephonyContext {
    const s = this.status();
    if (!this.ctx || s.state !== 'connected') {
      throw new TelephonyUnavailableError(text('error.telephony_disconnected', { state: s.state }));
    }
    return this.ctx;
  }

  assertCanPlaceCalls(): void {
    this.readyContext();
  }

  async clickToCall(order: ClickToCallOrder): Promise<void> {
    await new ClickToCallSession(this.readyContext(), order).start();
  }

  async hangUpLeg(channelId: string): Promise<void> {
    await this.readyContext().rest.hangup(channelId);
  }

  async recordingFile(name: string): Promise<Response | null> {
    return this.readyContext().rest.recordingFile(name);
  }
}
