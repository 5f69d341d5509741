/**
 * How every function is bundled by esbuild: NodejsFunction's options in
 * infra/constructs/lambdas.ts, and bench/cold-start.ts, which builds the same bundles.
 * The AWS SDK is bundled too (nothing is external but Node's own modules).
 */
import { join } from 'node:path';
import { ROOT } from './paths.js';

export const BUNDLING = {
  target: 'node22',
  mainFields: ['module', 'main'],
  minify: true,
  // Step Functions' Retry and Catch match errors by name (TransientError, RequestAbandoned…): minifying must keep class names.
  keepNames: true,
  // ESM output; CommonJS inside dependencies still calls `require`.
  banner: "import{createRequire}from'node:module';const require=createRequire(import.meta.url);",
};

/**
 * Modules replaced in every bundle: the SDK's default credential chain by the environment's
 * credentials alone, and yazl's CRC-32 in JavaScript by Node's own.
 */
export const ALIASES: Record<string, string> = {
  '@aws-sdk/credential-provider-node': join(ROOT, 'functions/shared/clients/lambda-credentials.ts'),
  'buffer-crc32': join(ROOT, 'functions/assemble-archive/native-crc32.ts'),
};

/** Values resolved at synth (the holidays, the deployment's lists), written into the bundle as `process.env.<name>`. */
export const bundledDefine = (bundled: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(bundled).map(([name, value]) => [`process.env.${name}`, JSON.stringify(value)]));
