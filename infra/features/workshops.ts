import { Duration } from 'aws-cdk-lib';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { WORKSHOP_LIST_INDEX } from '../../shared/store/index-names';
import { consumeStream } from '../constructs/event-sources';
import type { RawaqFunction, RawaqFunctionProps } from '../constructs/rawaq-function';
import { allowShortCodeTyping, bindTable, featureFunction, type StackParts } from './feature';

/** The programme, registrations with a waitlist, and seat-limited doors. */
export class Workshops extends Construct {
  constructor(scope: Construct, id: string, parts: StackParts & { streamFailures: Queue }) {
    super(scope, id);
    const { tables, http, alarms, streamFailures } = parts;
    const fn = (id: string, props: RawaqFunctionProps) => featureFunction(this, parts, id, props);
    const canVerify = (target: RawaqFunction) => {
      bindTable(target, tables.tickets, ['dynamodb:GetItem']);
      bindTable(target, tables.fair, ['dynamodb:GetItem']);
      allowShortCodeTyping(target, tables);
    };

    const workshops = fn('Workshops', {
      name: 'workshops',
      description: 'GET/POST /v1/workshops, GET/PATCH /v1/workshops/{workshopId}, POST .../cancel',
    });
    bindTable(workshops, tables.workshops, ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem']);
    bindTable(workshops, tables.workshops, ['dynamodb:Query'], { index: WORKSHOP_LIST_INDEX });
    // A workshop's room must be one of the fair's zones.
    bindTable(workshops, tables.zones, ['dynamodb:Scan']);

    const registrations = fn('WorkshopRegistrations', {
      name: 'workshop-registrations',
      description:
        'GET and POST /v1/workshops/{id}/registrations, DELETE .../registrations/{ticketId}, GET .../waitlist',
    });
    bindTable(registrations, tables.workshops, [
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
      'dynamodb:DeleteItem',
      'dynamodb:Query',
    ]);
    canVerify(registrations);
    bindTable(registrations, tables.fair, ['dynamodb:Query']);
    // The roster: the names on the registered tickets.
    bindTable(registrations, tables.tickets, ['dynamodb:BatchGetItem']);

    const door = fn('WorkshopDoor', {
      name: 'workshop-door',
      description: 'POST /v1/workshops/{id}/admissions and .../exits',
      environment: http.gatePathEnvironment,
    });
    // An admission reads the room's zone and those around it: an evacuation shuts the door.
    bindTable(door, tables.zones, ['dynamodb:Scan', 'dynamodb:BatchGetItem']);
    // The door's record in the scan log commits with the seat: the room is counted by its door.
    bindTable(door, tables.scans, ['dynamodb:PutItem']);
    bindTable(door, tables.workshops, [
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
      'dynamodb:ConditionCheckItem',
    ]);
    // A door scan's first read, in one request: the scan id's earlier answer (its SCAN# item or its
    // record in the scan log), the workshop, the ticket.
    bindTable(door, tables.workshops, ['dynamodb:BatchGetItem']);
    bindTable(door, tables.scans, ['dynamodb:BatchGetItem']);
    bindTable(door, tables.tickets, ['dynamodb:BatchGetItem']);
    // A ticket refused as not registered: its place on the waiting list, for the host.
    bindTable(door, tables.workshops, ['dynamodb:Query']);
    canVerify(door);
    // The room a ticket is in: one at a time (an admission elsewhere lets it out of the last).
    bindTable(door, tables.tickets, ['dynamodb:UpdateItem']);
    bindTable(door, tables.fair, ['dynamodb:Query']);

    const promoter = fn('WaitlistPromoter', {
      name: 'waitlist-promoter',
      description: 'Workshops stream: waiting tickets take freed seats, in order',
    });
    bindTable(promoter, tables.workshops, ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:UpdateItem']);
    alarms.watchStreamConsumer('WaitlistPromoter', promoter);
    consumeStream(promoter, tables.workshops, streamFailures, {
      batchSize: 100,
      maxBatchingWindow: Duration.seconds(0),
    });
  }
}
