import { Router } from 'express';
import type { Deps } from '../../deps.js';
import { NotFoundError, ValidationError } from '../../errors.js';
import { requireUser, userOf } from '../../http/auth.js';
import { IdParams, parse } from '../../lib/validate.js';
import { ClickToCallSchema, SimulatedCallerHangupSchema, SimulatedInboundSchema } from './calls.schema.js';
import { hangUpMyLeg } from './hang-up-my-leg.js';
import { listLiveCalls } from './list-live-calls.js';
import { placeClickToCall } from './place-click-to-call.js';
import { streamRecording } from './stream-recording.js';
import { text } from '../../i18n/text.js';

/** /api/leads/:id/call, /api/calls/live, /api/calls/:id/hangup, /api/calls/:id/recording, /api/telephony/…: thin — validate, one use case, answer. */
export function callsRoutes(deps: Deps): Router {
  const router = Router();

  router.get('/telephony/status', requireUser, (_req, res) => {
    res.json({ telephony: deps.telephony.status() });
  });

  router.post('/leads/:id/call', requireUser, async (req, res) => {
    const { id } = parse(IdParams, req.params);
    const { phone } = parse(ClickToCallSchema, req.body ?? {});
    res.status(202).json(await placeClickToCall(deps, userOf(req), id, phone));
  });

  router.get('/calls/live', requireUser, async (req, res) => {
    res.json({ items: await listLiveCalls(deps, userOf(req)) });
  });

  router.post('/calls/:id/hangup', requireUser, async (req, res) => {
    const { id } = parse(IdParams, req.params);
    await hangUpMyLeg(deps, userOf(req), id);
    res.status(204).end();
  });

  router.get('/calls/:id/recording', requireUser, async (req, res) => {
    const { id } = parse(IdParams, req.params);
    await streamRecording(deps, userOf(req), id, req.headers.range, res);
  });

  // The simulated PBX's buttons (TELEPHONY=simulator only; 404 otherwise).
  const simulator = () => {
    if (!deps.telephony.simulator) throw new NotFoundError('simulator');
    return deps.telephony.simulator;
  };
  router.post('/telephony/simulator/inbound', requireUser, (req, res) => {
    const sim = simulator();
    const { from, to } = parse(SimulatedInboundSchema, req.body ?? {});
    res.status(201).json({ channelId: sim.placeInbound(from, to.replace(/\D/g, '')) });
  });
  router.post('/telephony/simulator/phone/:action', requireUser, async (req, res) => {
    const sim = simulator();
    const action = req.params.action;
    if (action !== 'answer' && action !== 'decline' && action !== 'hangup') throw new NotFoundError('route');
    const me = await deps.db('users').where('id', userOf(req).id).first<{ endpoint: string | null }>('endpoint');
    if (!me?.endpoint) throw new ValidationError(text('error.no_endpoint'), { endpoint: text('field.not_set') });
    if (!sim.phone(me.endpoint, action)) throw new NotFoundError(action === 'hangup' ? 'active_call' : 'ringing_call');
    res.status(204).end();
  });
  router.post('/telephony/simulator/caller/hangup', requireUser, (req, res) => {
    const sim = simulator();
    const { channelId } = parse(SimulatedCallerHangupSchema, req.body ?? {});
    if (!sim.callerHangup(channelId)) throw new NotFoundError('call');
    res.status(204).end();
  });

  return router;
}
