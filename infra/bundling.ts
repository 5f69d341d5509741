/**
 * How every function is bundled by esbuild: NodejsFunction's options in
 * infra/constructs/lambdas.ts, and bench/cold-start.ts, which builds the same bundles.
 * The AWS SDK is bundled too (nothing is external but Node's own modules).
 */
export const BUNDLING = {
  target: 'node22',
  mainFields: ['module', 'main'],
  minify: true,
  // Step Functions' Retry and Catch match errors by name (TransientError, RequestAbandoned…): minifying must keep class names.
  keepNames: true,
  // ESM output; CommonJS inside dependencies still calls `require`.
  banner: "import{createRequire}from'node:module';const require=createRequire(import.meta.url);",
};

/** The controller's holidays, resolved at synth, written into the bundle (functions/shared/holidays.ts). */
export const holidaysDefine = (holidayDates: string): Record<string, string> => ({ 'process.env.DSR_HOLIDAY_DATES': JSON.stringify(holidayDates) });
