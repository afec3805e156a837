import { resourcesOf } from './function-resources';

/**
 * Names of the resources a function talks to, passed by the stack as environment variables (and by
 * the local runtime from the same template). Read lazily so a function only needs what it uses.
 */
export type ResourceVariable =
  | 'FAIR_TABLE'
  | 'ZONES_TABLE'
  | 'CREDENTIALS_TABLE'
  | 'TICKETS_TABLE'
  | 'SCANS_TABLE'
  | 'ALERTS_TABLE'
  | 'STATS_TABLE'
  | 'WORKSHOPS_TABLE'
  | 'SIGNING_KEY_SECRET_ARN'
  | 'ORGANISER_SECRET_ARN'
  | 'ALERT_TOPIC_ARN'
  | 'ALERT_DELIVERY_QUEUE_URL'
  | 'FOOTFALL_QUEUE_URL'
  | 'CLOSING_QUEUE_URL'
  | 'WEBHOOK_SECRET_ARN'
  /** Not a resource but a setting the stack gives: each credential's request budget ("20/60"). */
  | 'CREDENTIAL_BUDGET';

/**
 * A resource's name from the environment. A function may read only what shared/commons/function-resources.ts
 * lists for it (the same list the stack is held to at synth): reading another is a bug, refused here.
 */
export function resource(name: ResourceVariable): string {
  const functionName = process.env.POWERTOOLS_SERVICE_NAME?.replace(/^rawaq-/, '') ?? '';
  const allowed = resourcesOf(functionName);
  if (allowed && !allowed.includes(name))
    throw new Error(
      `${functionName} reads ${name}, which shared/commons/function-resources.ts does not list for it: add it there (the stack will then have to give it)`,
    );
  const value = process.env[name];
  if (!value) throw new Error(`environment variable ${name} is not set: is this function wired to it in the stack?`);
  return value;
}
