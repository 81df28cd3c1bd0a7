import crypto from 'node:crypto';
import type { SimulatorControls } from '../../deps.js';
import { FakeAsterisk, type EndpointBehaviour } from './fake-asterisk.js';

/**
 * TELEPHONY=simulator: the fake Asterisk runs in-process on a loopback port and the real ARI bridge connects to
 * it. Desk phones ring until the user answers or declines them from the web app; a client dialled by
 * click-to-call picks up after two seconds; a mobile rings out.
 */
export class SimulatedPbx implements SimulatorControls {
  readonly password = crypto.randomBytes(12).toString('hex');
  readonly username = 'leadline-simulator';
  readonly fake: FakeAsterisk;

  constructor(app: string) {
    this.fake = new FakeAsterisk({ username: this.username, password: this.password, app, defaultBehaviour: simulatedBehaviour });
  }

  async start(): Promise<void> {
    await this.fake.start();
  }

  async stop(): Promise<void> {
    await this.fake.close();
  }

  placeInbound(from: string, to: string): string {
    return this.fake.placeInbound({ from, to, callerName: 'Simulated caller' });
  }

  phone(endpoint: string, action: 'answer' | 'decline' | 'hangup'): boolean {
    const mine = this.fake.channels().filter((c) => c.endpoint === endpoint);
    switch (action) {
      case 'answer': {
        const ringing = mine.find((c) => c.state === 'Ringing');
        return ringing ? this.fake.answer(ringing.id) : false;
      }
      case 'decline': {
        const ringing = mine.find((c) => c.state !== 'Up');
        return ringing ? this.fake.decline(ringing.id) : false;
      }
      case 'hangup': {
        const leg = mine.find((c) => c.state === 'Up') ?? mine[0];
        return leg ? this.fake.hangupFromPhone(leg.id) : false;
      }
    }
  }

  callerHangup(channelId: string): boolean {
    return this.fake.hangupFromPhone(channelId);
  }
}

function simulatedBehaviour(endpoint: string, appArgs: string[]): EndpointBehaviour {
  if (endpoint.includes('@') && appArgs[0] === 'clicktocall') return { kind: 'answer', afterMs: 2000 };
  return { kind: 'ring' };
}
