import { Construct } from 'constructs';
import { INSIDE_INDEX, WORKSHOP_LIST_INDEX } from '../../shared/store/index-names';
import type { AlertSending } from './fair-days';
import { bindTable, featureFunction, type StackParts } from './feature';

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
    });
    alerts.grantTo(evacuations);
    bindTable(evacuations, tables.fair, ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem']);
    // UpdateItem: the evacuated zone is marked on its own item, where every entry reads it.
    bindTable(evacuations, tables.zones, ['dynamodb:GetItem', 'dynamodb:Scan', 'dynamodb:UpdateItem']);
    bindTable(evacuations, tables.tickets, ['dynamodb:BatchGetItem']);
    bindTable(evacuations, tables.tickets, ['dynamodb:Query'], { index: INSIDE_INDEX });

    const incidents = featureFunction(this, parts, 'Incidents', {
      name: 'incidents',
      description: 'POST /v1/incidents, GET /v1/incidents',
    });
    alerts.grantTo(incidents);
    bindTable(incidents, tables.fair, ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query']);
    bindTable(incidents, tables.zones, ['dynamodb:GetItem', 'dynamodb:Scan']);

    const devices = featureFunction(this, parts, 'Devices', {
      name: 'devices',
      description: 'POST /v1/devices/heartbeat, GET /v1/devices',
    });
    // PutItem: each device's report, and a page's read receipts of broadcasts.
    bindTable(devices, tables.fair, ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query']);
    bindTable(devices, tables.zones, ['dynamodb:Scan']);
    bindTable(devices, tables.workshops, ['dynamodb:GetItem']);

    const status = featureFunction(this, parts, 'Status', {
      name: 'status',
      description: 'GET /v1/status: the public screen at the entrances',
    });
    bindTable(status, tables.fair, ['dynamodb:GetItem', 'dynamodb:Query']);
    bindTable(status, tables.zones, ['dynamodb:Scan']);
    bindTable(status, tables.workshops, ['dynamodb:Query'], { index: WORKSHOP_LIST_INDEX });
    // Today's gate hours: which doors were counted, so a zone no door counts is not shown as roomy.
    bindTable(status, tables.stats, ['dynamodb:Query']);
  }
}
