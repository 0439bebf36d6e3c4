// The flat stack's network topology: one security group per role. Data services admit only the
// stack's client groups on their port; compute admits only the shared ALB's groups on the container
// port; clients may reach the data services and HTTPS, nothing else.
import type { SecurityGroup } from "../../../providers/aws/security-group.js";
import type { CapabilityContext } from "./context.js";
import type { SecurityGroupNeed, SecurityGroupRole } from "./needs.js";
import { egressToAnywhere, egressToGroup, ingressFromEachGroup, ingressFromGroup, securityGroup } from "../../modules/networking/security-group.js";

/** HTTPS: how workloads reach ECR, CloudWatch Logs, SSM, Secrets Manager and outside APIs. */
export const HTTPS_PORT = 443;

const ROLE_PURPOSE: Record<SecurityGroupRole, string> = {
  compute: "ECS tasks",
  lambda: "Lambda functions",
  storage: "EFS mount targets",
  cache: "ElastiCache Redis",
  database: "RDS PostgreSQL",
};

/** Merges the needs of several sections that share a role (e.g. lambda and the webhook gateway). */
export function mergeNeeds(needs: readonly SecurityGroupNeed[]): SecurityGroupNeed[] {
  const byRole = new Map<SecurityGroupRole, SecurityGroupNeed>();
  for (const need of needs) {
    const seen = byRole.get(need.role);
    if (!seen) byRole.set(need.role, { ...need });
    else {
      seen.client ||= need.client;
      if (need.ingress && seen.ingress && need.ingress.port !== seen.ingress.port) {
        throw new Error(`security group ${need.role} is asked for two ingress ports (${seen.ingress.port}, ${need.ingress.port})`);
      }
      seen.ingress ??= need.ingress;
    }
  }
  return [...byRole.values()];
}

export class StackSecurityGroups {
  private readonly groups = new Map<SecurityGroupRole, SecurityGroup>();

  constructor(ctx: CapabilityContext, needs: readonly SecurityGroupNeed[]) {
    const { scope, infra, serviceName } = ctx;
    const merged = mergeNeeds(needs);
    for (const need of merged) {
      this.groups.set(
        need.role,
        securityGroup(scope, `${need.role}_security_group`, {
          name: ctx.name("securityGroup", need.role),
          description: `${ROLE_PURPOSE[need.role]} of ${serviceName}`,
          vpcId: infra.vpcId,
        }),
      );
    }
    const clients = merged.filter((need) => need.client);
    const servers = merged.filter((need) => need.ingress?.from === "stack-clients");

    for (const need of merged) {
      const group = this.get(need.role);
      if (need.ingress?.from === "shared-alb") {
        ingressFromEachGroup(scope, `${need.role}_ingress_from_alb`, group, infra.alb.securityGroups, {
          port: need.ingress.port,
          description: `${need.ingress.what} from the shared load balancer`,
        });
      }
    }
    for (const server of servers) {
      for (const client of clients) {
        if (client.role === server.role) continue;
        const port = server.ingress!.port;
        ingressFromGroup(scope, `${server.role}_ingress_from_${client.role}`, this.get(server.role), this.get(client.role), {
          port,
          description: `${server.ingress!.what} from the ${ROLE_PURPOSE[client.role]}`,
        });
        egressToGroup(scope, `${client.role}_egress_to_${server.role}`, this.get(client.role), this.get(server.role), {
          port,
          description: `${ROLE_PURPOSE[server.role]} (${server.ingress!.what})`,
        });
      }
    }
    for (const client of clients) {
      egressToAnywhere(scope, `${client.role}_egress_https`, this.get(client.role), {
        port: HTTPS_PORT,
        description: "HTTPS to AWS APIs (ECR, logs, SSM, Secrets Manager) and external services",
      });
    }
  }

  has(role: SecurityGroupRole): boolean {
    return this.groups.has(role);
  }

  get(role: SecurityGroupRole): SecurityGroup {
    const group = this.groups.get(role);
    if (!group) throw new Error(`no ${role} security group in this stack`);
    return group;
  }
}
