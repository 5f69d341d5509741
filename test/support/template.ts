/**
 * Reading a synthesized template's IAM: whose statements, and what they allow, with IAM's
 * own pattern matching (so that a test asks "may this role write that key?" rather than
 * comparing strings).
 */
export interface Template {
  Resources: Record<string, { Type: string; Properties: any }>;
}

export interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: unknown;
}

export const resourcesOf = (template: Template, type: string) => Object.entries(template.Resources).filter(([, r]) => r.Type === type);

/** The logical id of the one resource of `type` whose id starts with `prefix`. */
export function logicalId(template: Template, type: string, prefix: string): string {
  const found = resourcesOf(template, type).filter(([id]) => id.startsWith(prefix));
  if (found.length !== 1) throw new Error(`${found.length} ${type} named ${prefix}…`);
  return found[0][0];
}

/** Every statement of the role of a Lambda function, given the function's logical id. */
export function roleStatements(template: Template, functionId: string): Statement[] {
  const roleId = template.Resources[functionId].Properties.Role['Fn::GetAtt'][0];
  return resourcesOf(template, 'AWS::IAM::Policy')
    .filter(([, p]) => p.Properties.Roles.some((r: { Ref?: string }) => r.Ref === roleId))
    .flatMap(([, p]) => p.Properties.PolicyDocument.Statement);
}

export const actionsOf = (statement: Statement) => [statement.Action].flat();

/** A resource as one string, references written as cdk-nag writes them: `<Id.Arn>`, `<Id>`. */
export function flatten(value: unknown): string {
  if (typeof value === 'string') return value;
  const [fn, args] = Object.entries(value as Record<string, any>)[0];
  if (fn === 'Fn::Join') return (args[1] as unknown[]).map(flatten).join(args[0]);
  if (fn === 'Fn::GetAtt') return `<${args[0]}.${args[1]}>`;
  if (fn === 'Ref') return `<${args}>`;
  return JSON.stringify(value);
}

/** IAM's matching: `*` any run of characters (`/` included), `?` exactly one. */
export function iamMatches(pattern: string, value: string): boolean {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${source}$`).test(value);
}

/** Whether an Allow statement (without conditions) lets `action` act on `resource`. */
export function allows(statements: Statement[], action: string, resource: string): boolean {
  return statements.some(
    (st) => st.Effect === 'Allow' && !st.Condition && actionsOf(st).some((a) => iamMatches(a, action)) && [st.Resource].flat().some((r) => iamMatches(flatten(r), resource)),
  );
}

/** The actions of the statements on one resource (a table, a key), sorted, each once. */
export function actionsOn(statements: Statement[], resourceId: string): string[] {
  const on = statements.filter((st) => [st.Resource].flat().some((r) => flatten(r).includes(`<${resourceId}.`)));
  return [...new Set(on.flatMap(actionsOf))].sort();
}
