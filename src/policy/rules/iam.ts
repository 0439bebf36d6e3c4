// IAM: no wildcard actions, Resource "*" only for actions that have no resource-level permission
// (and then the statement's Sid says so), trust policies that pin the calling service to this
// account, and no AWS-managed policies.
import type { PolicyElement } from "../element.js";
import { asList, parseJson, type ParsedJson } from "../values.js";
import type { PolicyRule } from "../rule.js";
import { isUnscopedAction } from "./iam-unscoped-actions.js";

type Statement = Record<string, unknown>;

interface PolicyDocument {
  /** Where the document is, for messages: `policy`, `inline_policy "reader"`. */
  where: string;
  parsed: ParsedJson;
}

/** The identity policies an element holds. */
function identityPolicies(element: PolicyElement): PolicyDocument[] {
  if (element.type === "aws_iam_role") {
    return element.blocks("inline_policy").map((inline) => ({ where: `inline_policy "${String(inline.name)}"`, parsed: parseJson(inline.policy) }));
  }
  return [{ where: "policy", parsed: element.json("policy") }];
}

function statementsOf(document: unknown): Statement[] {
  const statement = (document as { Statement?: unknown } | null)?.Statement;
  return asList(statement).filter((item): item is Statement => typeof item === "object" && item !== null);
}

const isAllow = (statement: Statement) => statement.Effect === "Allow";
const strings = (value: unknown) => asList(value).filter((item): item is string => typeof item === "string");
const label = (statement: Statement, index: number) => (typeof statement.Sid === "string" && statement.Sid !== "" ? `statement ${statement.Sid}` : `statement ${index + 1}`);

/** Condition keys of a statement, lower-cased (IAM compares them case-insensitively). */
function conditionKeys(statement: Statement): Set<string> {
  const keys = new Set<string>();
  const condition = statement.Condition;
  if (typeof condition !== "object" || condition === null) return keys;
  for (const block of Object.values(condition)) {
    if (typeof block === "object" && block !== null) for (const key of Object.keys(block)) keys.add(key.toLowerCase());
  }
  return keys;
}

const IDENTITY_POLICY_TYPES = ["aws_iam_role_policy", "aws_iam_policy", "aws_iam_user_policy", "aws_iam_group_policy", "aws_iam_role"];
const AWS_MANAGED_POLICY = /^arn:[^:]+:iam::aws:policy\//;

export const IAM_RULES: readonly PolicyRule[] = [
  {
    id: "PLT-IAM-001",
    title: "IAM policies list their actions: no wildcard (`*`, `service:*`, `service:Get*`) and no NotAction.",
    severity: "error",
    appliesTo: IDENTITY_POLICY_TYPES,
    equivalents: { checkov: ["CKV_AWS_62", "CKV_AWS_63"], trivy: ["AVD-AWS-0057"] },
    exceptable: false,
    check: (element) =>
      identityPolicies(element).flatMap(({ where, parsed }) => {
        if (!parsed.ok) return [`${where} ${parsed.reason}`];
        return statementsOf(parsed.value).flatMap((statement, index) => {
          if (!isAllow(statement)) return [];
          const problems = strings(statement.Action)
            .filter((action) => action.includes("*"))
            .map((action) => `${where} ${label(statement, index)} allows the wildcard action "${action}"`);
          if (statement.NotAction !== undefined) problems.push(`${where} ${label(statement, index)} allows every action but those in NotAction`);
          return problems;
        });
      }),
  },
  {
    id: "PLT-IAM-002",
    title: 'IAM statements use Resource "*" only for actions that have no resource-level permission, and their Sid says so.',
    severity: "error",
    appliesTo: IDENTITY_POLICY_TYPES,
    equivalents: { checkov: ["CKV_AWS_355", "CKV_AWS_290"], trivy: ["AVD-AWS-0057"] },
    exceptable: false,
    check: (element) =>
      identityPolicies(element).flatMap(({ where, parsed }) => {
        // An unreadable document is reported once, by PLT-IAM-001.
        if (!parsed.ok) return [];
        return statementsOf(parsed.value).flatMap((statement, index) => {
          if (!isAllow(statement)) return [];
          if (statement.NotResource !== undefined) return [`${where} ${label(statement, index)} applies to every resource but those in NotResource`];
          if (!strings(statement.Resource).includes("*")) return [];
          const scopable = strings(statement.Action).filter((action) => !action.includes("*") && !isUnscopedAction(action));
          if (scopable.length > 0) {
            return [`${where} ${label(statement, index)} grants ${scopable.join(", ")} on Resource "*"; name the stack's ARNs instead`];
          }
          return typeof statement.Sid === "string" && statement.Sid !== ""
            ? []
            : [`${where} ${label(statement, index)} uses Resource "*" without a Sid saying why nothing narrower exists`];
        });
      }),
  },
  {
    id: "PLT-IAM-003",
    title: "Role trust policies let only named principals assume the role, and service principals only for this account (aws:SourceAccount).",
    severity: "error",
    appliesTo: ["aws_iam_role"],
    equivalents: { checkov: ["CKV_AWS_60", "CKV_AWS_61"], trivy: [] },
    exceptable: false,
    check: (role) => {
      const parsed = role.json("assume_role_policy");
      if (!parsed.ok) return [`assume_role_policy ${parsed.reason}`];
      return statementsOf(parsed.value).flatMap((statement, index) => {
        if (!isAllow(statement)) return [];
        const principal = statement.Principal;
        if (principal === "*" || strings((principal as Record<string, unknown> | undefined)?.AWS).includes("*")) {
          return [`assume_role_policy ${label(statement, index)} lets anyone assume the role`];
        }
        const services = strings((principal as Record<string, unknown> | undefined)?.Service);
        if (services.length === 0 || conditionKeys(statement).has("aws:sourceaccount")) return [];
        return [`assume_role_policy ${label(statement, index)} lets ${services.join(", ")} assume the role for any account (add an aws:SourceAccount condition)`];
      });
    },
  },
  {
    id: "PLT-IAM-004",
    title: "No AWS-managed policy is attached: every permission is an explicit statement of the stack.",
    severity: "error",
    appliesTo: [
      "aws_iam_role",
      "aws_iam_role_policy_attachment",
      "aws_iam_policy_attachment",
      "aws_iam_user_policy_attachment",
      "aws_iam_group_policy_attachment",
      "aws_iam_role_policy_attachments_exclusive",
    ],
    equivalents: { checkov: ["CKV_AWS_274", "CKV2_AWS_56"], trivy: [] },
    exceptable: false,
    check: (element) => {
      const arns =
        element.type === "aws_iam_role"
          ? strings(element.attr("managed_policy_arns"))
          : element.type === "aws_iam_role_policy_attachments_exclusive"
            ? strings(element.attr("policy_arns"))
            : strings(element.attr("policy_arn"));
      return arns.filter((arn) => AWS_MANAGED_POLICY.test(arn)).map((arn) => `attaches the AWS-managed policy ${arn}`);
    },
  },
];

