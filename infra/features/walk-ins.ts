import { Duration } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import type { AlertSending } from './fair-days';
import { bindTable, featureFunction, type StackParts } from './feature';

/**
 * Walk-ins counted at the gates: a steward's taps, or a tally clicker's, written to the scan log beside
 * the ticket scans, so the occupancy projector counts both.
 */
export class WalkIns extends Construct {
  constructor(scope: Construct, id: string, parts: StackParts & { alerts: AlertSending }) {
    super(scope, id);
    const { tables, alerts } = parts;
    const counts = featureFunction(this, parts, 'WalkIns', {
      name: 'walk-ins',
      description: 'GET/POST /v1/gates/{gateId}/counts[/batch], DELETE .../counts/{countId}, POST .../paper-tallies',
      timeout: Duration.seconds(29),
      environment: parts.http.gatePathEnvironment,
    });
    // UpdateItem: each gate's walk-ins by the minute, what a door could pass is judged against.
    bindTable(counts, tables.fair, ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:UpdateItem', 'dynamodb:PutItem']);
    // An implausible count is raised to organisers like any alert.
    alerts.grantTo(counts);
    bindTable(counts, tables.zones, ['dynamodb:GetItem', 'dynamodb:Scan']);
    bindTable(counts, tables.scans, ['dynamodb:GetItem', 'dynamodb:PutItem']);
  }
}
