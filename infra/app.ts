import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { readSettings, SettingsError } from './settings.js';
import { DsrStack } from './stack.js';

const app = new App();
let settings;
try {
  settings = readSettings((key) => app.node.tryGetContext(key));
} catch (error) {
  if (!(error instanceof SettingsError)) throw error;
  console.error(error.message);
  process.exit(1);
}
const createSenderIdentity = String(app.node.tryGetContext('dsr:createSenderIdentity') ?? 'true') !== 'false';

new DsrStack(app, 'DsrWorkflow', {
  settings,
  createSenderIdentity,
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
  description: 'GDPR data-subject requests for an e-learning platform',
});
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
app.synth();
