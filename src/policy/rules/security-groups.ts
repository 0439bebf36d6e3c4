// Security groups: every group and rule says what it is for, nothing is reachable from the whole
// internet, and traffic out to the whole internet is HTTPS only. Rules may be inline blocks of
// aws_security_group, aws_security_group_rule, or aws_vpc_security_group_{ingress,egress}_rule.
import type { PolicyElement } from "../element.js";
import { asList, asNumber, type Attributes } from "../values.js";
import type { PolicyRule } from "../rule.js";

const HTTPS = 443;
const ANYWHERE = new Set(["0.0.0.0/0", "::/0"]);
/** The provider's default description, which describes nothing. */
const DEFAULT_DESCRIPTION = "Managed by Terraform";

interface Permission {
  direction: "ingress" | "egress";
  /** Where the rule is, for messages: `ingress[0]`, or empty for a rule resource. */
  where: string;
  description: unknown;
  cidrs: string[];
  protocol: string;
  fromPort: number | undefined;
  toPort: number | undefined;
}

const stringsOf = (value: unknown) => asList(value).filter((item): item is string => typeof item === "string");

/** The permissions an element grants, whatever resource style declares them. */
function permissionsOf(element: PolicyElement): Permission[] {
  const fromAttributes = (direction: Permission["direction"], where: string, rule: Attributes): Permission => ({
    direction,
    where,
    description: rule.description,
    cidrs: [...stringsOf(rule.cidr_blocks), ...stringsOf(rule.ipv6_cidr_blocks), ...stringsOf(rule.cidr_ipv4), ...stringsOf(rule.cidr_ipv6)],
    protocol: String(rule.protocol ?? rule.ip_protocol ?? "").toLowerCase(),
    fromPort: asNumber(rule.from_port),
    toPort: asNumber(rule.to_port),
  });
  switch (element.type) {
    case "aws_security_group":
      return (["ingress", "egress"] as const).flatMap((direction) =>
        element.blocks(direction).map((rule, index) => fromAttributes(direction, `${direction}[${index}] `, rule)),
      );
    case "aws_security_group_rule": {
      const direction = element.string("type") === "egress" ? "egress" : "ingress";
      return [fromAttributes(direction, "", attributesOf(element, ["description", "cidr_blocks", "ipv6_cidr_blocks", "protocol", "from_port", "to_port"]))];
    }
    case "aws_vpc_security_group_ingress_rule":
    case "aws_vpc_security_group_egress_rule":
      return [
        fromAttributes(
          element.type.includes("ingress") ? "ingress" : "egress",
          "",
          attributesOf(element, ["description", "cidr_ipv4", "cidr_ipv6", "ip_protocol", "from_port", "to_port"]),
        ),
      ];
    default:
      return [];
  }
}

function attributesOf(element: PolicyElement, names: string[]): Attributes {
  return Object.fromEntries(names.map((name) => [name, element.attr(name)]));
}

const isAllProtocols = (protocol: string) => protocol === "-1" || protocol === "all";
const isTcp = (protocol: string) => protocol === "tcp" || protocol === "6";
const describes = (description: unknown) => typeof description === "string" && description.trim() !== "" && description !== DEFAULT_DESCRIPTION;

const RULE_TYPES = ["aws_security_group", "aws_security_group_rule", "aws_vpc_security_group_ingress_rule", "aws_vpc_security_group_egress_rule"];

export const SECURITY_GROUP_RULES: readonly PolicyRule[] = [
  {
    id: "PLT-SG-001",
    title: "Security groups have a description.",
    severity: "error",
    appliesTo: ["aws_security_group"],
    equivalents: { checkov: ["CKV_AWS_23"], trivy: ["AVD-AWS-0099"] },
    exceptable: false,
    check: (group) => (describes(group.attr("description")) ? [] : ["the security group has no description of its own"]),
  },
  {
    id: "PLT-SG-002",
    title: "Security group rules have a description.",
    severity: "error",
    appliesTo: RULE_TYPES,
    equivalents: { checkov: ["CKV_AWS_23"], trivy: ["AVD-AWS-0124"] },
    exceptable: false,
    check: (element) =>
      permissionsOf(element)
        .filter((permission) => !describes(permission.description))
        .map((permission) => `${permission.where}${permission.direction} rule has no description`),
  },
  {
    id: "PLT-SG-003",
    title: "No security group admits traffic from 0.0.0.0/0 or ::/0.",
    severity: "error",
    appliesTo: RULE_TYPES,
    equivalents: { checkov: ["CKV_AWS_24", "CKV_AWS_25", "CKV_AWS_260", "CKV_AWS_277"], trivy: ["AVD-AWS-0107"] },
    exceptable: false,
    check: (element) =>
      permissionsOf(element)
        .filter((permission) => permission.direction === "ingress")
        .flatMap((permission) =>
          permission.cidrs.filter((cidr) => ANYWHERE.has(cidr)).map((cidr) => `${permission.where}ingress rule admits ${cidr}; admit the security groups that need access instead`),
        ),
  },
  {
    id: "PLT-SG-004",
    title: "Egress to 0.0.0.0/0 or ::/0 is TCP 443 (HTTPS) only.",
    severity: "error",
    appliesTo: RULE_TYPES,
    equivalents: { checkov: ["CKV_AWS_382"], trivy: ["AVD-AWS-0104"] },
    exceptable: true,
    check: (element) =>
      permissionsOf(element)
        .filter((permission) => permission.direction === "egress" && permission.cidrs.some((cidr) => ANYWHERE.has(cidr)))
        .filter((permission) => isAllProtocols(permission.protocol) || !isTcp(permission.protocol) || permission.fromPort !== HTTPS || permission.toPort !== HTTPS)
        .map((permission) => {
          const ports = isAllProtocols(permission.protocol) ? "all traffic" : `${permission.protocol} ${permission.fromPort}-${permission.toPort}`;
          return `${permission.where}egress rule allows ${ports} to anywhere; only TCP ${HTTPS} may leave for the internet`;
        }),
  },
];
