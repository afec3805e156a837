import type { ResourceVariable } from './config';

/**
 * What each function reads, by its folder under functions/. The stack must give a function exactly
 * these (RawaqFunction refuses to synthesize otherwise), and resource() refuses to read any other, so
 * this list, the code and the template cannot drift apart. Import-free, so the stack may read it.
 */
/** The endpoint, the schedule and the sweep jobs of a day's closing run the same use case. */
const DAY_CLOSING = [
  'FAIR_TABLE',
  'ZONES_TABLE',
  'TICKETS_TABLE',
  'ALERTS_TABLE',
  'ALERT_TOPIC_ARN',
  'ALERT_DELIVERY_QUEUE_URL',
  'CLOSING_QUEUE_URL',
] as const;

/** The gate path's functions authenticate themselves, as the authorizer does (shared/commons/authenticate.ts). */
const GATE_PATH = ['CREDENTIALS_TABLE', 'CREDENTIAL_BUDGET'] as const;

export const FUNCTION_RESOURCES = {
  'alert-evaluator': ['FAIR_TABLE', 'ALERTS_TABLE', 'ALERT_TOPIC_ARN', 'ALERT_DELIVERY_QUEUE_URL'],
  'alert-subscriptions': ['FAIR_TABLE', 'ALERT_DELIVERY_QUEUE_URL', 'WEBHOOK_SECRET_ARN', 'ALERT_TOPIC_ARN'],
  'alert-webhook': ['FAIR_TABLE', 'ALERT_DELIVERY_QUEUE_URL', 'WEBHOOK_SECRET_ARN'],
  alerts: ['ALERTS_TABLE'],
  authorizer: ['CREDENTIALS_TABLE', 'CREDENTIAL_BUDGET'],
  'booth-leads': ['FAIR_TABLE', 'TICKETS_TABLE', 'STATS_TABLE'],
  'booth-poster': ['FAIR_TABLE', 'ZONES_TABLE', 'STATS_TABLE'],
  'booth-ranking': ['FAIR_TABLE', 'STATS_TABLE'],
  'booth-stats': ['FAIR_TABLE', 'STATS_TABLE'],
  credentials: ['FAIR_TABLE', 'CREDENTIALS_TABLE'],
  devices: ['FAIR_TABLE', 'ZONES_TABLE', 'WORKSHOPS_TABLE'],
  evacuations: [
    'FAIR_TABLE',
    'ZONES_TABLE',
    'TICKETS_TABLE',
    'ALERTS_TABLE',
    'ALERT_TOPIC_ARN',
    'ALERT_DELIVERY_QUEUE_URL',
  ],
  'fair-days': DAY_CLOSING,
  'fair-days-schedule': [...DAY_CLOSING, 'WORKSHOPS_TABLE', 'SCANS_TABLE'],
  'fair-days-sweep': DAY_CLOSING,
  escalate: ['FAIR_TABLE', 'ZONES_TABLE', 'ALERTS_TABLE', 'ALERT_TOPIC_ARN', 'ALERT_DELIVERY_QUEUE_URL'],
  'footfall-aggregator': ['FAIR_TABLE', 'STATS_TABLE', 'FOOTFALL_QUEUE_URL'],
  'footfall-ingest': ['FAIR_TABLE', 'TICKETS_TABLE', 'STATS_TABLE', 'FOOTFALL_QUEUE_URL', ...GATE_PATH],
  'walk-ins': [
    ...GATE_PATH,
    'FAIR_TABLE',
    'ZONES_TABLE',
    'SCANS_TABLE',
    'ALERTS_TABLE',
    'ALERT_TOPIC_ARN',
    'ALERT_DELIVERY_QUEUE_URL',
  ],
  'gate-hours-counter': ['FAIR_TABLE', 'STATS_TABLE'],
  'gate-stats': ['FAIR_TABLE', 'STATS_TABLE'],
  'get-fair': ['FAIR_TABLE', 'ZONES_TABLE', 'WORKSHOPS_TABLE'],
  'get-ticket': ['FAIR_TABLE', 'TICKETS_TABLE', 'SIGNING_KEY_SECRET_ARN'],
  health: [],
  incidents: ['FAIR_TABLE', 'ZONES_TABLE', 'ALERTS_TABLE', 'ALERT_TOPIC_ARN', 'ALERT_DELIVERY_QUEUE_URL'],
  'issue-tickets': ['FAIR_TABLE', 'TICKETS_TABLE', 'SIGNING_KEY_SECRET_ARN'],
  keys: ['FAIR_TABLE'],
  occupancy: ['FAIR_TABLE', 'ZONES_TABLE', 'STATS_TABLE'],
  'holders-counter': ['STATS_TABLE'],
  'occupancy-projector': ['ZONES_TABLE'],
  openapi: [],
  reconcile: ['FAIR_TABLE', 'ZONES_TABLE', 'TICKETS_TABLE', 'STATS_TABLE'],
  'scan-log-writer': ['SCANS_TABLE'],
  reports: [
    'FAIR_TABLE',
    'ZONES_TABLE',
    'SCANS_TABLE',
    'ALERTS_TABLE',
    'STATS_TABLE',
    'WORKSHOPS_TABLE',
    'TICKETS_TABLE',
  ],
  revocations: ['FAIR_TABLE'],
  'revoke-ticket': ['FAIR_TABLE', 'TICKETS_TABLE'],
  scan: [...GATE_PATH, 'FAIR_TABLE', 'ZONES_TABLE', 'TICKETS_TABLE', 'SCANS_TABLE'],
  status: ['FAIR_TABLE', 'ZONES_TABLE', 'WORKSHOPS_TABLE', 'STATS_TABLE'],
  'scan-conflicts': ['SCANS_TABLE', 'FAIR_TABLE', 'TICKETS_TABLE'],
  seed: [
    'FAIR_TABLE',
    'ZONES_TABLE',
    'CREDENTIALS_TABLE',
    'WORKSHOPS_TABLE',
    'SIGNING_KEY_SECRET_ARN',
    'ORGANISER_SECRET_ARN',
  ],
  'update-zone': ['ZONES_TABLE'],
  'visitor-privacy': ['FAIR_TABLE', 'TICKETS_TABLE', 'STATS_TABLE'],
  'waitlist-promoter': ['WORKSHOPS_TABLE'],
  whoami: [],
  'workshop-door': [...GATE_PATH, 'FAIR_TABLE', 'TICKETS_TABLE', 'SCANS_TABLE', 'WORKSHOPS_TABLE', 'ZONES_TABLE'],
  'workshop-registrations': ['FAIR_TABLE', 'TICKETS_TABLE', 'WORKSHOPS_TABLE'],
  workshops: ['ZONES_TABLE', 'WORKSHOPS_TABLE'],
} as const satisfies Record<string, readonly ResourceVariable[]>;

export type FunctionName = keyof typeof FUNCTION_RESOURCES;

/** The variables a function reads, or undefined for a function this list does not know (test fixtures). */
export function resourcesOf(name: string): readonly ResourceVariable[] | undefined {
  return Object.hasOwn(FUNCTION_RESOURCES, name) ? FUNCTION_RESOURCES[name as FunctionName] : undefined;
}
