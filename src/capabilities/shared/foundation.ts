// The derived Foundation step: the stack's security groups and IAM roles, from what the declared
// sections' definitions ask for (the engine collects it into ctx.foundationNeeds). Later phases add
// grants; policies are rendered last.
import type { CapabilityContext } from "./context.js";
import { StackRoles } from "./roles.js";
import { StackSecurityGroups } from "./security-groups.js";

declare module "./context.js" {
  interface ContextValues {
    "foundation.roles": StackRoles;
    "foundation.securityGroups": StackSecurityGroups;
  }
}

export function provision(ctx: CapabilityContext): void {
  const { securityGroups, roles: roleNeeds } = ctx.foundationNeeds;
  ctx.set("foundation.securityGroups", new StackSecurityGroups(ctx, securityGroups));
  const roles = new StackRoles(ctx);
  for (const need of roleNeeds) roles.define(need);
  ctx.set("foundation.roles", roles);
  ctx.onFinalize(() => roles.render());
}
