// An IAM role one AWS service may assume on behalf of this account only, with an inline policy.
import { IamRole } from "../../../providers/aws/iam-role.js";
import { IamRolePolicy } from "../../../providers/aws/iam-role-policy.js";
import type { TerraformStack } from "../../../providers/cdktf.js";
import { renderPolicy, renderTrustPolicy, type ConditionBlock, type PolicyStatement } from "./policy-document.js";

export interface ServiceRoleArgs {
  name: string;
  description: string;
  service: string;
  accountId: string;
  /** Narrows the trust further to calls made for this ARN pattern (ArnLike aws:SourceArn). */
  sourceArn?: string;
}

export function serviceRole(scope: TerraformStack, id: string, args: ServiceRoleArgs): IamRole {
  const conditions: ConditionBlock = { StringEquals: { "aws:SourceAccount": args.accountId } };
  if (args.sourceArn) conditions.ArnLike = { "aws:SourceArn": args.sourceArn };
  return new IamRole(scope, id, {
    name: args.name,
    description: args.description,
    assumeRolePolicy: renderTrustPolicy({ service: args.service, conditions }),
  });
}

/** The role's one inline policy (no managed policies: every action is listed and scoped). */
export function inlinePolicy(scope: TerraformStack, id: string, role: IamRole, name: string, statements: readonly PolicyStatement[]): IamRolePolicy {
  return new IamRolePolicy(scope, id, { name, role: role.id, policy: renderPolicy(statements) });
}
