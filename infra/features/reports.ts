import { Duration } from 'aws-cdk-lib';
import { HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { Construct } from 'constructs';
import { ALERT_FEED_INDEX, CONFLICT_INDEX, WORKSHOP_LIST_INDEX } from '../../shared/store/index-names';
import { allow, featureFunction, type StackParts } from './feature';

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
      environment: {
        FAIR_TABLE: tables.fair.tableName,
        ZONES_TABLE: tables.zones.tableName,
        STATS_TABLE: tables.stats.tableName,
        SCANS_TABLE: tables.scans.tableName,
        WORKSHOPS_TABLE: tables.workshops.tableName,
        ALERTS_TABLE: tables.alerts.tableName,
        TICKETS_TABLE: tables.tickets.tableName,
      },
      routes: [
        { method: HttpMethod.GET, path: '/v1/reports/days/{day}' },
        { method: HttpMethod.GET, path: '/v1/reports/days/{day}/report.csv' },
        { method: HttpMethod.GET, path: '/v1/reports/fair' },
        { method: HttpMethod.GET, path: '/v1/reports/fair/report.csv' },
      ],
    });
    allow(reports, ['dynamodb:GetItem', 'dynamodb:Query'], [tables.fair.tableArn]);
    allow(reports, ['dynamodb:Scan'], [tables.zones.tableArn]);
    // Gate hours (Query) and the holders counted by category (GetItem): no scan of the scan log.
    allow(reports, ['dynamodb:GetItem', 'dynamodb:Query'], [tables.stats.tableArn]);
    allow(reports, ['dynamodb:Query'], [`${tables.workshops.tableArn}/index/${WORKSHOP_LIST_INDEX}`]);
    // The region's figures: who attended each workshop (the table itself), and which of them are
    // exhibitors (their tickets name their booth).
    allow(reports, ['dynamodb:Query'], [tables.workshops.tableArn]);
    allow(reports, ['dynamodb:BatchGetItem'], [tables.tickets.tableArn]);
    allow(reports, ['dynamodb:Query'], [`${tables.alerts.tableArn}/index/${ALERT_FEED_INDEX}`]);
    // The day's supervisor overrides, from the scan log's review index.
    allow(reports, ['dynamodb:Query'], [`${tables.scans.tableArn}/index/${CONFLICT_INDEX}`]);
  }
}
