import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { SESv2Client } from '@aws-sdk/client-sesv2';
import type { SFNClient } from '@aws-sdk/client-sfn';
import { dynamoClient } from './clients/dynamo.js';
import { now, type Now } from './clock.js';
import { loadConfig, type Config } from './config.js';
import { AuditTrail } from './store/audit.js';
import { BreachStore } from './store/breaches.js';
import { LinkTokenStore } from './store/link-tokens.js';
import { RequestStore } from './store/requests.js';

/** What every handler's logic depends on: the settings, the stores and the clock. */
export interface Stores {
  config: Config;
  requests: RequestStore;
  links: LinkTokenStore;
  audit: AuditTrail;
  breaches: BreachStore;
  now: Now;
}

/** The clients a handler's logic may need beside the stores: email, and the workflows. */
export interface Clients {
  ses: SESv2Client;
  sfn: SFNClient;
}

/**
 * Everything a handler's logic depends on, with the clients it names: `Deps<'ses'>` sends
 * email, `Deps<'ses' | 'sfn'>` also starts or resumes workflows, `Deps` does neither. Its
 * Lambda's bundle holds those clients and no other; tests build one around local servers.
 */
export type Deps<C extends keyof Clients = never> = Stores & Pick<Clients, C>;

/** The stores of `config` over `dynamo`, with both clients (the twin's and the tests' dependencies). */
export function buildDeps(config: Config, clients: { dynamo: DynamoDBDocumentClient } & Clients, clock: Now = now): Deps<keyof Clients> {
  return { ...storesOf(config, clients.dynamo, clock), ses: clients.ses, sfn: clients.sfn };
}

function storesOf(config: Config, dynamo: DynamoDBDocumentClient, clock: Now): Stores {
  return {
    config,
    requests: new RequestStore(dynamo, config.tables.requests, config.minimiseAfterSeconds),
    links: new LinkTokenStore(dynamo, config.tables.linkTokens),
    audit: new AuditTrail(dynamo, config.tables.audit),
    breaches: new BreachStore(dynamo, config.tables.breaches),
    now: clock,
  };
}

let cached: Stores | undefined;

/**
 * The process's dependencies: the stores, read from the environment at the first call (cold
 * start), and the clients the handler passes, e.g. `deps({ ses: sesClient() })`.
 */
export function deps<C extends Partial<Clients> = Record<never, never>>(clients: C = {} as C): Stores & NoInfer<C> {
  cached ??= storesOf(loadConfig(), dynamoClient(), now);
  return { ...cached, ...clients };
}
