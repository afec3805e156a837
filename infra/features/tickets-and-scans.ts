import { Duration } from 'aws-cdk-lib';
import { HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { Construct } from 'constructs';
import { CONFLICT_INDEX } from '../../shared/store/index-names';
import type { RawaqFunctionProps } from '../constructs/rawaq-function';
import type { RawaqSecrets } from '../constructs/secrets';
import { allow, allowShortCodes, allowShortCodeTyping, featureFunction, type StackParts } from './feature';

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
      environment: { FAIR_TABLE: tables.fair.tableName },
    });
    allow(keys, ['dynamodb:GetItem'], [tables.fair.tableArn]);
    http.route(keys, [{ method: HttpMethod.GET, path: '/v1/keys', public: true }]);

    const signing = { SIGNING_KEY_SECRET_ARN: secrets.signingKey.secretArn };
    const issue = api('IssueTickets', {
      name: 'issue-tickets',
      description: 'POST /v1/tickets[/batch], POST /v1/tickets/{id}/reissue, POST /v1/self-registrations',
      timeout: Duration.seconds(29),
      environment: { FAIR_TABLE: tables.fair.tableName, TICKETS_TABLE: tables.tickets.tableName, ...signing },
    });
    // PutItem: a rotated key's public half is published before anything is signed with it.
    allow(issue, ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem'], [tables.fair.tableArn]);
    // GetItem: a phone registering again gets its ticket back; UpdateItem and BatchGetItem: a lost
    // badge's ticket revoked when its replacement is issued (with the revocation log's head).
    allow(
      issue,
      [
        'dynamodb:BatchWriteItem',
        'dynamodb:PutItem',
        'dynamodb:GetItem',
        'dynamodb:UpdateItem',
        'dynamodb:BatchGetItem',
      ],
      [tables.tickets.tableArn],
    );
    // The day's budget of self-registrations (SELFREG#<day>), and the revocation log.
    allow(issue, ['dynamodb:UpdateItem'], [tables.fair.tableArn]);
    secrets.signingKey.grantRead(issue);
    http.route(issue, [
      { method: HttpMethod.POST, path: '/v1/tickets' },
      { method: HttpMethod.POST, path: '/v1/tickets/batch' },
      // A visitor on their own phone, from a booth's poster: no credential, a daily budget.
      { method: HttpMethod.POST, path: '/v1/self-registrations', public: true },
      { method: HttpMethod.POST, path: '/v1/tickets/{ticketId}/reissue' },
    ]);

    const getTicket = api('GetTicket', {
      name: 'get-ticket',
      description: 'GET /v1/tickets?q=, GET /v1/tickets/{ticketId} and its QR code',
      environment: { FAIR_TABLE: tables.fair.tableName, TICKETS_TABLE: tables.tickets.tableName, ...signing },
    });
    allow(getTicket, ['dynamodb:GetItem'], [tables.fair.tableArn, tables.tickets.tableArn]);
    // An organiser's search by holder reads the tickets (a fair has thousands, not millions).
    allow(getTicket, ['dynamodb:Scan'], [tables.tickets.tableArn]);
    allowShortCodes(getTicket, tables);
    allow(getTicket, ['dynamodb:PutItem'], [tables.fair.tableArn]);
    // A ticket whose key was retired keeps the current key it is signed with when printed again.
    allow(getTicket, ['dynamodb:UpdateItem'], [tables.tickets.tableArn]);
    secrets.signingKey.grantRead(getTicket);
    http.route(getTicket, [
      { method: HttpMethod.GET, path: '/v1/tickets' },
      { method: HttpMethod.GET, path: '/v1/tickets/{ticketId}' },
      { method: HttpMethod.GET, path: '/v1/tickets/{ticketId}/qr.svg' },
      { method: HttpMethod.GET, path: '/v1/tickets/{ticketId}/qr.png' },
    ]);

    const revoke = api('RevokeTicket', {
      name: 'revoke-ticket',
      description: 'POST /v1/tickets/{ticketId}/revoke, POST /v1/tickets/revoke',
      timeout: Duration.seconds(29),
      environment: { FAIR_TABLE: tables.fair.tableName, TICKETS_TABLE: tables.tickets.tableName },
    });
    allow(revoke, ['dynamodb:UpdateItem', 'dynamodb:BatchGetItem'], [tables.tickets.tableArn]);
    // The revocation log: its head (read, raised) and its numbered entries, in one transaction.
    allow(revoke, ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'], [tables.fair.tableArn]);
    http.route(revoke, [
      { method: HttpMethod.POST, path: '/v1/tickets/{ticketId}/revoke' },
      { method: HttpMethod.POST, path: '/v1/tickets/revoke' },
    ]);

    const revocations = api('Revocations', {
      name: 'revocations',
      description: 'GET /v1/revocations',
      environment: { FAIR_TABLE: tables.fair.tableName },
    });
    allow(revocations, ['dynamodb:Query'], [tables.fair.tableArn]);
    http.route(revocations, [{ method: HttpMethod.GET, path: '/v1/revocations' }]);

    const scan = api('Scan', {
      name: 'scan',
      description: 'POST /v1/scans, POST /v1/scans/batch, POST /v1/scans/dry-run',
      timeout: Duration.seconds(29),
      reservedConcurrentExecutions: gateConcurrency(this),
      environment: {
        ...http.gatePathEnvironment,
        FAIR_TABLE: tables.fair.tableName,
        TICKETS_TABLE: tables.tickets.tableName,
        SCANS_TABLE: tables.scans.tableName,
        ZONES_TABLE: tables.zones.tableName,
      },
    });
    allow(scan, ['dynamodb:GetItem', 'dynamodb:Query'], [tables.fair.tableArn]);
    // BatchGetItem: an entry reads the zone its gate leads into and the zones around it at once.
    allow(scan, ['dynamodb:GetItem', 'dynamodb:Scan', 'dynamodb:BatchGetItem'], [tables.zones.tableArn]);
    allow(scan, ['dynamodb:GetItem', 'dynamodb:UpdateItem'], [tables.tickets.tableArn]);
    allowShortCodeTyping(scan, tables);
    allow(scan, ['dynamodb:GetItem', 'dynamodb:PutItem'], [tables.scans.tableArn]);
    http.route(scan, [
      { method: HttpMethod.POST, path: '/v1/scans', gatePath: true },
      { method: HttpMethod.POST, path: '/v1/scans/batch', gatePath: true },
      // The help desk's question, judged by the gate's rules and recorded nowhere.
      { method: HttpMethod.POST, path: '/v1/scans/dry-run' },
    ]);

    const conflicts = api('ScanConflicts', {
      name: 'scan-conflicts',
      description: 'GET /v1/scans/conflicts, GET /v1/scans/overrides',
      environment: {
        SCANS_TABLE: tables.scans.tableName,
        FAIR_TABLE: tables.fair.tableName,
        TICKETS_TABLE: tables.tickets.tableName,
      },
    });
    allow(conflicts, ['dynamodb:Query'], [`${tables.scans.tableArn}/index/${CONFLICT_INDEX}`]);
    // The fair (GetItem) and its devices' reports (Query): a conflict names the phone by its label.
    allow(conflicts, ['dynamodb:GetItem', 'dynamodb:Query'], [tables.fair.tableArn]);
    // The holders' names or short codes, read in batches.
    allow(conflicts, ['dynamodb:BatchGetItem'], [tables.tickets.tableArn]);
    http.route(conflicts, [
      { method: HttpMethod.GET, path: '/v1/scans/conflicts' },
      { method: HttpMethod.GET, path: '/v1/scans/overrides' },
    ]);
  }
}
