/**
 * What a rule or a use case refuses, in its own words, without knowing about HTTP: the HTTP layer
 * (shared/commons/http/contract-middleware.ts) turns each kind into the contract's status and error code.
 */
export interface Problem {
  path: string;
  message: string;
}

export class Refused extends Error {
  override readonly name = 'Refused';

  constructor(
    /** invalid: the request breaks a rule (400); missing: what it names does not exist (404); conflict: the state forbids it now (409). */
    readonly kind: 'invalid' | 'missing' | 'conflict',
    message: string,
    readonly details: Problem[] = [],
  ) {
    super(message);
  }
}
