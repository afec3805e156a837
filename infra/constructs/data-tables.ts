import { RemovalPolicy } from 'aws-cdk-lib';
import {
  AttributeType,
  BillingMode,
  ProjectionType,
  StreamViewType,
  Table,
  type TableProps,
} from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import type { ResourceVariable } from '../../shared/commons/config';
import {
  ALERT_FEED_INDEX,
  CONFLICT_INDEX,
  CREDENTIAL_ID_INDEX,
  INSIDE_INDEX,
  INSIDE_INDEX_ATTRIBUTES,
  SHORT_CODE_INDEX,
  WORKSHOP_LIST_INDEX,
} from '../../shared/store/index-names';

/**
 * TTL attribute on every table: epoch seconds after which DynamoDB may delete the item. Tickets, scans
 * and credentials carry it (shared/domain/retention.ts: 90 days after the fair's last day; a
 * credential's own expiry, the day after the fair, by default); statistics and alerts are kept.
 */
export const TTL_ATTRIBUTE = 'expiresAt';

/** The variable that names each table to the functions bound to it. */
const TABLE_VARIABLES = new WeakMap<Table, ResourceVariable>();

export function tableVariable(table: Table): ResourceVariable {
  const variable = TABLE_VARIABLES.get(table);
  if (!variable) throw new Error(`${table.node.path} is not one of the fair's tables`);
  return variable;
}

export interface DataTablesProps {
  removalPolicy: RemovalPolicy;
}

/**
 * The tables of one fair deployment. On-demand (a fair's load is spiky: a morning rush, then quiet),
 * point-in-time recovery on, a TTL attribute on each; streams where a consumer reads them, with both
 * images so consumers see what changed.
 */
export class DataTables extends Construct {
  readonly fair: Table;
  readonly zones: Table;
  readonly credentials: Table;
  readonly tickets: Table;
  readonly scans: Table;
  readonly stats: Table;
  readonly alerts: Table;
  readonly workshops: Table;

  constructor(scope: Construct, id: string, props: DataTablesProps) {
    super(scope, id);
    const base: Omit<TableProps, 'partitionKey'> = {
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      timeToLiveAttribute: TTL_ATTRIBUTE,
      removalPolicy: props.removalPolicy,
      // A fair's records are evidence: kept when the stack goes, and not deleted by a careless console click.
      deletionProtection: props.removalPolicy === RemovalPolicy.RETAIN,
    };
    this.fair = new Table(this, 'Fair', {
      ...base,
      partitionKey: { name: 'pk', type: AttributeType.STRING },
      sortKey: { name: 'sk', type: AttributeType.STRING },
    });
    // The zones table's stream feeds the alert evaluator: a level change is a change of this item.
    this.zones = new Table(this, 'Zones', {
      ...base,
      partitionKey: { name: 'zoneId', type: AttributeType.STRING },
      stream: StreamViewType.NEW_AND_OLD_IMAGES,
    });
    this.credentials = new Table(this, 'Credentials', {
      ...base,
      partitionKey: { name: 'credentialHash', type: AttributeType.STRING },
    });
    this.credentials.addGlobalSecondaryIndex({
      indexName: CREDENTIAL_ID_INDEX,
      partitionKey: { name: 'credentialId', type: AttributeType.STRING },
      projectionType: ProjectionType.KEYS_ONLY,
    });
    // A ticket's presence (inside, zone, entries, version) lives in the ticket item: one item per scan.
    // Its stream (old and new images) feeds the holders counter: a ticket's first entry of a day.
    this.tickets = new Table(this, 'Tickets', {
      ...base,
      partitionKey: { name: 'ticketId', type: AttributeType.STRING },
      stream: StreamViewType.NEW_AND_OLD_IMAGES,
    });
    // Sparse: only tickets inside carry `insideShard`, so closing a day reads who is left, not every
    // ticket; 16 shards a day (`<day>#<n>`) so no single key takes a national fair's entries.
    this.tickets.addGlobalSecondaryIndex({
      indexName: INSIDE_INDEX,
      partitionKey: { name: 'insideShard', type: AttributeType.STRING },
      projectionType: ProjectionType.INCLUDE,
      nonKeyAttributes: [...INSIDE_INDEX_ATTRIBUTES],
    });
    // A badge's short code, typed when its QR code cannot be read: the ticket's id, nothing more.
    this.tickets.addGlobalSecondaryIndex({
      indexName: SHORT_CODE_INDEX,
      partitionKey: { name: 'shortCode', type: AttributeType.STRING },
      projectionType: ProjectionType.KEYS_ONLY,
    });
    // Append-only scan log keyed by the device's scan id; its stream feeds the occupancy projector.
    this.scans = new Table(this, 'Scans', {
      ...base,
      partitionKey: { name: 'scanId', type: AttributeType.STRING },
      stream: StreamViewType.NEW_IMAGE,
    });
    this.scans.addGlobalSecondaryIndex({
      indexName: CONFLICT_INDEX,
      partitionKey: { name: 'conflictKey', type: AttributeType.STRING },
      sortKey: { name: 'receivedAt', type: AttributeType.STRING },
    });
    // Coalesced counters (gate, holders and booth statistics), each stream-fed one with its shards' marks.
    this.stats = new Table(this, 'Stats', {
      ...base,
      partitionKey: { name: 'pk', type: AttributeType.STRING },
      sortKey: { name: 'sk', type: AttributeType.STRING },
    });
    // One item per alert, keyed by zone and level change; the feed index orders them by time.
    this.alerts = new Table(this, 'Alerts', { ...base, partitionKey: { name: 'alertId', type: AttributeType.STRING } });
    this.alerts.addGlobalSecondaryIndex({
      indexName: ALERT_FEED_INDEX,
      partitionKey: { name: 'feed', type: AttributeType.STRING },
      sortKey: { name: 'feedKey', type: AttributeType.STRING },
    });
    // One partition per workshop: counters, registrations, admissions, door scans. The stream (keys
    // only) wakes the waitlist promoter when a workshop's counters change.
    this.workshops = new Table(this, 'Workshops', {
      ...base,
      partitionKey: { name: 'pk', type: AttributeType.STRING },
      sortKey: { name: 'sk', type: AttributeType.STRING },
      stream: StreamViewType.KEYS_ONLY,
    });
    this.workshops.addGlobalSecondaryIndex({
      indexName: WORKSHOP_LIST_INDEX,
      partitionKey: { name: 'listKey', type: AttributeType.STRING },
      sortKey: { name: 'startsAt', type: AttributeType.STRING },
    });
    for (const [table, variable] of [
      [this.fair, 'FAIR_TABLE'],
      [this.zones, 'ZONES_TABLE'],
      [this.credentials, 'CREDENTIALS_TABLE'],
      [this.tickets, 'TICKETS_TABLE'],
      [this.scans, 'SCANS_TABLE'],
      [this.stats, 'STATS_TABLE'],
      [this.alerts, 'ALERTS_TABLE'],
      [this.workshops, 'WORKSHOPS_TABLE'],
    ] as const)
      TABLE_VARIABLES.set(table, variable);
  }
}
