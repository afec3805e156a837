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
  | 'WEBHOOK_SECRET_ARN';

export function resource(name: ResourceVariable): string {
  const value = process.env[name];
  if (!value) throw new Error(`environment variable ${name} is not set: is this function wired to it in the stack?`);
  return value;
}
