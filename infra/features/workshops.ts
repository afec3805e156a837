import { Duration } from 'aws-cdk-lib';
import { HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { WORKSHOP_LIST_INDEX } from '../../shared/store/index-names';
import { consumeStream } from '../constructs/event-sources';
import type { RawaqFunction, RawaqFunctionProps } from '../constructs/rawaq-function';
import { allow, allowShortCodeTyping, featureFunction, type StackParts } from './feature';

/** The programme, registrations with a waitlist, and seat-limited doors. */
export class Workshops extends Construct {
  constructor(scope: Construct, id: string, parts: StackParts & { streamFailures: Queue }) {
    super(scope, id);
    const { tables, http, alarms, streamFailures } = parts;
    const fn = (id: string, props: RawaqFunctionProps) => featureFunction(this, parts, id, props);
    const workshopArns = [tables.workshops.tableArn];
    const listIndex = `${tables.workshops.tableArn}/index/${WORKSHOP_LIST_INDEX}`;
    const withTickets = {
      WORKSHOPS_TABLE: tables.workshops.tableName,
      TICKETS_TABLE: tables.tickets.tableName,
      FAIR_TABLE: tables.fair.tableName,
    };
    const canVerify = (target: RawaqFunction) => {
      allow(target, ['dynamodb:GetItem'], [tables.tickets.tableArn, tables.fair.tableArn]);
      allowShortCodeTyping(target, tables);
    };

    const workshops = fn('Workshops', {
      name: 'workshops',
      description: 'GET/POST /v1/workshops, GET/PATCH /v1/workshops/{workshopId}, POST .../cancel',
      environment: { WORKSHOPS_TABLE: tables.workshops.tableName, ZONES_TABLE: tables.zones.tableName },
    });
    allow(workshops, ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'], workshopArns);
    allow(workshops, ['dynamodb:Query'], [listIndex]);
    // A workshop's room must be one of the fair's zones.
    allow(workshops, ['dynamodb:Scan'], [tables.zones.tableArn]);
    http.route(workshops, [
      { method: HttpMethod.GET, path: '/v1/workshops' },
      { method: HttpMethod.POST, path: '/v1/workshops' },
      { method: HttpMethod.GET, path: '/v1/workshops/{workshopId}' },
      { method: HttpMethod.PATCH, path: '/v1/workshops/{workshopId}' },
      { method: HttpMethod.POST, path: '/v1/workshops/{workshopId}/cancel' },
    ]);

    const registrations = fn('WorkshopRegistrations', {
      name: 'workshop-registrations',
      description:
        'GET and POST /v1/workshops/{id}/registrations, DELETE .../registrations/{ticketId}, GET .../waitlist',
      environment: withTickets,
    });
    allow(
      registrations,
      ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:Query'],
      workshopArns,
    );
    canVerify(registrations);
    allow(registrations, ['dynamodb:Query'], [tables.fair.tableArn]);
    // The roster: the names on the registered tickets.
    allow(registrations, ['dynamodb:BatchGetItem'], [tables.tickets.tableArn]);
    http.route(registrations, [
      { method: HttpMethod.GET, path: '/v1/workshops/{workshopId}/registrations' },
      { method: HttpMethod.POST, path: '/v1/workshops/{workshopId}/registrations' },
      { method: HttpMethod.DELETE, path: '/v1/workshops/{workshopId}/registrations/{ticketId}' },
      { method: HttpMethod.GET, path: '/v1/workshops/{workshopId}/waitlist' },
    ]);

    const door = fn('WorkshopDoor', {
      name: 'workshop-door',
      description: 'POST /v1/workshops/{id}/admissions and .../exits',
      environment: {
        ...withTickets,
        ...http.gatePathEnvironment,
        SCANS_TABLE: tables.scans.tableName,
        ZONES_TABLE: tables.zones.tableName,
      },
    });
    // An admission reads the room's zone and those around it: an evacuation shuts the door.
    allow(door, ['dynamodb:Scan', 'dynamodb:BatchGetItem'], [tables.zones.tableArn]);
    // The door's record in the scan log commits with the seat: the room is counted by its door.
    allow(door, ['dynamodb:PutItem'], [tables.scans.tableArn]);
    allow(
      door,
      ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:ConditionCheckItem'],
      workshopArns,
    );
    // A door scan's first read, in one request: the scan id's earlier answer, the workshop, the ticket.
    allow(door, ['dynamodb:BatchGetItem'], [...workshopArns, tables.tickets.tableArn]);
    // A ticket refused as not registered: its place on the waiting list, for the host.
    allow(door, ['dynamodb:Query'], [tables.workshops.tableArn]);
    canVerify(door);
    // The room a ticket is in: one at a time (an admission elsewhere lets it out of the last).
    allow(door, ['dynamodb:UpdateItem'], [tables.tickets.tableArn]);
    allow(door, ['dynamodb:Query'], [tables.fair.tableArn]);
    http.route(door, [
      { method: HttpMethod.POST, path: '/v1/workshops/{workshopId}/admissions', gatePath: true },
      { method: HttpMethod.POST, path: '/v1/workshops/{workshopId}/exits', gatePath: true },
    ]);

    const promoter = fn('WaitlistPromoter', {
      name: 'waitlist-promoter',
      description: 'Workshops stream: waiting tickets take freed seats, in order',
      environment: { WORKSHOPS_TABLE: tables.workshops.tableName },
    });
    allow(promoter, ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:UpdateItem'], workshopArns);
    alarms.watchStreamConsumer('WaitlistPromoter', promoter);
    consumeStream(promoter, tables.workshops, streamFailures, {
      batchSize: 100,
      maxBatchingWindow: Duration.seconds(0),
    });
  }
}
