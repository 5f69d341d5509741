/**
 * The credentials of a bundled function: Lambda hands the function's role to it in its
 * environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN), valid for the
 * life of the execution environment. The bundles alias the SDK's default chain to this one
 * link (infra/bundling.ts): profiles, SSO, STS and instance metadata, which Lambda never
 * uses, would weigh about 110 KB in every bundle and be loaded at every cold start.
 * The twin and the tests are not bundled and keep the whole chain.
 */
import { fromEnv } from '@aws-sdk/credential-provider-env';

export const defaultProvider: typeof fromEnv = (init) => fromEnv(init);
