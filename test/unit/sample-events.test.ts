import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { describe, expect, it } from 'vitest';
import { AlertDeliverySchema } from '#events/alert-delivery';
import { FootfallMessageSchema } from '#events/footfall-message';
import { ScanStreamRecordSchema } from '#events/scan-record';
import { SweepJobSchema } from '#events/sweep-job';

const folder = path.resolve(import.meta.dirname, '..', '..', 'events', 'samples');
const sample = (name: string) => JSON.parse(readFileSync(path.join(folder, name), 'utf8'));

/** The samples are what `npm run invoke` feeds the functions: they must match the schemas the functions parse. */
describe('sample events', () => {
  it('has one per kind of trigger: HTTP, authorizer, stream, queue, schedule and custom resource', () => {
    const names = readdirSync(folder);
    for (const kind of [
      '.http.json',
      '.request.json',
      '.stream.json',
      '.sqs.json',
      '.schedule.json',
      '.cfn-create.json',
    ]) {
      expect(
        names.some((name) => name.endsWith(kind)),
        kind,
      ).toBe(true);
    }
  });

  it('carries scan records the occupancy projector can read, with the shard its tumbling window names', () => {
    const event = sample('occupancy-projector.stream.json');
    // The projector keeps a watermark per shard: a batch that does not name its shard is refused.
    expect(event).toMatchObject({
      shardId: expect.stringMatching(/^shardId-/),
      state: {},
      isFinalInvokeForWindow: false,
    });
    const inserts = event.Records.filter((record: { eventName: string }) => record.eventName === 'INSERT');
    expect(inserts.length).toBeGreaterThan(0);
    for (const record of inserts)
      expect(ScanStreamRecordSchema.safeParse(unmarshall(record.dynamodb.NewImage)).success).toBe(true);
  });

  it("carries queue messages the footfall aggregator, the webhook sender and the closing's sweep can read", () => {
    for (const record of sample('footfall-aggregator.sqs.json').Records) {
      expect(FootfallMessageSchema.safeParse(JSON.parse(record.body)).success).toBe(true);
    }
    for (const record of sample('alert-webhook.sqs.json').Records) {
      expect(AlertDeliverySchema.safeParse(JSON.parse(record.body)).success).toBe(true);
    }
    for (const record of sample('fair-days-sweep.sqs.json').Records) {
      expect(SweepJobSchema.safeParse(JSON.parse(record.body)).success).toBe(true);
    }
  });
});
