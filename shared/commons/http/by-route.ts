import type { Context } from 'aws-lambda';
import type { AnswerOf, RoutedFunction, RouteKey, RoutesOf } from '../../contract/operations';
import type { GatePathEvent, HttpInner } from './http-handler';
import type { Answering } from './response';

/** A route's inner function: it may only return what the contract says the route answers. */
export type RouteAnswer<K extends RouteKey> = (
  event: GatePathEvent,
  context: Context,
) => Promise<Answering<AnswerOf<K>>>;

/**
 * A function's routes, each answered by its own inner function, keyed as API Gateway names them
 * (`event.routeKey`): `byRoute('alerts')({ 'GET /v1/alerts': …, 'POST /v1/alerts/{alertId}/ack': … })`.
 * The keys are the contract's (shared/contract/operations.ts): a route the contract gives this
 * function and the table lacks, or a key the contract does not give it, does not compile; and each
 * route's answers (`json`, `csvFile`…) must be of a status and a body its schemas describe. No handler
 * compares route strings. (Two calls, so that the function's name fixes the keys before the table's
 * inner functions are typed.)
 */
export function byRoute<F extends RoutedFunction>(fn: F) {
  return (routes: { [K in RoutesOf<F>]: RouteAnswer<K> }): HttpInner => {
    const table: Record<string, HttpInner | undefined> = routes;
    return (event, context) => {
      const answer = table[event.routeKey];
      // Only a route the stack did not make from the contract could reach here: a deployment error.
      if (!answer) throw new Error(`functions/${fn} has no answer for ${event.routeKey}`);
      return answer(event, context);
    };
  };
}
