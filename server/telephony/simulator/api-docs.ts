/**
 * A self-written Swagger 1.1 description of the part of ARI the fake Asterisk serves: enough for a generic ARI
 * client (ari-client 2.2.0 loads it at connect time and needs a model for every event type it dispatches).
 * Written from scratch for Leadline's tests and simulator; it is not Asterisk's own api-docs.
 */

type Param = { name: string; paramType: 'path' | 'query'; dataType: string; required?: boolean; allowMultiple?: boolean };
type Op = { httpMethod: string; nickname: string; responseClass: string; parameters: Param[]; summary: string };
type Api = { path: string; description: string; operations: Op[] };
type Model = { id: string; description?: string; properties: Record<string, { type: string; required?: boolean; description?: string }> };

const q = (name: string, dataType = 'string', required = false): Param => ({ name, paramType: 'query', dataType, required, allowMultiple: false });
const p = (name: string): Param => ({ name, paramType: 'path', dataType: 'string', required: true, allowMultiple: false });
const op = (httpMethod: string, nickname: string, responseClass: string, parameters: Param[], summary: string): Op => ({
  httpMethod,
  nickname,
  responseClass,
  parameters,
  summary,
});

const str = { type: 'string', required: true };
const optStr = { type: 'string' };

const MODELS: Record<string, Model> = {
  CallerID: { id: 'CallerID', properties: { name: str, number: str } },
  DialplanCEP: { id: 'DialplanCEP', properties: { context: str, exten: str, priority: { type: 'long', required: true }, app_name: optStr, app_data: optStr } },
  Channel: {
    id: 'Channel',
    description: 'A call leg',
    properties: {
      id: str,
      name: str,
      state: str,
      protocol_id: optStr,
      caller: { type: 'CallerID', required: true },
      connected: { type: 'CallerID', required: true },
      accountcode: str,
      dialplan: { type: 'DialplanCEP', required: true },
      creationtime: { type: 'Date', required: true },
      language: str,
      channelvars: { type: 'object' },
    },
  },
  Bridge: {
    id: 'Bridge',
    properties: {
      id: str,
      technology: str,
      bridge_type: str,
      bridge_class: str,
      creator: str,
      name: str,
      channels: { type: 'List[string]', required: true },
      creationtime: { type: 'Date' },
      video_mode: optStr,
    },
  },
  LiveRecording: {
    id: 'LiveRecording',
    properties: { name: str, format: str, target_uri: str, state: str, duration: { type: 'int' }, cause: optStr },
  },
  StoredRecording: { id: 'StoredRecording', properties: { name: str, format: str } },
  Playback: { id: 'Playback', properties: { id: str, media_uri: str, target_uri: str, language: optStr, state: str } },
  Variable: { id: 'Variable', properties: { value: str } },
  Application: {
    id: 'Application',
    properties: { name: str, channel_ids: { type: 'List[string]', required: true }, bridge_ids: { type: 'List[string]', required: true } },
  },
  AsteriskInfo: { id: 'AsteriskInfo', properties: { system: { type: 'object' }, build: { type: 'object' }, config: { type: 'object' }, status: { type: 'object' } } },
  Endpoint: { id: 'Endpoint', properties: { technology: str, resource: str, state: optStr, channel_ids: { type: 'List[string]', required: true } } },
};

const base = { type: str, timestamp: { type: 'Date', required: true }, application: str, asterisk_id: optStr };
const channelEvent = (id: string, extra: Model['properties'] = {}): Model => ({ id, properties: { ...base, channel: { type: 'Channel', required: true }, ...extra } });
const EVENT_MODELS: Record<string, Model> = {
  Message: { id: 'Message', properties: { type: str, asterisk_id: optStr } },
  Event: { id: 'Event', properties: base },
  StasisStart: channelEvent('StasisStart', { args: { type: 'List[string]', required: true }, replace_channel: { type: 'Channel' } }),
  StasisEnd: channelEvent('StasisEnd'),
  ChannelStateChange: channelEvent('ChannelStateChange'),
  ChannelHangupRequest: channelEvent('ChannelHangupRequest', { cause: { type: 'int' }, soft: { type: 'boolean' }, tech_cause: { type: 'int' } }),
  ChannelDestroyed: channelEvent('ChannelDestroyed', { cause: { type: 'int', required: true }, cause_txt: str, tech_cause: { type: 'int' } }),
  ChannelDialplan: channelEvent('ChannelDialplan', { dialplan_app: str, dialplan_app_data: str }),
  ChannelVarset: { id: 'ChannelVarset', properties: { ...base, variable: str, value: str, channel: { type: 'Channel' } } },
  ChannelConnectedLine: channelEvent('ChannelConnectedLine'),
  ChannelEnteredBridge: { id: 'ChannelEnteredBridge', properties: { ...base, bridge: { type: 'Bridge', required: true }, channel: { type: 'Channel' } } },
  ChannelLeftBridge: { id: 'ChannelLeftBridge', properties: { ...base, bridge: { type: 'Bridge', required: true }, channel: { type: 'Channel', required: true } } },
  BridgeDestroyed: { id: 'BridgeDestroyed', properties: { ...base, bridge: { type: 'Bridge', required: true } } },
  Dial: {
    id: 'Dial',
    properties: { ...base, peer: { type: 'Channel', required: true }, caller: { type: 'Channel' }, dialstatus: str, dialstring: optStr, forward: optStr, forwarded: { type: 'Channel' } },
  },
  RecordingStarted: { id: 'RecordingStarted', properties: { ...base, recording: { type: 'LiveRecording', required: true } } },
  RecordingFinished: { id: 'RecordingFinished', properties: { ...base, recording: { type: 'LiveRecording', required: true } } },
  RecordingFailed: { id: 'RecordingFailed', properties: { ...base, recording: { type: 'LiveRecording', required: true } } },
  PlaybackStarted: { id: 'PlaybackStarted', properties: { ...base, playback: { type: 'Playback', required: true } } },
  PlaybackFinished: { id: 'PlaybackFinished', properties: { ...base, playback: { type: 'Playback', required: true } } },
};

const RESOURCES: Record<string, { description: string; apis: Api[]; models: Record<string, Model> }> = {
  asterisk: {
    description: 'Asterisk system information',
    apis: [{ path: '/asterisk/info', description: 'System information', operations: [op('GET', 'getInfo', 'AsteriskInfo', [q('only')], 'Asterisk system information')] }],
    models: { AsteriskInfo: MODELS.AsteriskInfo },
  },
  endpoints: {
    description: 'Endpoints',
    apis: [{ path: '/endpoints', description: 'Endpoints', operations: [op('GET', 'list', 'List[Endpoint]', [], 'List endpoints')] }],
    models: { Endpoint: MODELS.Endpoint },
  },
  channels: {
    description: 'Channel resources',
    apis: [
      {
        path: '/channels',
        description: 'Active channels',
        operations: [
          op('GET', 'list', 'List[Channel]', [], 'List channels'),
          op(
            'POST',
            'originate',
            'Channel',
            [q('endpoint', 'string', true), q('app'), q('appArgs'), q('callerId'), q('timeout', 'int'), q('channelId'), q('originator'), q('formats')],
            'Originate a call; StasisStart comes when answered',
          ),
        ],
      },
      {
        path: '/channels/create',
        description: 'Create a channel',
        operations: [op('POST', 'create', 'Channel', [q('endpoint', 'string', true), q('app', 'string', true), q('appArgs'), q('channelId'), q('originator'), q('formats')], 'Create a channel in Stasis')],
      },
      {
        path: '/channels/{channelId}',
        description: 'One channel',
        operations: [op('GET', 'get', 'Channel', [p('channelId')], 'Channel details'), op('DELETE', 'hangup', 'void', [p('channelId'), q('reason')], 'Hang up')],
      },
      { path: '/channels/{channelId}/dial', description: 'Dial', operations: [op('POST', 'dial', 'void', [p('channelId'), q('caller'), q('timeout', 'int')], 'Dial a created channel')] },
      { path: '/channels/{channelId}/ring', description: 'Ring', operations: [op('POST', 'ring', 'void', [p('channelId')], 'Indicate ringing')] },
      { path: '/channels/{channelId}/answer', description: 'Answer', operations: [op('POST', 'answer', 'void', [p('channelId')], 'Answer')] },
      {
        path: '/channels/{channelId}/continue',
        description: 'Continue in the dialplan',
        operations: [op('POST', 'continueInDialplan', 'void', [p('channelId'), q('context'), q('extension'), q('priority', 'int'), q('label')], 'Leave Stasis')],
      },
      { path: '/channels/{channelId}/play', description: 'Play media', operations: [op('POST', 'play', 'Playback', [p('channelId'), q('media', 'string', true), q('playbackId')], 'Play')] },
      {
        path: '/channels/{channelId}/record',
        description: 'Record a channel',
        operations: [
          op(
            'POST',
            'record',
            'LiveRecording',
            [p('channelId'), q('name', 'string', true), q('format', 'string', true), q('maxDurationSeconds', 'int'), q('beep', 'boolean'), q('terminateOn'), q('ifExists')],
            'Record',
          ),
        ],
      },
      { path: '/channels/{channelId}/variable', description: 'Variables', operations: [op('GET', 'getChannelVar', 'Variable', [p('channelId'), q('variable', 'string', true)], 'Get a variable')] },
    ],
    models: { Channel: MODELS.Channel, CallerID: MODELS.CallerID, DialplanCEP: MODELS.DialplanCEP, Variable: MODELS.Variable, Playback: MODELS.Playback, LiveRecording: MODELS.LiveRecording },
  },
  bridges: {
    description: 'Bridge resources',
    apis: [
      { path: '/bridges', description: 'Bridges', operations: [op('GET', 'list', 'List[Bridge]', [], 'List bridges'), op('POST', 'create', 'Bridge', [q('type'), q('bridgeId'), q('name')], 'Create a bridge')] },
      { path: '/bridges/{bridgeId}', description: 'One bridge', operations: [op('GET', 'get', 'Bridge', [p('bridgeId')], 'Bridge details'), op('DELETE', 'destroy', 'void', [p('bridgeId')], 'Destroy')] },
      { path: '/bridges/{bridgeId}/addChannel', description: 'Add channels', operations: [op('POST', 'addChannel', 'void', [p('bridgeId'), q('channel', 'string', true)], 'Add channels')] },
      {
        path: '/bridges/{bridgeId}/record',
        description: 'Record a bridge',
        operations: [op('POST', 'record', 'LiveRecording', [p('bridgeId'), q('name', 'string', true), q('format', 'string', true), q('beep', 'boolean'), q('terminateOn'), q('ifExists')], 'Record')],
      },
    ],
    models: { Bridge: MODELS.Bridge, LiveRecording: MODELS.LiveRecording },
  },
  recordings: {
    description: 'Recordings',
    apis: [
      { path: '/recordings/stored', description: 'Stored recordings', operations: [op('GET', 'listStored', 'List[StoredRecording]', [], 'List')] },
      { path: '/recordings/stored/{recordingName}', description: 'One stored recording', operations: [op('GET', 'getStored', 'StoredRecording', [p('recordingName')], 'Details')] },
      { path: '/recordings/stored/{recordingName}/file', description: 'The file', operations: [op('GET', 'getStoredFile', 'binary', [p('recordingName')], 'Download')] },
      { path: '/recordings/live/{recordingName}', description: 'A live recording', operations: [op('GET', 'getLive', 'LiveRecording', [p('recordingName')], 'Details')] },
    ],
    models: { StoredRecording: MODELS.StoredRecording, LiveRecording: MODELS.LiveRecording },
  },
  playbacks: {
    description: 'Playbacks',
    apis: [{ path: '/playbacks/{playbackId}', description: 'A playback', operations: [op('GET', 'get', 'Playback', [p('playbackId')], 'Details')] }],
    models: { Playback: MODELS.Playback },
  },
  applications: {
    description: 'Stasis applications',
    apis: [{ path: '/applications', description: 'Applications', operations: [op('GET', 'list', 'List[Application]', [], 'List applications')] }],
    models: { Application: MODELS.Application },
  },
  events: {
    description: 'WebSocket events',
    apis: [{ path: '/events', description: 'Events WebSocket', operations: [op('GET', 'eventWebsocket', 'Message', [q('app', 'string', true), q('subscribeAll', 'boolean')], 'Events')] }],
    models: { ...EVENT_MODELS, Channel: MODELS.Channel, Bridge: MODELS.Bridge, LiveRecording: MODELS.LiveRecording, Playback: MODELS.Playback },
  },
};

const VERSION = { apiVersion: '9.0.0', swaggerVersion: '1.1' };

export function resourceListing(basePath: string): unknown {
  return {
    ...VERSION,
    basePath,
    apis: Object.entries(RESOURCES).map(([name, r]) => ({ path: `/api-docs/${name}.{format}`, description: r.description })),
  };
}

export function resourceDeclaration(name: string, basePath: string): unknown | null {
  const r = RESOURCES[name];
  if (!r) return null;
  return { ...VERSION, basePath, resourcePath: `/api-docs/${name}.{format}`, apis: r.apis, models: r.models };
}
