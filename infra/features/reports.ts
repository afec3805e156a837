import { Duration } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { ALERT_FEED_INDEX, CONFLICT_INDEX, WORKSHOP_LIST_INDEX } from '../../shared/store/index-names';
import { bindTable, featureFunction, type StackParts } from './feature';

/**
 * The day's report and the whole fair's, for organisers: read from what the fair already keeps (gate
 * statistics, zones, closings, workshops, booth ranking, alerts, the scan log for distinct ticket
 * holders); nothing is written.
 */
export class Reports extends Construct {
  constructor(scope: Construct, id: string, parts: StackParts) {
    super(scope, id);
    const { tables } = parts;
    const reports = featureFunction(this, parts, 'Reports', {
      name: 'reports',
      description: 'GET /v1/reports/days/{day}, GET /v1/reports/fair (JSON and CSV)',
      // The whole fair's report reads each day's figures in turn: allow API Gateway's full 29 s.
      timeout: Duration.seconds(29),
      memorySize: 1024,
    });
    bindTable(reports, tables.fair, ['dynamodb:GetItem', 'dynamodb:Query']);
    bindTable(reports, tables.zones, ['dynamodb:Scan']);
    // Gate hours (Query) and the holders counted by category (BatchGetItem: a day, or the fair's days): no
    // scan of the scan log.
    bindTable(reports, tables.stats, ['dynamodb:BatchGetItem', 'dynamodb:Query']);
    bindTable(reports, tables.workshops, ['dynamodb:Query'], { index: WORKSHOP_LIST_INDEX });
    // The region's figures: who attended each workshop (the table itself), and which of them are
    // exhibitors (their tickets name their booth).
    bindTable(reports, tables.workshops, ['dynamodb:Query']);
    bindTable(reports, tables.tickets, ['dynamodb:BatchGetItem']);
    bindTable(reports, tables.alerts, ['dynamodb:Query'], { index: ALERT_FEED_INDEX });
    // The day's supervisor overrides, from the scan log's review index.
    bindTable(reports, tables.scans, ['dynamodb:Query'], { index: CONFLICT_INDEX });
  }
}
