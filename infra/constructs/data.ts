import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { BucketPrefix, TableAccess } from '../functions.js';
import type { ExpiryRule } from '../lifecycle.js';
import { TABLES, type TableIndex } from '../tables.js';

/**
 * Where the product keeps what it knows: the requests, the link tokens, the append-only
 * audit trail (all encrypted with one customer-managed key, with point-in-time recovery)
 * and a private bucket for export staging and archives.
 */
export class DataStores extends Construct {
  readonly key: kms.Key;
  readonly requests: dynamodb.Table;
  readonly linkTokens: dynamodb.Table;
  readonly audit: dynamodb.Table;
  readonly breaches: dynamodb.Table;
  readonly bucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: { expiryRules: ExpiryRule[] }) {
    super(scope, id);
    this.key = new kms.Key(this, 'Key', {
      description: 'Encrypts data-subject requests, link tokens, the audit trail, the breach register and archives',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const table = (name: keyof typeof TABLES) => {
      const spec = TABLES[name];
      return new dynamodb.Table(this, spec.id, {
        partitionKey: { name: spec.partitionKey, type: dynamodb.AttributeType.STRING },
        sortKey: 'sortKey' in spec ? { name: spec.sortKey, type: dynamodb.AttributeType.STRING } : undefined,
        timeToLiveAttribute: 'ttl' in spec ? spec.ttl : undefined,
        billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
        encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
        encryptionKey: this.key,
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
        deletionProtection: true,
        removalPolicy: RemovalPolicy.RETAIN,
      });
    };
    this.requests = table('requests');
    this.linkTokens = table('linkTokens');
    this.audit = table('audit');
    this.breaches = table('breaches');
    for (const [name, target] of [['requests', this.requests], ['breaches', this.breaches]] as const) {
      for (const index of Object.values(TABLES[name].indexes) as TableIndex[]) {
        target.addGlobalSecondaryIndex({
          indexName: index.name,
          partitionKey: { name: index.partitionKey, type: dynamodb.AttributeType.STRING },
          sortKey: { name: index.sortKey, type: dynamodb.AttributeType.STRING },
          ...(index.include === 'all'
            ? { projectionType: dynamodb.ProjectionType.ALL }
            : index.include
              ? { projectionType: dynamodb.ProjectionType.INCLUDE, nonKeyAttributes: [...index.include] }
              : { projectionType: dynamodb.ProjectionType.KEYS_ONLY }),
        });
      }
    }

    const accessLogs = new s3.Bucket(this, 'AccessLogs', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED, // S3 server access logs cannot be delivered to a KMS-encrypted bucket
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(365) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.bucket = new s3.Bucket(this, 'Archives', {
      // The product's only bucket: staging/<requestId>/… for exports, archives/<requestId>.zip for answers.
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: this.key,
      bucketKeyEnabled: true,
      enforceSSL: true,
      versioned: false,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'archives/',
      lifecycleRules: [
        // The safety net behind the workflows' own deletions (infra/lifecycle.ts).
        ...props.expiryRules.map(({ id, prefix, days }) => ({ id, prefix, expiration: Duration.days(days) })),
        { id: 'incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}

/** Item actions per access level: exactly what the stores use (TransactWriteItems needs the per-item ones). */
const ITEM_ACTIONS: Record<TableAccess, string[]> = {
  read: ['dynamodb:GetItem'],
  // An item changed in place, inside a transaction or alone: no read, no put, no delete.
  update: ['dynamodb:UpdateItem'],
  // Links and the breach register: written, read and changed, never deleted (TTL removes spent links).
  readPutUpdate: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
  readWrite: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
};

/**
 * Grants item access on one of the product's tables, on the table itself only (CDK's
 * grant helpers add every index and Scan), with the key use it needs.
 */
export function grantItems(stores: DataStores, grantee: iam.IGrantable, table: dynamodb.Table, access: TableAccess): void {
  grantee.grantPrincipal.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ITEM_ACTIONS[access], resources: [table.tableArn] }));
  grantKey(stores, grantee, 'decrypt');
}

/** The key's actions per use, exact (not CDK's families: no Encrypt, no ReEncrypt*, no GenerateDataKey*). */
const KEY_ACTIONS = { decrypt: ['kms:Decrypt'], encrypt: ['kms:Decrypt', 'kms:GenerateDataKey'] } as const;
/** One statement on the key per role: its actions, the union of its uses. */
const keyStatements = new WeakMap<iam.IPrincipal, iam.PolicyStatement>();

/**
 * Grants a use of the key: `decrypt` to use a table (DynamoDB decrypts the table's key
 * with the caller's rights, for writes as for reads, and makes its data keys itself) or to
 * read an object; `encrypt` to write an object (S3 asks for a data key, and decrypts it
 * again for each further part of a multipart upload).
 */
export function grantKey(stores: DataStores, grantee: iam.IGrantable, use: keyof typeof KEY_ACTIONS): void {
  const principal = grantee.grantPrincipal;
  const statement = keyStatements.get(principal);
  if (statement) {
    statement.addActions(...KEY_ACTIONS[use].filter((action) => !statement.actions.includes(action)));
    return;
  }
  const created = new iam.PolicyStatement({ actions: [...KEY_ACTIONS[use]], resources: [stores.key.keyArn] });
  principal.addToPrincipalPolicy(created);
  keyStatements.set(principal, created);
}

export type ObjectAction = 'read' | 'write' | 'delete' | 'list';

const OBJECT_ACTIONS: Record<Exclude<ObjectAction, 'list'>, string[]> = {
  read: ['s3:GetObject'],
  write: ['s3:PutObject', 's3:AbortMultipartUpload'],
  delete: ['s3:DeleteObject'],
};

/**
 * Grants exact S3 actions on some keys of the product's bucket (key patterns, IAM's `*`
 * and `?` allowed), with the key use they need: none to delete or list.
 */
export function grantObjects(stores: DataStores, grantee: iam.IGrantable, keys: string[], actions: Array<Exclude<ObjectAction, 'list'>>): void {
  if (!actions.length) return;
  grantee.grantPrincipal.addToPrincipalPolicy(new iam.PolicyStatement({ actions: actions.flatMap((a) => OBJECT_ACTIONS[a]), resources: keys.map((k) => stores.bucket.arnForObjects(k)) }));
  if (actions.includes('write')) grantKey(stores, grantee, 'encrypt');
  else if (actions.includes('read')) grantKey(stores, grantee, 'decrypt');
}

/**
 * Grants exact S3 actions on one prefix of the product's bucket, with the key use they
 * need, instead of CDK's grant helpers and their action wildcards.
 */
export function grantPrefix(stores: DataStores, grantee: iam.IGrantable, prefix: BucketPrefix, actions: ObjectAction[]): void {
  grantObjects(stores, grantee, [`${prefix}*`], actions.filter((a): a is Exclude<ObjectAction, 'list'> => a !== 'list'));
  if (actions.includes('list')) {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['s3:ListBucket'], resources: [stores.bucket.bucketArn], conditions: { StringLike: { 's3:prefix': [`${prefix}*`] } } }),
    );
  }
}
