/**
 * The ARI vocabulary Leadline speaks, mirroring the dialplan (dialplan/extensions.conf) and what Asterisk 22
 * sends (see shared/telephony-traces). Enums, not string literals scattered over the code.
 */

/** WebSocket event types Leadline acts on; anything else is ignored (logged at debug). */
export enum AriEventType {
  StasisStart = 'StasisStart',
  StasisEnd = 'StasisEnd',
  ChannelStateChange = 'ChannelStateChange',
  ChannelHangupRequest = 'ChannelHangupRequest',
  ChannelDestroyed = 'ChannelDestroyed',
  ChannelEnteredBridge = 'ChannelEnteredBridge',
  ChannelLeftBridge = 'ChannelLeftBridge',
  Dial = 'Dial',
  RecordingStarted = 'RecordingStarted',
  RecordingFinished = 'RecordingFinished',
  RecordingFailed = 'RecordingFailed',
  PlaybackStarted = 'PlaybackStarted',
  PlaybackFinished = 'PlaybackFinished',
  BridgeDestroyed = 'BridgeDestroyed',
  /** A phone REFERred the caller elsewhere (blind transfer); the new channel came as StasisStart with replace_channel. */
  BridgeBlindTransfer = 'BridgeBlindTransfer',
  /** A phone completed an attended transfer (REFER with Replaces): `transfer_target` is who now talks to the caller. */
  BridgeAttendedTransfer = 'BridgeAttendedTransfer',
}

export const KNOWN_EVENT_TYPES: ReadonlySet<string> = new Set(Object.values(AriEventType));

export enum ChannelState {
  Down = 'Down',
  Ring = 'Ring',
  Ringing = 'Ringing',
  Up = 'Up',
  Busy = 'Busy',
}

/** First Stasis argument: what a channel is to Leadline (`Stasis(leadline,inbound,${EXTEN})`, our own legs). */
export enum AppArg {
  Inbound = 'inbound',
  Agent = 'agent',
  ClickToCall = 'clicktocall',
}

/** Second argument of a click-to-call leg. */
export enum ClickToCallRole {
  Agent = 'agent',
  Client = 'client',
}

/** Channel variables ari.conf exposes on every channel (`channelvars = CHANNEL(linkedid)`). */
export enum ChannelVar {
  LinkedId = 'CHANNEL(linkedid)',
}

/** Dialplan targets Leadline may send a caller to (a contract with dialplan/extensions.conf). */
export enum DialplanTarget {
  FallbackContext = 'fallback',
  VoicemailLabel = 'voicemail',
}

/** Q.850 causes of ChannelDestroyed that decide a leg result and the call disposition. */
export enum HangupCause {
  NormalClearing = 16,
  UserBusy = 17,
  NoUserResponding = 18,
  NoAnswer = 19,
  CallRejected = 21,
  Interworking = 127,
}

/** `ChannelHangupRequest.soft` causes are Asterisk's soft-hangup flags, not Q.850. */
export enum SoftHangupFlag {
  Shutdown = 4,
  AppUnload = 16,
  Explicit = 32,
}

export interface AriCallerId {
  name: string;
  number: string;
}

export interface AriChannel {
  id: string;
  name: string;
  state: ChannelState | string;
  caller: AriCallerId;
  connected: AriCallerId;
  accountcode?: string;
  dialplan: { context: string; exten: string; priority: number; app_name?: string; app_data?: string };
  creationtime: string;
  language?: string;
  channelvars?: Record<string, string>;
}

export interface AriBridge {
  id: string;
  technology: string;
  bridge_type: string;
  bridge_class: string;
  creator: string;
  name: string;
  channels: string[];
  creationtime?: string;
  video_mode?: string;
}

export interface AriLiveRecording {
  name: string;
  format: string;
  state: string;
  target_uri: string;
  duration?: number;
  cause?: string;
}

export interface AriPlayback {
  id: string;
  media_uri: string;
  target_uri: string;
  language?: string;
  state: string;
}

export interface AriStoredRecording {
  name: string;
  format: string;
}

interface BaseEvent {
  type: string;
  timestamp?: string;
  application?: string;
  asterisk_id?: string;
}

export interface StasisStartEvent extends BaseEvent {
  type: AriEventType.StasisStart;
  args: string[];
  channel: AriChannel;
  replace_channel?: AriChannel;
}
export interface ChannelEvent extends BaseEvent {
  type:
    | AriEventType.StasisEnd
    | AriEventType.ChannelStateChange
    | AriEventType.ChannelHangupRequest
    | AriEventType.ChannelDestroyed;
  channel: AriChannel;
  cause?: number;
  cause_txt?: string;
  tech_cause?: number;
  soft?: boolean;
}
export interface BridgeChannelEvent extends BaseEvent {
  type: AriEventType.ChannelEnteredBridge | AriEventType.ChannelLeftBridge;
  bridge: AriBridge;
  channel: AriChannel;
}
export interface DialEvent extends BaseEvent {
  type: AriEventType.Dial;
  peer: AriChannel;
  caller?: AriChannel;
  dialstatus: string;
  dialstring?: string;
  forward?: string;
}
export interface RecordingEvent extends BaseEvent {
  type: AriEventType.RecordingStarted | AriEventType.RecordingFinished | AriEventType.RecordingFailed;
  recording: AriLiveRecording;
}
export interface PlaybackEvent extends BaseEvent {
  type: AriEventType.PlaybackStarted | AriEventType.PlaybackFinished;
  playback: AriPlayback;
}
export interface BridgeEvent extends BaseEvent {
  type: AriEventType.BridgeDestroyed;
  bridge: AriBridge;
}

/** blind-transfer trace: `channel` is the transferring leg, `replace_channel` the Local channel now in its place. */
export interface BlindTransferEvent extends BaseEvent {
  type: AriEventType.BridgeBlindTransfer;
  channel: AriChannel;
  replace_channel?: AriChannel;
  exten: string;
  context: string;
  result: string;
  is_external?: boolean;
  bridge?: AriBridge;
}
/** attended-transfer trace: the app's leg was `transferer_first_leg`; `transfer_target` (no events of its own) now has the caller. */
export interface AttendedTransferEvent extends BaseEvent {
  type: AriEventType.BridgeAttendedTransfer;
  transferer_first_leg: AriChannel;
  transferer_second_leg?: AriChannel;
  transfer_target?: AriChannel;
  destination_link_first_leg?: AriChannel;
  result: string;
}

export type AriEvent =
  | StasisStartEvent
  | ChannelEvent
  | BridgeChannelEvent
  | DialEvent
  | RecordingEvent
  | PlaybackEvent
  | BridgeEvent
  | BlindTransferEvent
  | AttendedTransferEvent;

/** The endpoint of a channel from its name: `PJSIP/103-0000001e` → `PJSIP/103`. */
export function endpointOfChannel(name: string): string {
  return name.replace(/-[0-9a-f]+$/i, '');
}

/** The linkedid ari.conf puts on every channel, or null when the PBX does not expose it. */
export function linkedIdOf(channel: AriChannel): string | null {
  return channel.channelvars?.[ChannelVar.LinkedId] || null;
}

/** `target_uri` of a recording or playback: `bridge:<id>` / `channel:<id>` → the id. */
export function targetIdOf(targetUri: string): string {
  const i = targetUri.indexOf(':');
  return i === -1 ? targetUri : targetUri.slice(i + 1);
}
