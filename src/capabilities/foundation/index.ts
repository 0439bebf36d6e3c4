// The derived Foundation phase: the stack's security groups and IAM roles, from what each declared
// section's registry entry asks for. Later phases add grants; policies are rendered last.
import type { CapabilityContext } from "../../engine/context.js";
import { capabilityOf, type RoleNeed, type SecurityGroupNeed } from "../../engine/registry.js";
import type { SectionConfigs, SectionName } from "../../config/platform-config.js";
import { StackRoles } from "./roles.js";
import { StackSecurityGroups } from "./security-groups.js";

declare module "../../engine/context.js" {
  interface ContextValues {
    "foundation.roles": StackRoles;
    "foundation.securityGroups": StackSecurityGroups;
  }
}

export function provision(ctx: CapabilityContext): void {
  const { config } = ctx;
  const groupNeeds: SecurityGroupNeed[] = [];
  const roleNeeds: RoleNeed[] = [];
  for (const section of config.declaredSections) {
    const definition = capabilityOf(section as SectionName);
    const sectionConfig = config.spec[section] as SectionConfigs[SectionName];
    groupNeeds.push(...(definition?.securityGroups?.(sectionConfig as never, config) ?? []));
    roleNeeds.push(...(definition?.roles?.(sectionConfig as never, config) ?? []));
  }

  ctx.set("foundation.securityGroups", new StackSecurityGroups(ctx, groupNeeds));
  const roles = new StackRoles(ctx);
  for (const need of roleNeeds) roles.define(need);
  ctx.set("foundation.roles", roles);
  ctx.onFinalize(() => roles.render());
}
