import { round } from './measure';
import type { perOperation } from './stack-meter';

/**
 * What 10,000 visitors cost on AWS, from what this run measured end to end through the API: each
 * operation's DynamoDB units, invocations and handler time, function by function (bench/stack-meter.ts).
 * Prices: AWS public price lists, us-east-1, on-demand, as published in 2025:
 * - API Gateway HTTP API: $1.00 per million requests;
 * - Lambda (arm64): $0.20 per million requests, $0.0000133334 per GB-second (each function's own memory);
 * - DynamoDB on-demand: $0.625 per million write request units, $0.125 per million read request units;
 * - SQS standard: $0.40 per million requests (64 KB chunks);
 * - SNS: $0.50 per million publishes (alerts: a few dozen a day, negligible).
 */
const PRICE = {
  apiRequest: 1.0 / 1e6,
  lambdaRequest: 0.2 / 1e6,
  lambdaGbSecond: 0.0000133334,
  writeUnit: 0.625 / 1e6,
  readUnit: 0.125 / 1e6,
  sqsRequest: 0.4 / 1e6,
};

/**
 * The visitor profile: one ticket, 2 entries and 2 exits at the gates (a lunch break outside), 8 booth
 * visits (badge scans or counter tallies, each sent alone as the booth page sends it when online), one
 * workshop (an admission and an exit). The dashboard and pages are left out: their reads depend on how
 * many screens are open.
 */
const PROFILE = { ticket: 1, gateScans: 4, boothEvents: 8, footfallEventsPerRequest: 1, workshopScans: 2 };
/**
 * SQS requests per footfall request that goes through the queue, from the code's path: a send, a
 * receive, a delete. A visit sent alone is counted in its request; the share that still went through
 * the queue is measured by the queue's consumer's invocations (a visit each at most).
 */
const SQS_REQUESTS_PER_QUEUED_REQUEST = 3;

type Measured = ReturnType<typeof perOperation>;

export interface CostInputs {
  /** A gate scan at a gate's real pace: its API call, the scan (which authenticates itself), the projection, alerts. */
  gateScan: Measured;
  /** The same when the gates saturate (the projector's batches fill). */
  saturatedScan: Measured;
  /** A door scan (an admission or an exit) at a workshop. */
  doorScan: Measured;
  /** A ticket issued (500 to a request). */
  ticket: Measured;
  /** A footfall event sent in bulk (500 to a request, an offline phone's queue), to counted. */
  footfallEvent: Measured;
  /** A booth visit sent alone, the booth page's real shape: its API call (authorizer included) to counted. */
  boothVisit: Measured;
  /** Each function's memory (MB), as the stack sets it. */
  memoryMb: Record<string, number>;
}

/** What a visitor's operations cost, by what is billed: requests (API, Lambda, SQS), Lambda time, units. */
interface Bill {
  requests: number;
  lambdaTime: number;
  readUnits: number;
  writeUnits: number;
}
const total = (bill: Bill) => bill.requests + bill.lambdaTime + bill.readUnits + bill.writeUnits;
const sum = (bills: Bill[]): Bill => ({
  requests: bills.reduce((s, b) => s + b.requests, 0),
  lambdaTime: bills.reduce((s, b) => s + b.lambdaTime, 0),
  readUnits: bills.reduce((s, b) => s + b.readUnits, 0),
  writeUnits: bills.reduce((s, b) => s + b.writeUnits, 0),
});
const times = (bill: Bill, n: number): Bill => ({
  requests: bill.requests * n,
  lambdaTime: bill.lambdaTime * n,
  readUnits: bill.readUnits * n,
  writeUnits: bill.writeUnits * n,
});

/** Lambda, DynamoDB and API Gateway bill of one measured operation, with `apiRequests` requests behind it. */
function operationBill(op: Measured, memoryMb: Record<string, number>, apiRequests: number): Bill {
  const bill: Bill = { requests: apiRequests * PRICE.apiRequest, lambdaTime: 0, readUnits: 0, writeUnits: 0 };
  for (const [name, used] of Object.entries(op.byFunction)) {
    const gb = (memoryMb[name] ?? 512) / 1024;
    bill.requests += used.invocations * PRICE.lambdaRequest;
    bill.lambdaTime += (used.ms / 1000) * gb * PRICE.lambdaGbSecond;
    bill.readUnits += used.read * PRICE.readUnit;
    bill.writeUnits += used.write * PRICE.writeUnit;
  }
  return bill;
}

/** A visitor's bill, operation by operation, as the profile makes them. */
function visitorBills(input: CostInputs) {
  const { memoryMb } = input;
  const visitBill = times(operationBill(input.boothVisit, memoryMb, 0), PROFILE.boothEvents);
  // Each visit is its own request, measured as such (ingest, and the queue's consumer if it ran).
  const footfallRequests = PROFILE.boothEvents / PROFILE.footfallEventsPerRequest;
  const queuedShare = Math.min(1, input.boothVisit.byFunction['footfall-aggregator']?.invocations ?? 0);
  return {
    gate: times(operationBill(input.gateScan, memoryMb, 1), PROFILE.gateScans),
    workshop: times(operationBill(input.doorScan, memoryMb, 1), PROFILE.workshopScans),
    ticket: times(operationBill(input.ticket, memoryMb, 1 / 500), PROFILE.ticket),
    footfall: {
      ...visitBill,
      requests:
        visitBill.requests +
        footfallRequests * (PRICE.apiRequest + queuedShare * SQS_REQUESTS_PER_QUEUED_REQUEST * PRICE.sqsRequest),
    },
  };
}

const per10k = (bill: Bill) => ({
  requests: round(bill.requests * 10_000, 3),
  lambdaTime: round(bill.lambdaTime * 10_000, 3),
  readUnits: round(bill.readUnits * 10_000, 3),
  writeUnits: round(bill.writeUnits * 10_000, 3),
});

export function estimateCost(input: CostInputs) {
  const bills = visitorBills(input);
  const [gate, workshop, ticket, footfall] = [
    total(bills.gate),
    total(bills.workshop),
    total(bills.ticket),
    total(bills.footfall),
  ];
  const visitorBill = sum(Object.values(bills));
  const perVisitor = gate + footfall + workshop + ticket;
  const share = (op: Pick<Measured, 'write' | 'read' | 'requests' | 'invocations'>) => ({
    write: round(op.write, 2),
    read: round(op.read, 2),
    engineRequests: round(op.requests, 2),
    invocations: round(op.invocations, 2),
  });
  const units = (op: Measured) => ({
    ...share(op),
    lambdaMs: round(op.ms, 1),
    // Each function's share of the operation: what the gate path, a projector or a consumer costs.
    byFunction: Object.fromEntries(Object.entries(op.byFunction).map(([name, used]) => [name, share(used)])),
  });
  return {
    writeUnitsPerScan: round(input.gateScan.write, 2),
    writeUnitsPerScanSaturated: round(input.saturatedScan.write, 2),
    readUnitsPerScan: round(input.gateScan.read, 2),
    writeUnitsPerFootfallEvent: round(input.footfallEvent.write, 3),
    writeUnitsPerBoothVisit: round(input.boothVisit.write, 3),
    usdPer10kVisitors: round(perVisitor * 10_000, 3),
    usdPer10kBy: {
      gateScans: round(gate * 10_000, 3),
      footfall: round(footfall * 10_000, 3),
      workshops: round(workshop * 10_000, 3),
      tickets: round(ticket * 10_000, 3),
    },
    /**
     * The same by what is billed: requests (API Gateway, Lambda invocations, SQS) are paid whatever the
     * design writes, so they bound how low a change to the writes can bring the total.
     */
    usdPer10kBilledAs: {
      ...per10k(visitorBill),
      footfallRequests: round(bills.footfall.requests * 10_000, 3),
    },
    perOperation: {
      gateScan: units(input.gateScan),
      saturatedScan: units(input.saturatedScan),
      doorScan: units(input.doorScan),
      ticket: units(input.ticket),
      footfallEvent: units(input.footfallEvent),
      boothVisit: units(input.boothVisit),
    },
    profile: PROFILE,
    measured:
      "end to end through the API in this run: every function each operation set off (the authorizer, the route, stream and queue consumers), its DynamoDB units and invocations, Lambda billed by each handler's measured time and its own memory",
    notMeasured: [
      `SQS requests, priced at ${SQS_REQUESTS_PER_QUEUED_REQUEST} per footfall request that went through the queue (a send, a receive, a delete: the code's path), for the share the queue's consumer's invocations show`,
      'scheduled functions (reconciliation, escalation, the closing): a fixed cost a day, whatever the crowd',
      'CloudWatch logs and metrics',
      'pages polling the API (depends on how many screens are open)',
    ],
    prices:
      'us-east-1 on-demand list prices, 2025: HTTP API $1.00/M, Lambda arm64 $0.20/M + $0.0000133334/GB-s, DynamoDB $0.625/M WRU + $0.125/M RRU, SQS $0.40/M',
  };
}
