import { Duration } from 'aws-cdk-lib';
import { HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { Construct } from 'constructs';
import { DurableQueue } from '../constructs/durable-queue';
import { consumeQueue } from '../constructs/event-sources';
import type { RawaqFunctionProps } from '../constructs/rawaq-function';
import { allow, allowShortCodeTyping, featureFunction, type StackParts } from './feature';

/** Booth footfall through a queue, coalesced per booth and day, and its statistics. */
export class Footfall extends Construct {
  constructor(scope: Construct, id: string, parts: StackParts) {
    super(scope, id);
    const { tables, http, alarms } = parts;
    const fn = (id: string, props: RawaqFunctionProps) => featureFunction(this, parts, id, props);
    const aggregatorTimeout = Duration.seconds(30);
    const footfall = new DurableQueue(this, 'Footfall', {
      visibilityTimeout: Duration.seconds(aggregatorTimeout.toSeconds() * 6),
      maxReceiveCount: 5,
    });
    alarms.watchDeadLetters('Footfall', footfall.deadLetterQueue);

    const ingest = fn('FootfallIngest', {
      name: 'footfall-ingest',
      description: 'POST /v1/booths/{boothId}/footfall',
      environment: {
        FAIR_TABLE: tables.fair.tableName,
        TICKETS_TABLE: tables.tickets.tableName,
        FOOTFALL_QUEUE_URL: footfall.queue.queueUrl,
      },
    });
    allow(ingest, ['dynamodb:GetItem'], [tables.fair.tableArn]);
    allow(ingest, ['dynamodb:BatchGetItem', 'dynamodb:GetItem'], [tables.tickets.tableArn]);
    allowShortCodeTyping(ingest, tables);
    footfall.queue.grantSendMessages(ingest);
    http.route(ingest, [{ method: HttpMethod.POST, path: '/v1/booths/{boothId}/footfall' }]);

    const aggregator = fn('FootfallAggregator', {
      name: 'footfall-aggregator',
      description: 'Footfall queue: visits and unique visitors per booth, hour and day, exactly once in effect',
      timeout: aggregatorTimeout,
      environment: {
        FAIR_TABLE: tables.fair.tableName,
        STATS_TABLE: tables.stats.tableName,
        FOOTFALL_QUEUE_URL: footfall.queue.queueUrl,
      },
    });
    allow(aggregator, ['dynamodb:GetItem'], [tables.fair.tableArn]);
    // PutItem: each event's id (on condition it is new), each new visitor, each visitor's latest answer.
    allow(aggregator, ['dynamodb:Query', 'dynamodb:UpdateItem', 'dynamodb:PutItem'], [tables.stats.tableArn]);
    // Large batches gathered over a short window: more events per booth-day transaction.
    consumeQueue(aggregator, footfall.queue, { batchSize: 100, maxBatchingWindow: Duration.seconds(1) });

    const boothStats = fn('BoothStats', {
      name: 'booth-stats',
      description: 'GET /v1/booths/{boothId}/stats[.csv], PUT /v1/booths/{boothId}/sales/{day}',
      environment: { FAIR_TABLE: tables.fair.tableName, STATS_TABLE: tables.stats.tableName },
    });
    allow(boothStats, ['dynamodb:GetItem'], [tables.fair.tableArn]);
    // Query: the booth's day; GetItem and PutItem: its declared sales (SALES#<day>).
    allow(boothStats, ['dynamodb:Query', 'dynamodb:GetItem', 'dynamodb:PutItem'], [tables.stats.tableArn]);
    http.route(boothStats, [
      { method: HttpMethod.GET, path: '/v1/booths/{boothId}/stats' },
      { method: HttpMethod.GET, path: '/v1/booths/{boothId}/stats.csv' },
      { method: HttpMethod.PUT, path: '/v1/booths/{boothId}/sales/{day}' },
    ]);

    const boothLeads = fn('BoothLeads', {
      name: 'booth-leads',
      description: 'GET /v1/booths/{boothId}/leads[.csv|.vcf], PUT /v1/booths/{boothId}/leads/{ticketId}',
      environment: {
        FAIR_TABLE: tables.fair.tableName,
        STATS_TABLE: tables.stats.tableName,
        TICKETS_TABLE: tables.tickets.tableName,
      },
    });
    allow(boothLeads, ['dynamodb:GetItem'], [tables.fair.tableArn]);
    // Query: the booth's answers and the day's visitors; UpdateItem: a lead's rating, tags and note.
    allow(boothLeads, ['dynamodb:Query', 'dynamodb:UpdateItem'], [tables.stats.tableArn]);
    allow(boothLeads, ['dynamodb:BatchGetItem'], [tables.tickets.tableArn]);
    http.route(boothLeads, [
      { method: HttpMethod.GET, path: '/v1/booths/{boothId}/leads' },
      { method: HttpMethod.GET, path: '/v1/booths/{boothId}/leads.csv' },
      { method: HttpMethod.GET, path: '/v1/booths/{boothId}/leads.vcf' },
      { method: HttpMethod.PUT, path: '/v1/booths/{boothId}/leads/{ticketId}' },
    ]);

    const privacy = fn('VisitorPrivacy', {
      name: 'visitor-privacy',
      description: 'GET /v1/tickets/{ticketId}/privacy, POST .../privacy/withdraw, POST .../privacy/erase',
      environment: {
        FAIR_TABLE: tables.fair.tableName,
        STATS_TABLE: tables.stats.tableName,
        TICKETS_TABLE: tables.tickets.tableName,
      },
    });
    allow(privacy, ['dynamodb:GetItem', 'dynamodb:Query'], [tables.fair.tableArn]);
    // BatchGetItem: the visitor's answers and visits at every booth; UpdateItem: a withdrawal.
    allow(privacy, ['dynamodb:BatchGetItem', 'dynamodb:UpdateItem'], [tables.stats.tableArn]);
    // GetItem: the ticket; UpdateItem: its privacy log, and the erasure of its personal data.
    allow(privacy, ['dynamodb:GetItem', 'dynamodb:UpdateItem'], [tables.tickets.tableArn]);
    http.route(privacy, [
      { method: HttpMethod.GET, path: '/v1/tickets/{ticketId}/privacy' },
      { method: HttpMethod.POST, path: '/v1/tickets/{ticketId}/privacy/withdraw' },
      { method: HttpMethod.POST, path: '/v1/tickets/{ticketId}/privacy/erase' },
    ]);

    const poster = fn('BoothPoster', {
      name: 'booth-poster',
      description: 'GET /v1/booths/{boothId}/poster, POST /v1/booths/{boothId}/interest (public)',
      environment: {
        FAIR_TABLE: tables.fair.tableName,
        ZONES_TABLE: tables.zones.tableName,
        STATS_TABLE: tables.stats.tableName,
      },
    });
    allow(poster, ['dynamodb:GetItem'], [tables.fair.tableArn]);
    allow(poster, ['dynamodb:Scan'], [tables.zones.tableArn]);
    // PutItem and UpdateItem in a transaction: the phone's interest once a day and the booth-day's
    // count; UpdateItem: the visitor's word on their number.
    allow(poster, ['dynamodb:PutItem', 'dynamodb:UpdateItem'], [tables.stats.tableArn]);
    http.route(poster, [
      { method: HttpMethod.GET, path: '/v1/booths/{boothId}/poster', public: true },
      { method: HttpMethod.POST, path: '/v1/booths/{boothId}/interest', public: true },
    ]);

    const ranking = fn('BoothRanking', {
      name: 'booth-ranking',
      description: 'GET /v1/booths/stats[.csv]',
      environment: { FAIR_TABLE: tables.fair.tableName, STATS_TABLE: tables.stats.tableName },
    });
    allow(ranking, ['dynamodb:GetItem', 'dynamodb:Query'], [tables.fair.tableArn]);
    allow(ranking, ['dynamodb:Query'], [tables.stats.tableArn]);
    http.route(ranking, [
      { method: HttpMethod.GET, path: '/v1/booths/stats' },
      { method: HttpMethod.GET, path: '/v1/booths/stats.csv' },
    ]);
  }
}
