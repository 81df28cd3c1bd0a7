import { text, type Text } from './i18n/text.js';

/**
 * One error family, mapped to HTTP in one place (http/error-handler.ts) as `{ error: { code, message, fields? } }`.
 * `code` is a stable English identifier for programs; `message` and the field messages are texts of the server
 * catalogue (`server/i18n/locales/<lang>/server.json`), translated into the language of whoever asked.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly text: Text,
    readonly fields?: Record<string, Text>,
  ) {
    super(text.key);
  }
}

export class ValidationError extends AppError {
  constructor(message: Text, fields?: Record<string, Text>) {
    super(400, 'validation_failed', message, fields);
  }
}

/** A 400 about one field: its message is the request's message too. */
export function fieldError(field: string, message: Text): ValidationError {
  return new ValidationError(message, { [field]: message });
}

export class UnauthenticatedError extends AppError {
  constructor(message: Text = text('error.unauthenticated')) {
    super(401, 'unauthenticated', message);
  }
}
export class ForbiddenError extends AppError {
  constructor(message: Text = text('error.forbidden')) {
    super(403, 'forbidden', message);
  }
}

/** What a 404 can be about (each has its own text: `error.not_found.<thing>`). */
export const NOT_FOUND_THINGS = ['lead', 'client', 'user', 'site', 'department', 'reminder', 'file', 'recording', 'call', 'route', 'simulator', 'ringing_call', 'active_call', 'import', 'view'] as const;
export type NotFoundThing = (typeof NOT_FOUND_THINGS)[number];

export class NotFoundError extends AppError {
  constructor(readonly thing: NotFoundThing) {
    super(404, 'not_found', text(`error.not_found.${thing}`));
  }
}
export class ConflictError extends AppError {
  constructor(message: Text, code = 'conflict', fields?: Record<string, Text>) {
    super(409, code, message, fields);
  }
}

/** Someone else saved first: the answer carries what is there now, so the page can show it and let the user redo. */
export class StaleVersionError extends ConflictError {
  constructor(
    readonly current: unknown,
    what: 'lead' | 'client' | 'department' = 'lead',
  ) {
    super(text(`error.stale_version.${what}`), 'stale_version');
  }
}

/** 503: telephony is off or not connected right now; the message says which. */
export class TelephonyUnavailableError extends AppError {
  constructor(message: Text) {
    super(503, 'telephony_unavailable', message);
  }
}

/** Telephony is off in this install (no ARI_URL, not the simulator). */
export class TelephonyOffError extends TelephonyUnavailableError {
  constructor() {
    super(text('error.telephony_off'));
  }
}
