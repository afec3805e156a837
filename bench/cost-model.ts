import { round } from './measure';

/**
 * What 10,000 visitors cost on AWS, from measured DynamoDB units and counted requests.
 * Prices: AWS public price lists, us-east-1, on-demand, as published in 2025:
 * - API Gateway HTTP API: $1.00 per million requests;
 * - Lambda (arm64): $0.20 per million requests, $0.0000133334 per GB-second;
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
 * The visitor profile: one ticket, 2 entries and 2 exits at the gates (a lunch break outside), 8
 * booth visits (badge scans or counter tallies, sent 50 to a request), one workshop (an admission and
 * an exit). The dashboard and pages are left out: their reads depend on how many screens are open.
 */
const PROFILE = { ticket: 1, gateScans: 4, boothEvents: 8, footfallEventsPerRequest: 50, workshopScans: 2 };
const MEMORY_GB = 0.5;

export function estimateCost(
  perScan: { write: number; read: number; saturatedWrite: number },
  perEvent: { write: number; read: number },
  lambdaMs: number,
  authorizerReads: number,
) {
  const invocationCost = PRICE.lambdaRequest + PRICE.lambdaGbSecond * MEMORY_GB * (Math.max(lambdaMs, 20) / 1000);
  // Each API request is two invocations: the authorizer and the route's function.
  const apiCall = PRICE.apiRequest + 2 * invocationCost;
  // perScan.read already holds the authorizer's credential read.
  const gate = PROFILE.gateScans * (apiCall + perScan.write * PRICE.writeUnit + perScan.read * PRICE.readUnit);
  const footfallRequests = PROFILE.boothEvents / PROFILE.footfallEventsPerRequest;
  const footfall =
    footfallRequests * (apiCall + 3 * PRICE.sqsRequest + invocationCost + authorizerReads * PRICE.readUnit) +
    PROFILE.boothEvents * (perEvent.write * PRICE.writeUnit + perEvent.read * PRICE.readUnit);
  // A door scan: a 3-item transaction (6 units) plus a scan record read back, and three reads.
  const workshop = PROFILE.workshopScans * (apiCall + 6 * PRICE.writeUnit + 4 * PRICE.readUnit);
  const ticket = PROFILE.ticket * (1 * PRICE.writeUnit + apiCall / 500);
  const perVisitor = gate + footfall + workshop + ticket;
  return {
    writeUnitsPerScan: round(perScan.write, 2),
    writeUnitsPerScanSaturated: round(perScan.saturatedWrite, 2),
    readUnitsPerScan: round(perScan.read, 2),
    writeUnitsPerFootfallEvent: round(perEvent.write, 3),
    usdPer10kVisitors: round(perVisitor * 10_000, 3),
    profile: PROFILE,
    measured:
      'gate scans (scan, ticket, projection at a real pace, the authorizer read) and footfall events, in this run',
    notMeasured: [
      'workshop door scans and ticket issuing (units assumed: 6 WU + 4 RU a door scan, 1 WU a ticket)',
      'every Lambda billed at the check-in p50',
      'CloudWatch logs and metrics',
      'pages polling the API (depends on how many screens are open)',
    ],
    prices:
      'us-east-1 on-demand list prices, 2025: HTTP API $1.00/M, Lambda arm64 $0.20/M + $0.0000133334/GB-s, DynamoDB $0.625/M WRU + $0.125/M RRU, SQS $0.40/M',
  };
}
