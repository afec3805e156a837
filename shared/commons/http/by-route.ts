import type { RoutedFunction, RoutesOf } from '../../contract/operations';
import type { HttpInner } from './http-handler';

/**
 * A function's routes, each answered by its own inner function, keyed as API Gateway names them
 * (`event.routeKey`): `byRoute('alerts')({ 'GET /v1/alerts': …, 'POST /v1/alerts/{alertId}/ack': … })`.
 * The keys are the contract's (shared/contract/operations.ts): a route the contract gives this
 * function and the table lacks, or a key the contract does not give it, does not compile; no handler
 * compares route strings. (Two calls, so that the function's name fixes the keys before the table's
 * inner functions are typed.)
 */
export function byRoute<F extends RoutedFunction>(fn: F) {
  return (routes: Record<RoutesOf<F>, HttpInner>): HttpInner => {
    const table: Record<string, HttpInner | undefined> = routes;
    return (event, context) => {
      const answer = table[event.routeKey];
      // Only a route the stack did not make from the contract could reach here: a deployment error.
      if (!answer) throw new Error(`functions/${fn} has no answer for ${event.routeKey}`);
      return answer(event, context);
    };
  };
}
