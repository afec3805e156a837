import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { CustomResource, Duration } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { loadFairFile } from '../../shared/fair/fair-file';
import { WORKSHOP_LIST_INDEX } from '../../shared/store/index-names';
import type { DataTables } from '../constructs/data-tables';
import { RawaqFunction } from '../constructs/rawaq-function';
import type { RawaqSecrets } from '../constructs/secrets';
import { allow } from './feature';

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
      esbuildArgs: { '--alias:rawaq-fair-file': props.fairFile },
      environment: {
        FAIR_TABLE: tables.fair.tableName,
        ZONES_TABLE: tables.zones.tableName,
        WORKSHOPS_TABLE: tables.workshops.tableName,
        CREDENTIALS_TABLE: tables.credentials.tableName,
        ORGANISER_SECRET_ARN: secrets.organiserCredential.secretArn,
        SIGNING_KEY_SECRET_ARN: secrets.signingKey.secretArn,
      },
    });
    secrets.signingKey.grantRead(seed);
    secrets.organiserCredential.grantRead(seed);
    allow(
      seed,
      // DeleteItem: revocations kept by time (an earlier version) move to the numbered log once.
      [
        'dynamodb:Query',
        'dynamodb:GetItem',
        'dynamodb:PutItem',
        'dynamodb:BatchWriteItem',
        'dynamodb:UpdateItem',
        'dynamodb:DeleteItem',
      ],
      [tables.fair.tableArn],
    );
    allow(
      seed,
      ['dynamodb:Scan', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:DeleteItem', 'dynamodb:UpdateItem'],
      [tables.zones.tableArn],
    );
    allow(seed, ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'], [tables.workshops.tableArn]);
    allow(seed, ['dynamodb:Query'], [`${tables.workshops.tableArn}/index/${WORKSHOP_LIST_INDEX}`]);
    allow(seed, ['dynamodb:PutItem'], [tables.credentials.tableArn]);
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
