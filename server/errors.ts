/** One error family, mapped to HTTP in one place (http/error-handler.ts) as `{ error: { code, message, fields? } }`. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
  }
}

export class ValidationError extends AppError {
  constructor(message: string, fields?: Record<string, string>) {
    super(400, 'validation_failed', message, fields);
  }
}
export class UnauthenticatedError extends AppError {
  constructor(message = 'Log in to continue') {
    super(401, 'unauthenticated', message);
  }
}
export class ForbiddenError extends AppError {
  constructor(message = 'You are not allowed to do this') {
    super(403, 'forbidden', message);
  }
}
export class NotFoundError extends AppError {
  constructor(what = 'Resource') {
    super(404, 'not_found', `${what} not found`);
  }
}
export class ConflictError extends AppError {
  constructor(message: string, code = 'conflict') {
    super(409, code, message);
  }
}

/** Someone else saved first: the answer carries what is there now, so the page can show it and let the user redo. */
export class StaleVersionError extends ConflictError {
  constructor(
    readonly current: unknown,
    what = 'lead',
  ) {
    super(`Someone else changed this ${what} first; review their change and try again`, 'stale_version');
  }
}

/** 503: telephony is off or not connected right now; the message says which. */
export class TelephonyUnavailableError extends AppError {
  constructor(message: string) {
    super(503, 'telephony_unavailable', message);
  }
}

/** Telephony is off in this install (no ARI_URL, not the simulator). */
export class TelephonyOffError extends TelephonyUnavailableError {}
