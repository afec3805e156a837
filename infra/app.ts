import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { RawaqStack } from './rawaq-stack';

/** `npm run synth` / `npm run deploy`. The local runtime reads what this synthesizes. */
const app = new App();
new RawaqStack(app, 'Rawaq', {
  description: 'Rawaq: on-site operations for one fair',
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
  retainData: app.node.tryGetContext('rawaq:retainData') !== 'false',
});
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
app.synth();
