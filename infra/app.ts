import * as path from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { FairFileError, fairFileInUse, loadFairFile, stackNameFor } from '../shared/fair/fair-file';
import { RawaqStack } from './rawaq-stack';

/**
 * `npm run synth` / `npm run deploy`. The fair is a file: `-c rawaq:fairFile=path` (or `RAWAQ_FAIR`),
 * else the demo fair. The stack is named after the fair, so two fairs deploy side by side in one
 * account. The local runtime reads what this synthesizes.
 */
const app = new App();
const context = app.node.tryGetContext('rawaq:fairFile') as string | undefined;
const fairFile = context ? path.resolve(context) : fairFileInUse();
try {
  const fair = loadFairFile(fairFile);
  new RawaqStack(app, stackNameFor(fair.fairId), {
    description: `Rawaq: on-site operations for ${fair.name} (${fair.fairId})`,
    env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
    retainData: app.node.tryGetContext('rawaq:retainData') !== 'false',
    fairFile,
  });
} catch (error) {
  if (!(error instanceof FairFileError)) throw error;
  console.error(error.message);
  process.exit(1);
}
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
app.synth();
