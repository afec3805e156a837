import { HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { Construct } from 'constructs';
import { INSIDE_INDEX, WORKSHOP_LIST_INDEX } from '../../shared/store/index-names';
import type { AlertSending } from './fair-days';
import { allow, featureFunction, type StackParts } from './feature';

/**
 * Running the floor: evacuations, the incident log and its broadcasts to the stewards' pages, what
 * each page reports of its device, and the public status screen at the entrances.
 */
export class Floor extends Construct {
  constructor(scope: Construct, id: string, parts: StackParts & { alerts: AlertSending }) {
    super(scope, id);
    const { tables, alerts } = parts;
    const evacuations = featureFunction(this, parts, 'Evacuations', {
      name: 'evacuations',
      description: 'POST /v1/evacuations, GET /v1/evacuations/current, roll call, end',
      environment: {
        ...alerts.environment,
        FAIR_TABLE: tables.fair.tableName,
        ZONES_TABLE: tables.zones.tableName,
        TICKETS_TABLE: tables.tickets.tableName,
      },
      routes: [
        { method: HttpMethod.POST, path: '/v1/evacuations' },
        { method: HttpMethod.GET, path: '/v1/evacuations/current' },
        { method: HttpMethod.GET, path: '/v1/evacuations/{evacuationId}/roll-call' },
        { method: HttpMethod.POST, path: '/v1/evacuations/{evacuationId}/end' },
      ],
    });
    alerts.grantTo(evacuations);
    allow(evacuations, ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'], [tables.fair.tableArn]);
    // UpdateItem: the evacuated zone is marked on its own item, where every entry reads it.
    allow(evacuations, ['dynamodb:GetItem', 'dynamodb:Scan', 'dynamodb:UpdateItem'], [tables.zones.tableArn]);
    allow(evacuations, ['dynamodb:BatchGetItem'], [tables.tickets.tableArn]);
    allow(evacuations, ['dynamodb:Query'], [`${tables.tickets.tableArn}/index/${INSIDE_INDEX}`]);

    const incidents = featureFunction(this, parts, 'Incidents', {
      name: 'incidents',
      description: 'POST /v1/incidents, GET /v1/incidents',
      environment: { ...alerts.environment, FAIR_TABLE: tables.fair.tableName, ZONES_TABLE: tables.zones.tableName },
      routes: [
        { method: HttpMethod.POST, path: '/v1/incidents' },
        { method: HttpMethod.GET, path: '/v1/incidents' },
      ],
    });
    alerts.grantTo(incidents);
    allow(incidents, ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query'], [tables.fair.tableArn]);
    allow(incidents, ['dynamodb:GetItem', 'dynamodb:Scan'], [tables.zones.tableArn]);

    const devices = featureFunction(this, parts, 'Devices', {
      name: 'devices',
      description: 'POST /v1/devices/heartbeat, GET /v1/devices',
      environment: {
        FAIR_TABLE: tables.fair.tableName,
        ZONES_TABLE: tables.zones.tableName,
        WORKSHOPS_TABLE: tables.workshops.tableName,
      },
      routes: [
        { method: HttpMethod.POST, path: '/v1/devices/heartbeat' },
        { method: HttpMethod.GET, path: '/v1/devices' },
      ],
    });
    // PutItem: each device's report, and a page's read receipts of broadcasts.
    allow(devices, ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query'], [tables.fair.tableArn]);
    allow(devices, ['dynamodb:Scan'], [tables.zones.tableArn]);
    allow(devices, ['dynamodb:GetItem'], [tables.workshops.tableArn]);

    const status = featureFunction(this, parts, 'Status', {
      name: 'status',
      description: 'GET /v1/status: the public screen at the entrances',
      environment: {
        FAIR_TABLE: tables.fair.tableName,
        ZONES_TABLE: tables.zones.tableName,
        WORKSHOPS_TABLE: tables.workshops.tableName,
      },
    });
    allow(status, ['dynamodb:GetItem'], [tables.fair.tableArn]);
    allow(status, ['dynamodb:Scan'], [tables.zones.tableArn]);
    allow(status, ['dynamodb:Query'], [`${tables.workshops.tableArn}/index/${WORKSHOP_LIST_INDEX}`]);
    parts.http.route(status, [{ method: HttpMethod.GET, path: '/v1/status', public: true }]);
  }
}
