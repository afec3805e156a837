import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { CustomResource, Duration } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { loadFairFile } from '../../shared/fair/fair-file';
import { WORKSHOP_LIST_INDEX } from '../../shared/store/index-names';
import type { DataTables } from '../constructs/data-tables';
import { RawaqFunction } from '../constructs/rawaq-function';
import type { RawaqSecrets } from '../constructs/secrets';
import { bindSecret, bindTable } from './feature';

/** Raise when the seed learns something new to write (it re-runs on the next deploy or start). */
const SEED_VERSION = '4';

/**
 * The fair's own data: its file, checked at synth (a bad file fails the synth with every problem
 * listed) and bundled into the seed, a custom resource that applies it at every deploy where the file
 * changed, publishes the ticket keys and registers the first organiser credential.
 */
export class FairData extends Construct {
  constructor(scope: Construct, id: string, props: { tables: DataTables; secrets: RawaqSecrets; fairFile: string }) {
    super(scope, id);
    const { tables, secrets } = props;
    loadFairFile(props.fairFile);
    const seed = new RawaqFunction(this, 'Seed', {
      name: 'seed',
      description: "Custom resource: applies the fair's file and registers the first organiser credential",
      timeout: Duration.minutes(2),
      alias: { 'rawaq-fair-file': props.fairFile },
    });
    bindSecret(seed, secrets.signingKey, 'SIGNING_KEY_SECRET_ARN');
    bindSecret(seed, secrets.organiserCredential, 'ORGANISER_SECRET_ARN');
    // DeleteItem: revocations kept by time (an earlier version) move to the numbered log once.
    bindTable(seed, tables.fair, [
      'dynamodb:Query',
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:BatchWriteItem',
      'dynamodb:UpdateItem',
      'dynamodb:DeleteItem',
    ]);
    bindTable(seed, tables.zones, [
      'dynamodb:Scan',
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:DeleteItem',
      'dynamodb:UpdateItem',
    ]);
    bindTable(seed, tables.workshops, ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem']);
    bindTable(seed, tables.workshops, ['dynamodb:Query'], { index: WORKSHOP_LIST_INDEX });
    bindTable(seed, tables.credentials, ['dynamodb:PutItem']);
    new CustomResource(this, 'Applied', {
      serviceToken: seed.functionArn,
      resourceType: 'Custom::RawaqSeed',
      // A change of the fair's file re-runs the seed on the next deploy (or start).
      properties: {
        fairVersion: createHash('sha256').update(readFileSync(props.fairFile)).digest('hex').slice(0, 16),
        seedVersion: SEED_VERSION,
      },
    });
  }
}
