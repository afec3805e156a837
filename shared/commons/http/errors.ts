/**
 * Errors a handler may throw on purpose. Each carries the HTTP status and the contract's error code;
 * the contract middleware turns them into `{error: {code, message, details}}`. Anything else is a bug
 * and becomes a bare 500 (logged with the request id, never echoed to the client).
 */
export interface ErrorDetail {
  path: string;
  message: string;
}

export abstract class ContractError extends Error {
  abstract readonly statusCode: number;
  abstract readonly code: string;
  readonly details: ErrorDetail[];

  constructor(message: string, details: ErrorDetail[] = []) {
    super(message);
    this.details = details;
  }
}

export class ValidationFailedError extends ContractError {
  override readonly name = 'ValidationFailedError';
  readonly statusCode = 400;
  readonly code = 'VALIDATION_FAILED';
}

export class UnauthorizedError extends ContractError {
  override readonly name = 'UnauthorizedError';
  readonly statusCode = 401;
  readonly code = 'UNAUTHORIZED';
}

export class ForbiddenError extends ContractError {
  override readonly name = 'ForbiddenError';
  readonly statusCode = 403;
  readonly code = 'FORBIDDEN';
}

export class NotFoundError extends ContractError {
  override readonly name = 'NotFoundError';
  readonly statusCode = 404;
  readonly code = 'NOT_FOUND';
}

export class ConflictError extends ContractError {
  override readonly name = 'ConflictError';
  readonly statusCode = 409;
  readonly code = 'CONFLICT';
}

export class PayloadTooLargeError extends ContractError {
  override readonly name = 'PayloadTooLargeError';
  readonly statusCode = 413;
  readonly code = 'PAYLOAD_TOO_LARGE';
}

/** Too many requests from one credential (its budget) or one address; `Retry-After` says when to try again. */
export class RateLimitedError extends ContractError {
  override readonly name = 'RateLimitedError';
  readonly statusCode = 429;
  readonly code = 'RATE_LIMITED';

  constructor(
    message: string,
    readonly retryAfterSeconds = 1,
  ) {
    super(message);
  }
}

/**
 * The fair's records stayed contended past every retry (a transaction conflict or a throttled
 * partition the store retried until it gave up): nothing was written, and the same request, with the
 * same id, may be sent again (`Retry-After`); it is counted once.
 */
export class BusyError extends ContractError {
  override readonly name = 'BusyError';
  readonly statusCode = 503;
  readonly code = 'BUSY';
  readonly retryAfterSeconds = 1;
}

export function errorBody(code: string, message: string, details: ErrorDetail[] = []): string {
  return JSON.stringify({ error: { code, message, details } });
}
