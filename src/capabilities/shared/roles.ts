// The stack's IAM roles: created in the Foundation phase from what each declared section's definition
// asks for; later phases add grants, and one inline policy per role is rendered at the end.
import type { IamRole } from "../../../providers/aws/iam-role.js";
import { dependable, type TerraformResource } from "../../../providers/cdktf.js";
import type { CapabilityContext } from "./context.js";
import type { RoleAudience, RoleKey, RoleNeed } from "./needs.js";
import { inlinePolicy, serviceRole } from "../../modules/iam/service-role.js";
import type { PolicyStatement } from "../../modules/iam/policy-document.js";

/** `compute.taskExecution` -> `compute_task_execution`. */
export const roleLogicalId = (key: RoleKey) => key.replace(/([a-z0-9])([A-Z])/g, "$1_$2").replace(/[.-]/g, "_").toLowerCase();

interface StackRole {
  need: RoleNeed;
  role: IamRole;
  statements: PolicyStatement[];
  /** Resources that may be created only once the role's policy exists. */
  dependents: TerraformResource[];
}

export class StackRoles {
  private readonly roles = new Map<RoleKey, StackRole>();

  constructor(private readonly ctx: CapabilityContext) {}

  define(need: RoleNeed): IamRole {
    if (this.roles.has(need.key)) throw new Error(`role ${need.key} is defined twice`);
    const { infra } = this.ctx;
    const role = serviceRole(this.ctx.scope, `${roleLogicalId(need.key)}_role`, {
      name: this.ctx.name("iamRole", need.nameSuffix),
      description: need.description,
      service: need.service,
      accountId: infra.accountId,
      ...(need.sourceArn ? { sourceArn: infra.arn(need.sourceArn.service, need.sourceArn.resource) } : {}),
    });
    this.roles.set(need.key, { need, role, statements: [], dependents: [] });
    return role;
  }

  /** The role with this key; throws when no declared section asked for it. */
  role(key: RoleKey): IamRole {
    const entry = this.roles.get(key);
    if (!entry) throw new Error(`no role "${key}" in this stack`);
    return entry.role;
  }

  has(key: RoleKey): boolean {
    return this.roles.has(key);
  }

  /** Keys of the roles for an audience, in definition order. */
  keysFor(audience: RoleAudience): RoleKey[] {
    return [...this.roles.values()].filter((entry) => entry.need.audience === audience).map((entry) => entry.need.key);
  }

  /** Adds a statement to one role's policy. Statement ids must be unique per role. */
  grant(key: RoleKey, statement: PolicyStatement): void {
    const entry = this.roles.get(key);
    if (!entry) throw new Error(`no role "${key}" in this stack`);
    if (entry.statements.some((existing) => existing.sid === statement.sid)) throw new Error(`role ${key} already has a statement ${statement.sid}`);
    entry.statements.push(statement);
  }

  /** Adds a statement to every role of an audience (e.g. each function's role). */
  grantTo(audience: RoleAudience, statement: PolicyStatement): void {
    for (const key of this.keysFor(audience)) this.grant(key, statement);
  }

  /**
   * Makes `dependent` wait for the role's inline policy, rendered only at the end. Needed where AWS
   * checks the role's permissions at creation (a Lambda function in a VPC needs its ENI actions).
   */
  dependOnPolicy(key: RoleKey, dependent: TerraformResource): void {
    const entry = this.roles.get(key);
    if (!entry) throw new Error(`no role "${key}" in this stack`);
    entry.dependents.push(dependent);
  }

  /** Renders each role's inline policy; roles without statements get none. */
  render(): void {
    for (const { need, role, statements, dependents } of this.roles.values()) {
      if (statements.length === 0) continue;
      const policy = inlinePolicy(this.ctx.scope, `${roleLogicalId(need.key)}_policy`, role, need.nameSuffix, statements);
      for (const dependent of dependents) dependent.dependsOn = [...(dependent.dependsOn ?? []), dependable(policy)];
    }
  }
}
