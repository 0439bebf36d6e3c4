// IAM policy documents as plain data rendered to JSON strings; ARNs may be Terraform references.

export type ConditionBlock = Record<string, Record<string, string | string[]>>;

export interface PolicyStatement {
  /** PascalCase; says what the statement is for and, for a `*` resource, why nothing narrower exists. */
  sid: string;
  actions: string[];
  resources: string[];
  conditions?: ConditionBlock;
}

export interface TrustStatement {
  service: string;
  conditions: ConditionBlock;
}

const VERSION = "2012-10-17";

/** An identity policy allowing each statement, in the order given. */
export function renderPolicy(statements: readonly PolicyStatement[]): string {
  return JSON.stringify({
    Version: VERSION,
    Statement: statements.map((statement) => ({
      Sid: statement.sid,
      Effect: "Allow",
      Action: statement.actions.length === 1 ? statement.actions[0] : [...statement.actions].sort(),
      Resource: statement.resources.length === 1 ? statement.resources[0] : statement.resources,
      ...(statement.conditions ? { Condition: statement.conditions } : {}),
    })),
  });
}

/** A trust policy letting one AWS service assume the role, under the given conditions. */
export function renderTrustPolicy({ service, conditions }: TrustStatement): string {
  return JSON.stringify({
    Version: VERSION,
    Statement: [{ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole", Condition: conditions }],
  });
}

/** Who a resource policy statement applies to. */
export type PolicyPrincipal = "*" | { Service: string } | { AWS: string };

/** A statement of a resource policy (on a repository, an event bus...): it names its principal. */
export interface ResourcePolicyStatement {
  sid: string;
  effect: "Allow" | "Deny";
  principal: PolicyPrincipal;
  actions: string[];
  /** Omitted where the resource is implicit (ECR repository policies). */
  resources?: string[];
  conditions?: ConditionBlock;
}

/** A resource policy with the given statements, in order. */
export function renderResourcePolicy(statements: readonly ResourcePolicyStatement[]): string {
  return JSON.stringify({
    Version: VERSION,
    Statement: statements.map((statement) => ({
      Sid: statement.sid,
      Effect: statement.effect,
      Principal: statement.principal,
      Action: statement.actions.length === 1 ? statement.actions[0] : [...statement.actions].sort(),
      ...(statement.resources ? { Resource: statement.resources.length === 1 ? statement.resources[0] : statement.resources } : {}),
      ...(statement.conditions ? { Condition: statement.conditions } : {}),
    })),
  });
}
