import { Duration } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { DurableQueue } from '../constructs/durable-queue';
import { consumeQueue } from '../constructs/event-sources';
import type { RawaqFunctionProps } from '../constructs/rawaq-function';
import { allowShortCodeTyping, bindQueue, bindTable, featureFunction, type StackParts } from './feature';

/** Booth footfall, counted in its request when small, else through a queue, coalesced per booth and day; its statistics. */
export class Footfall extends Construct {
  constructor(scope: Construct, id: string, parts: StackParts) {
    super(scope, id);
    const { tables, alarms } = parts;
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
      environment: parts.http.gatePathEnvironment,
    });
    bindTable(ingest, tables.fair, ['dynamodb:GetItem']);
    bindTable(ingest, tables.tickets, ['dynamodb:BatchGetItem', 'dynamodb:GetItem']);
    allowShortCodeTyping(ingest, tables);
    // A few events are counted in the request (the aggregator's writes, below); more go to the queue.
    bindTable(ingest, tables.stats, ['dynamodb:GetItem', 'dynamodb:UpdateItem', 'dynamodb:PutItem']);
    bindQueue(ingest, footfall.queue, 'FOOTFALL_QUEUE_URL', 'send');

    const aggregator = fn('FootfallAggregator', {
      name: 'footfall-aggregator',
      description: 'Footfall queue: visits and unique visitors per booth, hour and day, exactly once in effect',
      timeout: aggregatorTimeout,
    });
    // The queue's URL, to hold a message back (the event source mapping grants the consuming).
    bindQueue(aggregator, footfall.queue, 'FOOTFALL_QUEUE_URL', 'consume');
    bindTable(aggregator, tables.fair, ['dynamodb:GetItem']);
    // PutItem: each event's id (on condition it is new), each new visitor, each visitor's latest answer.
    bindTable(aggregator, tables.stats, ['dynamodb:GetItem', 'dynamodb:UpdateItem', 'dynamodb:PutItem']);
    // Large batches gathered over a short window: more events per booth-day transaction.
    consumeQueue(aggregator, footfall.queue, { batchSize: 100, maxBatchingWindow: Duration.seconds(1) });

    const boothStats = fn('BoothStats', {
      name: 'booth-stats',
      description: 'GET /v1/booths/{boothId}/stats[.csv], PUT /v1/booths/{boothId}/sales/{day}',
    });
    bindTable(boothStats, tables.fair, ['dynamodb:GetItem']);
    // Query: the booth's day; GetItem and PutItem: its declared sales (SALES#<day>).
    bindTable(boothStats, tables.stats, ['dynamodb:Query', 'dynamodb:GetItem', 'dynamodb:PutItem']);

    const boothLeads = fn('BoothLeads', {
      name: 'booth-leads',
      description: 'GET /v1/booths/{boothId}/leads[.csv|.vcf], PUT /v1/booths/{boothId}/leads/{ticketId}',
    });
    bindTable(boothLeads, tables.fair, ['dynamodb:GetItem']);
    // Query: the booth's answers and the day's visitors; UpdateItem: a lead's rating, tags and note.
    bindTable(boothLeads, tables.stats, ['dynamodb:Query', 'dynamodb:UpdateItem']);
    bindTable(boothLeads, tables.tickets, ['dynamodb:BatchGetItem']);

    const privacy = fn('VisitorPrivacy', {
      name: 'visitor-privacy',
      description: 'GET /v1/tickets/{ticketId}/privacy, POST .../privacy/withdraw, POST .../privacy/erase',
    });
    bindTable(privacy, tables.fair, ['dynamodb:GetItem', 'dynamodb:Query']);
    // BatchGetItem: the visitor's answers and visits at every booth; UpdateItem: a withdrawal.
    bindTable(privacy, tables.stats, ['dynamodb:BatchGetItem', 'dynamodb:UpdateItem']);
    // GetItem: the ticket; UpdateItem: its privacy log, and the erasure of its personal data.
    bindTable(privacy, tables.tickets, ['dynamodb:GetItem', 'dynamodb:UpdateItem']);

    const poster = fn('BoothPoster', {
      name: 'booth-poster',
      description: 'GET /v1/booths/{boothId}/poster, POST /v1/booths/{boothId}/interest (public)',
    });
    bindTable(poster, tables.fair, ['dynamodb:GetItem']);
    bindTable(poster, tables.zones, ['dynamodb:Scan']);
    // PutItem and UpdateItem in a transaction: the phone's interest once a day and the booth-day's
    // count; UpdateItem: the visitor's word on their number.
    bindTable(poster, tables.stats, ['dynamodb:PutItem', 'dynamodb:UpdateItem']);

    const ranking = fn('BoothRanking', {
      name: 'booth-ranking',
      description: 'GET /v1/booths/stats[.csv]',
    });
    bindTable(ranking, tables.fair, ['dynamodb:GetItem', 'dynamodb:Query']);
    bindTable(ranking, tables.stats, ['dynamodb:Query']);
  }
}
