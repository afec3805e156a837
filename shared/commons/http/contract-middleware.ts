import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { Refused } from '../../domain/errors';
import { isContention } from '../../store/contention';
import { logger } from '../logger';
import {
  BusyError,
  ConflictError,
  ContractError,
  errorBody,
  NotFoundError,
  RateLimitedError,
  ValidationFailedError,
} from './errors';
import type { HttpResult } from './response';

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };

/** A use case's refusal as the contract states it. */
function asContractError(error: unknown): unknown {
  if (isContention(error))
    return new BusyError(
      "the fair's records are busy: nothing was written; send the same request again (with the same id) in a second",
    );
  if (!(error instanceof Refused)) return error;
  const As = { invalid: ValidationFailedError, missing: NotFoundError, conflict: ConflictError }[error.kind];
  return new As(error.message, error.details);
}

/**
 * Maps the errors a handler (or the use case it calls) throws on purpose to the contract's body, and
 * contention the store gave up on to a 503 to send again; anything else is logged with the request id
 * and answered as a plain 500, with no detail that could leak internals.
 */
export function contractErrors(): MiddlewareObj<APIGatewayProxyEventV2, HttpResult> {
  return {
    name: 'contractErrors',
    onError: (request) => {
      const error = asContractError(request.error);
      if (error instanceof ContractError) {
        request.response = {
          statusCode: error.statusCode,
          headers:
            error instanceof RateLimitedError || error instanceof BusyError
              ? { ...JSON_HEADERS, 'retry-after': String(error.retryAfterSeconds) }
              : JSON_HEADERS,
          body: errorBody(error.code, error.message, error.details),
        };
        return;
      }
      const requestId = request.event.requestContext?.requestId;
      logger.error('unexpected error', { requestId, error: error as Error });
      request.response = {
        statusCode: 500,
        headers: JSON_HEADERS,
        body: errorBody('INTERNAL', `something went wrong on our side; quote request id ${requestId ?? 'unknown'}`),
      };
    },
  };
}
