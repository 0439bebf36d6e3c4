// Small stacks for policy tests: raw provider resources (not capability modules), compliant by
// default, each of which a test breaks in exactly one way.
import { AwsProvider } from "../../providers/aws/provider.js";
import { CloudwatchLogGroup } from "../../providers/aws/cloudwatch-log-group.js";
import { DbInstance, type DbInstanceConfig } from "../../providers/aws/db-instance.js";
import { DbParameterGroup, type DbParameterGroupConfig } from "../../providers/aws/db-parameter-group.js";
import { EcrRepository, type EcrRepositoryConfig } from "../../providers/aws/ecr-repository.js";
import { EcsCluster, type EcsClusterConfig } from "../../providers/aws/ecs-cluster.js";
import { EcsService, type EcsServiceConfig } from "../../providers/aws/ecs-service.js";
import { EcsTaskDefinition, type EcsTaskDefinitionConfig } from "../../providers/aws/ecs-task-definition.js";
import { EfsFileSystem } from "../../providers/aws/efs-file-system.js";
import { ElasticacheReplicationGroup, type ElasticacheReplicationGroupConfig } from "../../providers/aws/elasticache-replication-group.js";
import { IamRole, type IamRoleConfig } from "../../providers/aws/iam-role.js";
import { IamRolePolicy } from "../../providers/aws/iam-role-policy.js";
import { LambdaFunction, type LambdaFunctionConfig } from "../../providers/aws/lambda-function.js";
import { inMemoryRoot, TerraformStack } from "../../providers/cdktf.js";
import { POLICY_RULE_INDEX } from "../../src/engine/policy-rules.js";
import { checkStackPolicies, type Finding, type PolicyRule } from "../../src/policy/index.js";

export const STACK = "policy-test";

export function newStack(): TerraformStack {
  const stack = new TerraformStack(inMemoryRoot(), STACK);
  new AwsProvider(stack, "aws", { region: "us-east-1" });
  return stack;
}

/** Builds a stack with `build` and returns its policy findings. */
export function findingsOf(build: (stack: TerraformStack) => void): Finding[] {
  const stack = newStack();
  build(stack);
  return checkStackPolicies(stack, POLICY_RULE_INDEX);
}

/** A built-in rule by id (what a unit passes to declareException). */
export function rule(id: string): PolicyRule {
  const found = POLICY_RULE_INDEX.ruleById(id);
  if (!found) throw new Error(`no policy rule ${id}`);
  return found;
}

/** `RULE-ID path` of each finding: what tests compare. */
export const idsOf = (findings: readonly Finding[]) => findings.map((finding) => `${finding.ruleId} ${finding.path}`);

/** A JSON policy document allowing each statement. */
export const policy = (...statements: Array<Record<string, unknown>>) => JSON.stringify({ Version: "2012-10-17", Statement: statements.map((s) => ({ Effect: "Allow", ...s })) });

export const ACCOUNT = "${data.aws_caller_identity.current.account_id}";

export const trustPolicy = (extra: Record<string, unknown> = {}) =>
  policy({
    Principal: { Service: "ecs-tasks.amazonaws.com" },
    Action: "sts:AssumeRole",
    Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT } },
    ...extra,
  });

// Compliant resources; `overrides` breaks one thing.

export const database = (stack: TerraformStack, overrides: Partial<DbInstanceConfig> = {}) =>
  new DbInstance(stack, "database", {
    identifier: "svc",
    engine: "postgres",
    engineVersion: "16",
    instanceClass: "db.t3.micro",
    allocatedStorage: 20,
    username: "app",
    manageMasterUserPassword: true,
    storageEncrypted: true,
    deletionProtection: true,
    finalSnapshotIdentifier: "svc-final-${random_id.final_snapshot.hex}",
    backupRetentionPeriod: 7,
    iamDatabaseAuthenticationEnabled: true,
    performanceInsightsEnabled: true,
    enabledCloudwatchLogsExports: ["postgresql", "upgrade"],
    parameterGroupName: "${aws_db_parameter_group.database.name}",
    ...overrides,
  });

export const parameterGroup = (stack: TerraformStack, overrides: Partial<DbParameterGroupConfig> = {}) =>
  new DbParameterGroup(stack, "parameters", {
    namePrefix: "svc-",
    family: "postgres16",
    parameter: [{ name: "rds.force_ssl", value: "1" }],
    ...overrides,
  });

export const cache = (stack: TerraformStack, overrides: Partial<ElasticacheReplicationGroupConfig> = {}) =>
  new ElasticacheReplicationGroup(stack, "cache", {
    replicationGroupId: "svc",
    description: "cache of svc",
    engine: "redis",
    nodeType: "cache.t3.micro",
    atRestEncryptionEnabled: "true",
    transitEncryptionEnabled: true,
    transitEncryptionMode: "required",
    ...overrides,
  });

export const fileSystem = (stack: TerraformStack, encrypted = true) => new EfsFileSystem(stack, "storage", { encrypted });

export const repository = (stack: TerraformStack, overrides: Partial<EcrRepositoryConfig> = {}) =>
  new EcrRepository(stack, "repository", { name: "svc", imageTagMutability: "IMMUTABLE", imageScanningConfiguration: { scanOnPush: true }, ...overrides });

export const logGroup = (stack: TerraformStack, retentionInDays?: number) =>
  new CloudwatchLogGroup(stack, "logs", { name: "/ecs/svc", ...(retentionInDays !== undefined ? { retentionInDays } : {}) });

export const cluster = (stack: TerraformStack, overrides: Partial<EcsClusterConfig> = {}) =>
  new EcsCluster(stack, "cluster", { name: "svc", setting: [{ name: "containerInsights", value: "enabled" }], ...overrides });

export const service = (stack: TerraformStack, overrides: Partial<EcsServiceConfig> = {}) =>
  new EcsService(stack, "service", {
    name: "svc",
    networkConfiguration: { subnets: ["${data.aws_subnets.private.ids}"], securityGroups: ["sg-1"], assignPublicIp: false },
    ...overrides,
  });

export interface ContainerOverrides {
  container?: Record<string, unknown>;
  environment?: Record<string, string>;
}

export const taskDefinition = (stack: TerraformStack, overrides: Partial<EcsTaskDefinitionConfig> = {}, container: ContainerOverrides = {}) =>
  new EcsTaskDefinition(stack, "task", {
    family: "svc",
    executionRoleArn: "${aws_iam_role.execution.arn}",
    taskRoleArn: "${aws_iam_role.task.arn}",
    containerDefinitions: JSON.stringify([
      {
        name: "app",
        image: "${aws_ecr_repository.repository.repository_url}:${var.image_tag}",
        environment: Object.entries({ PLATFORM_SERVICE_NAME: "svc", CF_ACCESS_AUD: "${cloudflare_zero_trust_access_application.app.aud}", ...container.environment }).map(
          ([name, value]) => ({ name, value }),
        ),
        secrets: [{ name: "DATABASE_URL", valueFrom: "arn:aws:ssm:us-east-1:123456789012:parameter/svc/DATABASE_URL" }],
        ...container.container,
      },
    ]),
    ...overrides,
  });

export const role = (stack: TerraformStack, overrides: Partial<IamRoleConfig> = {}) =>
  new IamRole(stack, "role", { name: "svc-task", assumeRolePolicy: trustPolicy(), ...overrides });

export const rolePolicy = (stack: TerraformStack, document: string) => new IamRolePolicy(stack, "role_policy", { role: "svc-task", policy: document });

export const lambdaFunction = (stack: TerraformStack, overrides: Partial<LambdaFunctionConfig> = {}) =>
  new LambdaFunction(stack, "function", {
    functionName: "svc-worker",
    role: "${aws_iam_role.function.arn}",
    packageType: "Image",
    imageUri: "${aws_ecr_repository.worker.repository_url}:${var.worker_image_tag}",
    tracingConfig: { mode: "Active" },
    vpcConfig: { subnetIds: ["${data.aws_subnets.private.ids}"], securityGroupIds: ["${aws_security_group.lambda.id}"] },
    environment: { variables: { PLATFORM_SERVICE_NAME: "svc" } },
    ...overrides,
  });
