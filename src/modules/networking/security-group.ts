// Security groups and their rules, one rule resource per permission, each with a description.
import { SecurityGroup } from "../../../providers/aws/security-group.js";
import { VpcSecurityGroupEgressRule } from "../../../providers/aws/vpc-security-group-egress-rule.js";
import { VpcSecurityGroupIngressRule } from "../../../providers/aws/vpc-security-group-ingress-rule.js";
import { TerraformIterator, type TerraformStack } from "../../../providers/cdktf.js";

/** AWS allows 255 characters; Terraform's unique suffix after a `name_prefix` takes 26. */
const SECURITY_GROUP_NAME_LIMIT = 255;
const NAME_PREFIX_SUFFIX = 26;
/** Longest `name` the module takes: with its hyphen and Terraform's suffix, the 255 AWS allows. */
export const SECURITY_GROUP_NAME_ROOM = SECURITY_GROUP_NAME_LIMIT - NAME_PREFIX_SUFFIX - 1;

/**
 * A group named `<name>-<Terraform's unique suffix>`. Names are unique per VPC: a fixed name would
 * make every replacement (a new description, for one) fail, since the new group is created beside
 * the old one.
 */
export function securityGroup(scope: TerraformStack, id: string, args: { name: string; description: string; vpcId: string }): SecurityGroup {
  if (args.name.length > SECURITY_GROUP_NAME_ROOM) throw new Error(`security group name ${args.name} is longer than ${SECURITY_GROUP_NAME_ROOM} characters`);
  return new SecurityGroup(scope, id, {
    namePrefix: `${args.name}-`,
    description: args.description,
    vpcId: args.vpcId,
    // Rules are separate resources; without this, a replacement could not detach the old group.
    lifecycle: { createBeforeDestroy: true },
  });
}

interface PortRule {
  port: number;
  description: string;
}

/** Admits TCP on `port` from another security group. */
export function ingressFromGroup(scope: TerraformStack, id: string, group: SecurityGroup, source: SecurityGroup, rule: PortRule) {
  return new VpcSecurityGroupIngressRule(scope, id, {
    securityGroupId: group.id,
    referencedSecurityGroupId: source.id,
    ipProtocol: "tcp",
    fromPort: rule.port,
    toPort: rule.port,
    description: rule.description,
  });
}

/** Admits TCP on `port` from each group of a list known only at plan time (one rule per group). */
export function ingressFromEachGroup(scope: TerraformStack, id: string, group: SecurityGroup, sourceGroupIds: string[], rule: PortRule) {
  const each = TerraformIterator.fromList(sourceGroupIds);
  return new VpcSecurityGroupIngressRule(scope, id, {
    forEach: each,
    securityGroupId: group.id,
    referencedSecurityGroupId: each.value,
    ipProtocol: "tcp",
    fromPort: rule.port,
    toPort: rule.port,
    description: rule.description,
  });
}

/** Allows TCP on `port` to another security group. */
export function egressToGroup(scope: TerraformStack, id: string, group: SecurityGroup, target: SecurityGroup, rule: PortRule) {
  return new VpcSecurityGroupEgressRule(scope, id, {
    securityGroupId: group.id,
    referencedSecurityGroupId: target.id,
    ipProtocol: "tcp",
    fromPort: rule.port,
    toPort: rule.port,
    description: rule.description,
  });
}

/** Allows TCP on `port` to any IPv4 address (used for HTTPS to AWS APIs and the internet). */
export function egressToAnywhere(scope: TerraformStack, id: string, group: SecurityGroup, rule: PortRule) {
  return new VpcSecurityGroupEgressRule(scope, id, {
    securityGroupId: group.id,
    cidrIpv4: "0.0.0.0/0",
    ipProtocol: "tcp",
    fromPort: rule.port,
    toPort: rule.port,
    description: rule.description,
  });
}
