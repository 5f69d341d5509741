import { ArnFormat, Duration, Stack, Validations } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { capability, type ConnectorDeclaration } from '../../functions/connectors/declarations.js';
import { grantConnectorStaging } from './connector-staging.js';
import { grantItems, type DataStores } from './data.js';
import { nodeFunction } from './lambdas.js';

export interface ConnectorsProps {
  data: DataStores;
  declarations: ConnectorDeclaration[];
  publicBaseUrl: string;
  /** The request workflow's ARN, built from its name (a reference would make a cycle: it invokes these functions). */
  stateMachineArn: string;
  /** Concurrent executions each connector may use at most (0: no cap). */
  concurrency: number;
}

/**
 * One Lambda per declared data system, allowed to read that system's data and nothing
 * else of it, to read the request it works on (GetItem), and to write its own system's
 * keys of the staging area.
 */
export class Connectors extends Construct {
  readonly byName: Record<string, lambda.IFunction> = {};
  /** Each connector's function name, known at synth: the workflows name it at run time, and the functions' bundles carry the list. */
  readonly functionNames: Record<string, string> = {};
  readonly secrets: secretsmanager.ISecret[] = [];

  constructor(scope: Construct, id: string, props: ConnectorsProps) {
    super(scope, id);
    const { data } = props;
    // One log group for every connector (each function writes its own streams): a stack holds 500 resources, and a platform may declare dozens of systems.
    const logGroup = new logs.LogGroup(this, 'Logs', { retention: logs.RetentionDays.THREE_MONTHS });
    for (const declaration of props.declarations) {
      const id = declaration.name.replace(/(^|-)([a-z0-9])/g, (_m, _d, c: string) => c.toUpperCase());
      const own = declaration.type === 'lambda' && declaration.entry;
      this.functionNames[declaration.name] = connectorFunctionName(Stack.of(this).stackName, declaration.name);
      const fn = nodeFunction(this, id, {
        functionName: this.functionNames[declaration.name],
        logGroup,
        // A connector of the platform's own is its own code; the others run the built-in one of their kind.
        entry: own ? declaration.entry! : `functions/connectors/entries/${declaration.type === 'lambda' ? 'invoked' : declaration.type}.ts`,
        description: `Connector for ${declaration.title}`.slice(0, 256),
        memorySize: 1024,
        timeout: Duration.minutes(15),
        // Capped, a slow system's exports cannot take the account's whole concurrency from the public pages.
        ...(props.concurrency ? { reservedConcurrentExecutions: props.concurrency } : {}),
        environment: {
          // What the system declares for the learner's copy (art15) is not the connector's business, and would fill the 4 KB.
          CONNECTOR: JSON.stringify({ ...declaration, art15: undefined }),
          REQUESTS_TABLE: data.requests.tableName,
          ARCHIVE_BUCKET: data.bucket.bucketName,
          ...(declaration.type === 'http' ? { LINK_TOKENS_TABLE: data.linkTokens.tableName, PUBLIC_BASE_URL: props.publicBaseUrl } : {}),
          ...(declaration.type === 'lambda' ? declaration.environment : {}),
        },
      });
      this.byName[declaration.name] = fn;
      grantItems(data, fn, data.requests, 'read');
      grantConnectorStaging(data, fn, declaration);

      switch (declaration.type) {
        case 'dynamodb': {
          const table = dynamodb.Table.fromTableName(this, `${id}Table`, declaration.table);
          fn.addToRolePolicy(
            new iam.PolicyStatement({
              actions: ['dynamodb:Query'],
              resources: [declaration.match.index ? `${table.tableArn}/index/${declaration.match.index}` : table.tableArn],
            }),
          );
          // A directory finds people by user id, through its own key or index.
          const directory = declaration.directory;
          if (directory) fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:Query'], resources: [directory.index ? `${table.tableArn}/index/${directory.index}` : table.tableArn] }));
          // Erasing, rectifying and flagging address items by the table's key, read once.
          const writes = [
            'dynamodb:DescribeTable',
            ...(capability(declaration, 'erase') === 'auto' ? [(declaration.erase?.mode ?? 'delete') === 'delete' ? 'dynamodb:BatchWriteItem' : 'dynamodb:UpdateItem'] : []),
            ...(capability(declaration, 'rectify') === 'auto' || capability(declaration, 'restrict') === 'auto' ? ['dynamodb:UpdateItem'] : []),
          ];
          fn.addToRolePolicy(new iam.PolicyStatement({ actions: [...new Set(writes)], resources: [table.tableArn] }));
          break;
        }
        case 's3': {
          const bucket = s3.Bucket.fromBucketName(this, `${id}Bucket`, declaration.bucket);
          const prefix = declaration.prefix.split('{')[0];
          fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:ListBucket'], resources: [bucket.bucketArn], conditions: { StringLike: { 's3:prefix': [`${prefix}*`] } } }));
          fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [bucket.arnForObjects(`${prefix}*`)] }));
          if (capability(declaration, 'erase') === 'auto' && !declaration.retention?.length) {
            // Erasure removes every version and delete marker where the bucket keeps versions.
            fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:GetBucketVersioning'], resources: [bucket.bucketArn] }));
            fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:ListBucketVersions'], resources: [bucket.bucketArn], conditions: { StringLike: { 's3:prefix': [`${prefix}*`] } } }));
            fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:DeleteObject', 's3:DeleteObjectVersion'], resources: [bucket.arnForObjects(`${prefix}*`)] }));
          }
          Validations.of(fn.role!).acknowledge({
            id: `AwsSolutions::AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::${declaration.bucket}/${prefix}*]`,
            reason: `The connector reads the objects of ${declaration.bucket} under the declared prefix ${prefix}, whose keys name learners; it can read nothing else there.`,
          });
          break;
        }
        case 'lambda': {
          for (const grant of declaration.grants ?? []) fn.addToRolePolicy(new iam.PolicyStatement({ actions: grant.actions, resources: grant.resources }));
          if (declaration.functionArn) fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [declaration.functionArn] }));
          break;
        }
        case 'http': {
          const secret = secretsmanager.Secret.fromSecretNameV2(this, `${id}Secret`, declaration.secretName);
          secret.grantRead(fn);
          this.secrets.push(secret);
          // A callback link issued (PutItem), and used at once when the system answers at once (GetItem, UpdateItem).
          grantItems(data, fn, data.linkTokens, 'readPutUpdate');
          fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['states:SendTaskSuccess'], resources: [props.stateMachineArn] }));
          break;
        }
      }
    }
  }
}

/** The ARN of a state machine of this stack, from its name. */
export function stateMachineArn(scope: Construct, name: string): string {
  const stack = Stack.of(scope);
  return stack.formatArn({ service: 'states', resource: 'stateMachine', resourceName: name, arnFormat: ArnFormat.COLON_RESOURCE_NAME });
}

/** A connector's function name: the stack's (cut to fit Lambda's 64 characters) and the system's. */
export const connectorFunctionName = (stackName: string, system: string) => `${stackName.slice(0, 64 - 1 - system.length)}-${system}`;
