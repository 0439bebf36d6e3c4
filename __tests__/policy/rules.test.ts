import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AwsProvider } from "../../providers/aws/provider.js";
import { IamRolePolicyAttachment } from "../../providers/aws/iam-role-policy-attachment.js";
import { LambdaFunctionUrl } from "../../providers/aws/lambda-function-url.js";
import { LambdaPermission } from "../../providers/aws/lambda-permission.js";
import { SecretsmanagerSecretVersion } from "../../providers/aws/secretsmanager-secret-version.js";
import { SecurityGroup } from "../../providers/aws/security-group.js";
import { SecurityGroupRule } from "../../providers/aws/security-group-rule.js";
import { SsmParameter } from "../../providers/aws/ssm-parameter.js";
import { VpcSecurityGroupEgressRule } from "../../providers/aws/vpc-security-group-egress-rule.js";
import { VpcSecurityGroupIngressRule } from "../../providers/aws/vpc-security-group-ingress-rule.js";
import { TerraformResource, type TerraformStack } from "../../providers/cdktf.js";
import { CloudflareProvider } from "../../providers/cloudflare/provider.js";
import { POLICY_RULES } from "../../src/engine/policy-rules.js";
import { CAPABILITY_LIST } from "../../src/engine/registry.js";
import { ROOT } from "../helpers/spec.js";
import {
  cache,
  cluster,
  database,
  fileSystem,
  findingsOf,
  idsOf,
  lambdaFunction,
  logGroup,
  parameterGroup,
  policy,
  repository,
  role,
  rolePolicy,
  service,
  STACK,
  taskDefinition,
  trustPolicy,
} from "./helpers.js";

const ingress = (stack: TerraformStack, rule: Record<string, unknown>) =>
  new VpcSecurityGroupIngressRule(stack, "ingress", { securityGroupId: "sg-1", ipProtocol: "tcp", fromPort: 8080, toPort: 8080, description: "app port", ...rule });
const egress = (stack: TerraformStack, rule: Record<string, unknown>) =>
  new VpcSecurityGroupEgressRule(stack, "egress", { securityGroupId: "sg-1", ipProtocol: "tcp", fromPort: 443, toPort: 443, description: "HTTPS out", ...rule });
const permission = (stack: TerraformStack, config: Record<string, unknown>) =>
  new LambdaPermission(stack, "permission", { functionName: "svc-worker", action: "lambda:InvokeFunction", principal: "*", ...config });

/** One secure resource of each kind the rules read, and the tricky-but-fine values around them. */
function compliantStack(stack: TerraformStack): void {
  fileSystem(stack);
  cache(stack);
  database(stack);
  parameterGroup(stack);
  repository(stack);
  logGroup(stack, 30);
  cluster(stack);
  service(stack);
  taskDefinition(
    stack,
    { volume: [{ name: "efs", efsVolumeConfiguration: { fileSystemId: "fs-1", transitEncryption: "ENABLED" } }] },
    {
      environment: {
        TOKEN_TTL: "3600",
        SECRET_ARN: "arn:aws:secretsmanager:us-east-1:123456789012:secret:svc-db",
        DATABASE_URL: "postgres://app@${aws_db_instance.database.address}:5432/app",
        LOG_LEVEL: "debug",
      },
    },
  );
  role(stack);
  rolePolicy(
    stack,
    policy(
      { Sid: "EcrAuthorizationTokenHasNoResourceScope", Action: "ecr:GetAuthorizationToken", Resource: "*" },
      { Sid: "PullImage", Action: ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"], Resource: "${aws_ecr_repository.repository.arn}" },
    ),
  );
  lambdaFunction(stack);
  new LambdaFunctionUrl(stack, "url", { functionName: "svc-worker", authorizationType: "AWS_IAM" });
  permission(stack, { principal: "events.amazonaws.com", sourceArn: "${aws_cloudwatch_event_rule.tick.arn}" });
  new SecurityGroup(stack, "group", { name: "svc", description: "ECS tasks of svc", vpcId: "vpc-1" });
  ingress(stack, { referencedSecurityGroupId: "sg-alb" });
  egress(stack, { cidrIpv4: "0.0.0.0/0" });
  new CloudflareProvider(stack, "cloudflare", { apiToken: "${ephemeral.aws_ssm_parameter.cloudflare_api_token.value}" });
}

interface Case {
  rule: string;
  breaks: string;
  /** Logical id of the construct the finding is on. */
  at: string;
  build: (stack: TerraformStack) => void;
  /** Other rules the same mistake also breaks. */
  also?: string[];
}

const CASES: Case[] = [
  { rule: "PLT-ENC-001", breaks: "an unencrypted EFS file system", at: "storage", build: (s) => fileSystem(s, false) },
  {
    rule: "PLT-ENC-002",
    breaks: "an EFS volume mounted without transit encryption",
    at: "task",
    build: (s) => taskDefinition(s, { volume: [{ name: "efs", efsVolumeConfiguration: { fileSystemId: "fs-1", transitEncryption: "DISABLED" } }] }),
  },
  { rule: "PLT-ENC-003", breaks: "Redis without at-rest encryption", at: "cache", build: (s) => cache(s, { atRestEncryptionEnabled: "false" }) },
  { rule: "PLT-ENC-004", breaks: "Redis without transit encryption", at: "cache", build: (s) => cache(s, { transitEncryptionEnabled: false }) },
  { rule: "PLT-ENC-004", breaks: "Redis in transit mode preferred", at: "cache", build: (s) => cache(s, { transitEncryptionMode: "preferred" }) },
  { rule: "PLT-ENC-005", breaks: "RDS with unencrypted storage", at: "database", build: (s) => database(s, { storageEncrypted: false }) },
  { rule: "PLT-ENC-006", breaks: "PostgreSQL on the default parameter group", at: "database", build: (s) => database(s, { parameterGroupName: undefined }) },
  { rule: "PLT-ENC-006", breaks: "a PostgreSQL parameter group without rds.force_ssl", at: "parameters", build: (s) => parameterGroup(s, { parameter: [] }) },
  { rule: "PLT-RDS-001", breaks: "a master password RDS does not manage", at: "database", build: (s) => database(s, { manageMasterUserPassword: false }) },
  { rule: "PLT-RDS-002", breaks: "a publicly accessible instance", at: "database", build: (s) => database(s, { publiclyAccessible: true }) },
  { rule: "PLT-RDS-003", breaks: "no deletion protection", at: "database", build: (s) => database(s, { deletionProtection: false }) },
  { rule: "PLT-RDS-004", breaks: "skipping the final snapshot", at: "database", build: (s) => database(s, { skipFinalSnapshot: true }) },
  { rule: "PLT-RDS-004", breaks: "no final snapshot identifier", at: "database", build: (s) => database(s, { finalSnapshotIdentifier: undefined }) },
  { rule: "PLT-RDS-004", breaks: "a fixed final snapshot identifier", at: "database", build: (s) => database(s, { finalSnapshotIdentifier: "svc-final" }) },
  { rule: "PLT-RDS-005", breaks: "automated backups off", at: "database", build: (s) => database(s, { backupRetentionPeriod: 0 }) },
  { rule: "PLT-RDS-006", breaks: "IAM authentication off", at: "database", build: (s) => database(s, { iamDatabaseAuthenticationEnabled: false }) },
  { rule: "PLT-RDS-007", breaks: "Performance Insights off", at: "database", build: (s) => database(s, { performanceInsightsEnabled: false }) },
  { rule: "PLT-RDS-008", breaks: "no log exports", at: "database", build: (s) => database(s, { enabledCloudwatchLogsExports: [] }) },
  { rule: "PLT-ECR-001", breaks: "no scan on push", at: "repository", build: (s) => repository(s, { imageScanningConfiguration: { scanOnPush: false } }) },
  { rule: "PLT-ECR-002", breaks: "mutable tags", at: "repository", build: (s) => repository(s, { imageTagMutability: "MUTABLE" }) },
  { rule: "PLT-LOG-001", breaks: "a log group without retention", at: "logs", build: (s) => logGroup(s) },
  { rule: "PLT-LOG-001", breaks: "a log group that never expires", at: "logs", build: (s) => logGroup(s, 0) },
  { rule: "PLT-ECS-001", breaks: "a cluster without Container Insights", at: "cluster", build: (s) => cluster(s, { setting: [{ name: "containerInsights", value: "disabled" }] }) },
  {
    rule: "PLT-ECS-002",
    breaks: "a service assigning public IPs",
    at: "service",
    build: (s) => service(s, { networkConfiguration: { subnets: ["subnet-1"], securityGroups: ["sg-1"], assignPublicIp: true } }),
  },
  { rule: "PLT-ECS-003", breaks: "a privileged container", at: "task", build: (s) => taskDefinition(s, {}, { container: { privileged: true } }) },
  { rule: "PLT-ECS-003", breaks: "the host's process namespace", at: "task", build: (s) => taskDefinition(s, { pidMode: "host" }) },
  { rule: "PLT-ECS-004", breaks: "one role for execution and task", at: "task", build: (s) => taskDefinition(s, { taskRoleArn: "${aws_iam_role.execution.arn}" }) },
  { rule: "PLT-LMB-001", breaks: "a function without active tracing", at: "function", build: (s) => lambdaFunction(s, { tracingConfig: { mode: "PassThrough" } }) },
  { rule: "PLT-LMB-002", breaks: "a function outside the VPC", at: "function", build: (s) => lambdaFunction(s, { vpcConfig: undefined }) },
  {
    rule: "PLT-LMB-003",
    breaks: "a public Function URL",
    at: "url",
    build: (s) => new LambdaFunctionUrl(s, "url", { functionName: "svc-worker", authorizationType: "NONE" }),
  },
  { rule: "PLT-LMB-004", breaks: "a bare public InvokeFunction", at: "permission", build: (s) => permission(s, {}), also: ["PLT-LMB-005"] },
  {
    rule: "PLT-LMB-004",
    breaks: "a public InvokeFunctionUrl without an auth type",
    at: "permission",
    build: (s) => permission(s, { action: "lambda:InvokeFunctionUrl" }),
    also: ["PLT-LMB-005"],
  },
  { rule: "PLT-LMB-004", breaks: "a service principal for any account", at: "permission", build: (s) => permission(s, { principal: "events.amazonaws.com" }) },
  {
    rule: "PLT-LMB-005",
    breaks: "a public InvokeFunctionUrl",
    at: "permission",
    build: (s) => permission(s, { action: "lambda:InvokeFunctionUrl", functionUrlAuthType: "NONE" }),
  },
  {
    rule: "PLT-LMB-005",
    breaks: "a public InvokeFunction through the URL (set by override, as the 6.25 bindings lack it)",
    at: "permission",
    build: (s) => permission(s, {}).addOverride("invoked_via_function_url", true),
  },
  { rule: "PLT-SG-001", breaks: "a group without a description", at: "group", build: (s) => new SecurityGroup(s, "group", { name: "svc", vpcId: "vpc-1" }) },
  {
    rule: "PLT-SG-001",
    breaks: "a group with the provider's default description",
    at: "group",
    build: (s) => new SecurityGroup(s, "group", { name: "svc", description: "Managed by Terraform", vpcId: "vpc-1" }),
  },
  { rule: "PLT-SG-002", breaks: "an ingress rule without a description", at: "ingress", build: (s) => ingress(s, { referencedSecurityGroupId: "sg-alb", description: undefined }) },
  {
    rule: "PLT-SG-002",
    breaks: "an inline rule without a description",
    at: "group",
    build: (s) =>
      new SecurityGroup(s, "group", {
        name: "svc",
        description: "ECS tasks of svc",
        egress: [{ protocol: "tcp", fromPort: 5432, toPort: 5432, securityGroups: ["sg-db"] }],
      }),
  },
  {
    rule: "PLT-SG-002",
    breaks: "an aws_security_group_rule without a description",
    at: "legacy_rule",
    build: (s) => new SecurityGroupRule(s, "legacy_rule", { type: "ingress", securityGroupId: "sg-1", sourceSecurityGroupId: "sg-2", protocol: "tcp", fromPort: 80, toPort: 80 }),
  },
  { rule: "PLT-SG-003", breaks: "ingress from 0.0.0.0/0", at: "ingress", build: (s) => ingress(s, { cidrIpv4: "0.0.0.0/0" }) },
  { rule: "PLT-SG-003", breaks: "ingress from ::/0", at: "ingress", build: (s) => ingress(s, { cidrIpv6: "::/0" }) },
  {
    rule: "PLT-SG-003",
    breaks: "inline ingress from 0.0.0.0/0",
    at: "group",
    build: (s) =>
      new SecurityGroup(s, "group", {
        name: "svc",
        description: "ECS tasks of svc",
        ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"], description: "ssh" }],
      }),
  },
  {
    rule: "PLT-SG-003",
    breaks: "an aws_security_group_rule from 0.0.0.0/0",
    at: "legacy_rule",
    build: (s) =>
      new SecurityGroupRule(s, "legacy_rule", { type: "ingress", securityGroupId: "sg-1", cidrBlocks: ["0.0.0.0/0"], protocol: "tcp", fromPort: 80, toPort: 80, description: "web" }),
  },
  { rule: "PLT-SG-004", breaks: "all traffic out to anywhere", at: "egress", build: (s) => egress(s, { cidrIpv4: "0.0.0.0/0", ipProtocol: "-1", fromPort: undefined, toPort: undefined }) },
  { rule: "PLT-SG-004", breaks: "HTTP out to anywhere", at: "egress", build: (s) => egress(s, { cidrIpv4: "0.0.0.0/0", fromPort: 80, toPort: 80 }) },
  { rule: "PLT-SG-004", breaks: "UDP 443 out to ::/0", at: "egress", build: (s) => egress(s, { cidrIpv6: "::/0", ipProtocol: "udp" }) },
  { rule: "PLT-IAM-001", breaks: "a service wildcard action", at: "role_policy", build: (s) => rolePolicy(s, policy({ Sid: "Read", Action: "s3:*", Resource: "arn:aws:s3:::bucket/*" })) },
  { rule: "PLT-IAM-001", breaks: "a prefix wildcard action", at: "role_policy", build: (s) => rolePolicy(s, policy({ Sid: "Read", Action: ["s3:Get*"], Resource: "arn:aws:s3:::bucket/*" })) },
  { rule: "PLT-IAM-001", breaks: "NotAction", at: "role_policy", build: (s) => rolePolicy(s, policy({ Sid: "Most", NotAction: "iam:*", Resource: "arn:aws:s3:::bucket/*" })) },
  {
    rule: "PLT-IAM-001",
    breaks: "a wildcard in a role's inline policy",
    at: "role",
    build: (s) => role(s, { inlinePolicy: [{ name: "everything", policy: policy({ Sid: "All", Action: "*", Resource: "*" }) }] }),
  },
  { rule: "PLT-IAM-001", breaks: "a policy built by a Terraform function", at: "role_policy", build: (s) => rolePolicy(s, "${jsonencode(local.policy)}") },
  {
    rule: "PLT-IAM-002",
    breaks: "a scopable action on Resource *",
    at: "role_policy",
    build: (s) => rolePolicy(s, policy({ Sid: "ReadObjects", Action: "s3:GetObject", Resource: "*" })),
  },
  {
    rule: "PLT-IAM-002",
    breaks: "Resource * without a Sid saying why",
    at: "role_policy",
    build: (s) => rolePolicy(s, policy({ Action: "ecr:GetAuthorizationToken", Resource: "*" })),
  },
  { rule: "PLT-IAM-002", breaks: "NotResource", at: "role_policy", build: (s) => rolePolicy(s, policy({ Sid: "Read", Action: "s3:GetObject", NotResource: "arn:aws:s3:::x" })) },
  { rule: "PLT-IAM-003", breaks: "a service trust without aws:SourceAccount", at: "role", build: (s) => role(s, { assumeRolePolicy: trustPolicy({ Condition: undefined }) }) },
  { rule: "PLT-IAM-003", breaks: "a trust anyone may use", at: "role", build: (s) => role(s, { assumeRolePolicy: policy({ Principal: "*", Action: "sts:AssumeRole" }) }) },
  { rule: "PLT-IAM-003", breaks: "a trust any AWS principal may use", at: "role", build: (s) => role(s, { assumeRolePolicy: policy({ Principal: { AWS: "*" }, Action: "sts:AssumeRole" }) }) },
  {
    rule: "PLT-IAM-004",
    breaks: "an attached AWS-managed policy",
    at: "attachment",
    build: (s) => new IamRolePolicyAttachment(s, "attachment", { role: "svc-task", policyArn: "arn:aws:iam::aws:policy/AdministratorAccess" }),
  },
  { rule: "PLT-IAM-004", breaks: "a role's AWS-managed policy", at: "role", build: (s) => role(s, { managedPolicyArns: ["arn:aws:iam::aws:policy/AmazonS3FullAccess"] }) },
  {
    rule: "PLT-SEC-001",
    breaks: "an AWS access key in a container's environment",
    at: "task",
    build: (s) => taskDefinition(s, {}, { environment: { UPSTREAM: "AKIAIOSFODNN7EXAMPLE" } }),
  },
  { rule: "PLT-SEC-001", breaks: "a literal password in a container's environment", at: "task", build: (s) => taskDefinition(s, {}, { environment: { DB_PASSWORD: "hunter2hunter2" } }) },
  {
    rule: "PLT-SEC-001",
    breaks: "a GitHub token in a function's environment",
    at: "function",
    build: (s) => lambdaFunction(s, { environment: { variables: { CI_AUTH: "ghp_0123456789abcdefghijABCDEFGHIJ012345" } } }),
  },
  {
    rule: "PLT-SEC-001",
    breaks: "a URL with a password in a function's environment",
    at: "function",
    build: (s) => lambdaFunction(s, { environment: { variables: { DATABASE_URL: "postgres://app:s3cr3t-pw@db.internal:5432/app" } } }),
  },
  {
    rule: "PLT-SEC-001",
    breaks: "a reference to a generated password in a function's environment",
    at: "function",
    build: (s) => lambdaFunction(s, { environment: { variables: { DB_PASS: "${random_password.database.result}" } } }),
  },
  {
    rule: "PLT-SEC-002",
    breaks: "literal AWS credentials in the provider",
    at: "literal",
    build: (s) => new AwsProvider(s, "literal", { region: "us-east-1", alias: "literal", accessKey: "AKIAIOSFODNN7EXAMPLE", secretKey: "wJalrXUtnFEMI/K7MDENG" }),
  },
  { rule: "PLT-SEC-002", breaks: "a literal Cloudflare token", at: "cloudflare", build: (s) => new CloudflareProvider(s, "cloudflare", { apiToken: "0123456789abcdef0123456789abcdef01234567" }) },
  { rule: "PLT-SEC-003", breaks: "a database password in state", at: "database", build: (s) => database(s, { password: "kept-in-state" }) },
  { rule: "PLT-SEC-003", breaks: "a Redis AUTH token in state", at: "cache", build: (s) => cache(s, { authToken: "${var.redis_auth_token}" }) },
  {
    rule: "PLT-SEC-003",
    breaks: "an SSM parameter created with its value",
    at: "parameter",
    build: (s) => new SsmParameter(s, "parameter", { name: "/svc/API_KEY", type: "SecureString", value: "${var.api_key}" }),
  },
  {
    rule: "PLT-SEC-003",
    breaks: "a Secrets Manager value in state",
    at: "secret_value",
    build: (s) => new SecretsmanagerSecretVersion(s, "secret_value", { secretId: "svc", secretString: "${var.secret}" }),
  },
  {
    rule: "PLT-SEC-003",
    breaks: "an IAM access key (a resource type the engine has no binding for)",
    at: "key",
    build: (s) => new TerraformResource(s, "key", { terraformResourceType: "aws_iam_access_key" }).addOverride("user", "deployer"),
  },
];

describe("policy rules", () => {
  it("a stack of compliant resources has no findings", () => {
    expect(idsOf(findingsOf(compliantStack))).toEqual([]);
  });

  it.each(CASES)("$rule reports $breaks", ({ rule, at, build, also = [] }) => {
    const findings = findingsOf(build);
    expect([...new Set(idsOf(findings))].sort()).toEqual([rule, ...also].map((id) => `${id} ${STACK}/${at}`).sort());
    expect(findings.every((finding) => finding.severity === "error")).toBe(true);
  });

  it("every rule has a case that breaks it: here, or for a unit's rules in the unit's test file", () => {
    const covered = new Set(CASES.map((c) => c.rule));
    // A unit tests its own rules in __tests__/capabilities/<section>.test.ts (a test whose name starts with the id).
    for (const definition of CAPABILITY_LIST) {
      const testFile = join(ROOT, "__tests__/capabilities", `${definition.section.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}.test.ts`);
      const text = existsSync(testFile) ? readFileSync(testFile, "utf8") : "";
      for (const rule of definition.policyRules ?? []) if (text.includes(`it("${rule.id}`)) covered.add(rule.id);
    }
    expect(POLICY_RULES.map((rule) => rule.id).filter((id) => !covered.has(id))).toEqual([]);
  });

  it("reads resources of types the engine has no binding for, overrides included", () => {
    const findings = findingsOf((s) => new TerraformResource(s, "raw_fs", { terraformResourceType: "aws_efs_file_system" }).addOverride("encrypted", false));
    expect(idsOf(findings)).toEqual([`PLT-ENC-001 ${STACK}/raw_fs`]);
  });

  it("names the resource's Terraform address and explains the violation", () => {
    const [finding] = findingsOf((s) => repository(s, { imageTagMutability: "MUTABLE" }));
    expect(finding).toMatchObject({
      ruleId: "PLT-ECR-002",
      address: "aws_ecr_repository.repository",
      message: 'image tags can be overwritten: image_tag_mutability is "MUTABLE"; required: "IMMUTABLE"',
    });
  });

  it("shows the actual value and the required one apart", () => {
    const messages = (build: Parameters<typeof findingsOf>[0]) => findingsOf(build).map((finding) => `${finding.ruleId} ${finding.message}`);
    expect(messages((s) => cache(s, { atRestEncryptionEnabled: "false" }))).toContain(
      "PLT-ENC-003 the replication group is not encrypted at rest: at_rest_encryption_enabled is false; required: true",
    );
    expect(messages((s) => logGroup(s))).toContain("PLT-LOG-001 the log group keeps logs forever: retention_in_days is not set; required: a number of days");
    expect(messages((s) => database(s, { publiclyAccessible: true }))).toContain("PLT-RDS-002 the instance has a public endpoint: publicly_accessible is true; required: false");
  });
});
