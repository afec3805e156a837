import { Duration } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { CONFLICT_INDEX } from '../../shared/store/index-names';
import type { RawaqFunctionProps } from '../constructs/rawaq-function';
import type { RawaqSecrets } from '../constructs/secrets';
import {
  allowShortCodes,
  allowShortCodeTyping,
  bindSecret,
  bindTable,
  featureFunction,
  type StackParts,
} from './feature';

/** Tickets, their QR codes, revocation, and gate scans online and offline. */
/**
 * Concurrency kept for the gates' scans, whatever the other functions are doing (a report, a big
 * close, a flood on another route): `-c rawaq:gateConcurrency=N`, 50 by default (about 2,500 scans a
 * second at 20 ms each); 0 sets none, for an account whose quota is still the new-account 10 (AWS
 * refuses a reservation that leaves fewer than 100 unreserved).
 */
export const DEFAULT_GATE_CONCURRENCY = 50;
function gateConcurrency(scope: Construct): number | undefined {
  const value = Number(scope.node.tryGetContext('rawaq:gateConcurrency') ?? DEFAULT_GATE_CONCURRENCY);
  if (!Number.isInteger(value) || value < 0)
    throw new Error(`rawaq:gateConcurrency must be a whole number, not ${value}`);
  return value === 0 ? undefined : value;
}

export class TicketsAndScans extends Construct {
  constructor(scope: Construct, id: string, parts: StackParts & { secrets: RawaqSecrets }) {
    super(scope, id);
    const { tables, secrets, http } = parts;
    const api = (id: string, props: RawaqFunctionProps) => featureFunction(this, parts, id, props);
    const keys = api('Keys', {
      name: 'keys',
      description: 'GET /v1/keys',
    });
    bindTable(keys, tables.fair, ['dynamodb:GetItem']);

    const issue = api('IssueTickets', {
      name: 'issue-tickets',
      description: 'POST /v1/tickets[/batch], POST /v1/tickets/{id}/reissue, POST /v1/self-registrations',
      timeout: Duration.seconds(29),
    });
    // PutItem: a rotated key's public half is published before anything is signed with it.
    bindTable(issue, tables.fair, ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem']);
    // GetItem: a phone registering again gets its ticket back; UpdateItem and BatchGetItem: a lost
    // badge's ticket revoked when its replacement is issued (with the revocation log's head).
    bindTable(issue, tables.tickets, [
      'dynamodb:BatchWriteItem',
      'dynamodb:PutItem',
      'dynamodb:GetItem',
      'dynamodb:UpdateItem',
      'dynamodb:BatchGetItem',
    ]);
    // The day's budget of self-registrations (SELFREG#<day>), and the revocation log.
    bindTable(issue, tables.fair, ['dynamodb:UpdateItem']);
    bindSecret(issue, secrets.signingKey, 'SIGNING_KEY_SECRET_ARN');

    const getTicket = api('GetTicket', {
      name: 'get-ticket',
      description: 'GET /v1/tickets?q=, GET /v1/tickets/{ticketId} and its QR code',
    });
    bindTable(getTicket, tables.fair, ['dynamodb:GetItem']);
    bindTable(getTicket, tables.tickets, ['dynamodb:GetItem']);
    // An organiser's search by holder reads the tickets (a fair has thousands, not millions).
    bindTable(getTicket, tables.tickets, ['dynamodb:Scan']);
    allowShortCodes(getTicket, tables);
    bindTable(getTicket, tables.fair, ['dynamodb:PutItem']);
    // A ticket whose key was retired keeps the current key it is signed with when printed again.
    bindTable(getTicket, tables.tickets, ['dynamodb:UpdateItem']);
    bindSecret(getTicket, secrets.signingKey, 'SIGNING_KEY_SECRET_ARN');

    const revoke = api('RevokeTicket', {
      name: 'revoke-ticket',
      description: 'POST /v1/tickets/{ticketId}/revoke, POST /v1/tickets/revoke',
      timeout: Duration.seconds(29),
    });
    bindTable(revoke, tables.tickets, ['dynamodb:UpdateItem', 'dynamodb:BatchGetItem']);
    // The revocation log: its head (read, raised) and its numbered entries, in one transaction.
    bindTable(revoke, tables.fair, ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem']);

    const revocations = api('Revocations', {
      name: 'revocations',
      description: 'GET /v1/revocations',
    });
    bindTable(revocations, tables.fair, ['dynamodb:Query']);

    const scan = api('Scan', {
      name: 'scan',
      description: 'POST /v1/scans, POST /v1/scans/batch, POST /v1/scans/dry-run',
      timeout: Duration.seconds(29),
      reservedConcurrentExecutions: gateConcurrency(this),
      environment: http.gatePathEnvironment,
    });
    bindTable(scan, tables.fair, ['dynamodb:GetItem', 'dynamodb:Query']);
    // BatchGetItem: an entry reads the zone its gate leads into and the zones around it at once.
    bindTable(scan, tables.zones, ['dynamodb:GetItem', 'dynamodb:Scan', 'dynamodb:BatchGetItem']);
    bindTable(scan, tables.tickets, ['dynamodb:GetItem', 'dynamodb:UpdateItem']);
    allowShortCodeTyping(scan, tables);
    bindTable(scan, tables.scans, ['dynamodb:GetItem', 'dynamodb:PutItem']);

    const conflicts = api('ScanConflicts', {
      name: 'scan-conflicts',
      description: 'GET /v1/scans/conflicts, GET /v1/scans/overrides',
    });
    bindTable(conflicts, tables.scans, ['dynamodb:Query'], { index: CONFLICT_INDEX });
    // The fair (GetItem) and its devices' reports (Query): a conflict names the phone by its label.
    bindTable(conflicts, tables.fair, ['dynamodb:GetItem', 'dynamodb:Query']);
    // The holders' names or short codes, read in batches.
    bindTable(conflicts, tables.tickets, ['dynamodb:BatchGetItem']);
  }
}
