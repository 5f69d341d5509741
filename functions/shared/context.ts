import type { SESv2Client } from '@aws-sdk/client-sesv2';
import type { SFNClient } from '@aws-sdk/client-sfn';
import { awsClients } from './aws.js';
import { now, type Now } from './clock.js';
import { loadConfig, type Config } from './config.js';
import { AuditTrail } from './store/audit.js';
import { BreachStore } from './store/breaches.js';
import { LinkTokenStore } from './store/link-tokens.js';
import { RequestStore } from './store/requests.js';

/** Everything a handler's logic depends on; tests build one around local servers. */
export interface Deps {
  config: Config;
  requests: RequestStore;
  links: LinkTokenStore;
  audit: AuditTrail;
  breaches: BreachStore;
  ses: SESv2Client;
  sfn: SFNClient;
  now: Now;
}

export function buildDeps(config: Config, clients = awsClients(), clock: Now = now): Deps {
  return {
    config,
    requests: new RequestStore(clients.dynamo, config.tables.requests, config.minimiseAfterSeconds),
    links: new LinkTokenStore(clients.dynamo, config.tables.linkTokens),
    audit: new AuditTrail(clients.dynamo, config.tables.audit),
    breaches: new BreachStore(clients.dynamo, config.tables.breaches),
    ses: clients.ses,
    sfn: clients.sfn,
    now: clock,
  };
}

let cached: Deps | undefined;

/** The process's dependencies, read from the environment at the first call (cold start). */
export function deps(): Deps {
  cached ??= buildDeps(loadConfig());
  return cached;
}
