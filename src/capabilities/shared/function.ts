// One function of the stack, spec function (lambda) or webhook gateway (triggers) alike: what both
// units deploy a Lambda function with (a container image, or a zip of the engine's own code).
import type { EcrRepository } from "../../../providers/aws/ecr-repository.js";
import type { LambdaFunction } from "../../../providers/aws/lambda-function.js";
import type { LambdaFunctionUrl } from "../../../providers/aws/lambda-function-url.js";
import { TerraformVariable, type ITerraformDependable } from "../../../providers/cdktf.js";
import { imagePresentCheck } from "../../modules/compute/image-check.js";
import { logGroup } from "../../modules/compute/log-group.js";
import { containerFunction } from "../../modules/lambda/container-function.js";
import { functionUrl, type FunctionInvokeMode, type FunctionUrlAuth } from "../../modules/lambda/function-url.js";
import { zipFunction } from "../../modules/lambda/zip-function.js";
import { declareException } from "../../policy/exceptions.js";
import { ruleIn } from "../../policy/registry.js";
import { LAMBDA_RULES } from "../../policy/rules/lambda.js";
import type { CapabilityContext } from "./context.js";
import type { RoleKey } from "./needs.js";

/** A function of the stack, as later steps (triggers) see it. */
export interface StackFunction {
  /** The spec's name (`pi-chat`), not the AWS function name. */
  name: string;
  roleKey: RoleKey;
  function: LambdaFunction;
  /** Absent for a function without a Function URL (`url: false`). */
  url?: LambdaFunctionUrl;
  /** The URL's authorization; `none` without a URL. */
  authorization: FunctionUrlAuth | "none";
}


/** `pi-chat` -> `pi_chat`: names in logical ids and variable names. */
export const idPart = (name: string) => name.replace(/-/g, "_");


/** Where a function's code comes from: an image the team pushes, or a zip the engine ships. */
export type FunctionCode =
  | {
      image: {
        repository: EcrRepository;
        /** The repository's name as a literal: variable descriptions cannot hold references. */
        repositoryName: string;
        imageTagVariable: string;
        /** The image-tag variable when several functions share it (created by the caller); unset: this function's own. */
        imageTag?: TerraformVariable;
      };
    }
  | {
      /** Path Terraform reads the zip by, its base64 SHA-256, and `<file>.<export>`. */
      zip: { filename: string; sha256: string; handler: string };
    };

export interface DeployFunctionArgs {
  /** Logical id prefix, e.g. `lambda_pi_chat`. */
  id: string;
  /** The function's name in the spec (or `webhook`). */
  name: string;
  roleKey: RoleKey;
  code: FunctionCode;
  memoryMb: number;
  timeoutSeconds: number;
  /** Image functions only. Unset: not rendered, Lambda's default (x86_64). */
  architecture?: "x86_64" | "arm64";
  /** Environment, produced at synth. */
  environment: () => Array<[string, string]>;
  /**
   * Who may call the URL; a public one names the spec field that made it public (the policy
   * exception's reason). `none`: no Function URL (schedules, queues and events invoke it).
   */
  access: { authorization: "AWS_IAM" } | { authorization: "NONE"; publicBecause: string } | { authorization: "none" };
  /** Image functions only. Reserved concurrent executions; unset: the account's unreserved pool. */
  reservedConcurrency?: number;
  invokeMode: FunctionInvokeMode;
  /** Resources the function must wait for, besides its own (e.g. the image pull policy). */
  dependsOn: ITerraformDependable[];
  /** The function's security group; default: the stack's lambda group. */
  securityGroupId?: string;
  /** Whether it mounts the stack's file system, when there is one (default: yes). */
  mountFileSystem?: boolean;
}

/** The AWS name of a stack function: `<service>-<name>`, fitted to 64 characters. */
export const functionNameOf = (ctx: CapabilityContext, name: string) => ctx.name("lambdaFunction", name);

/**
 * One function of the stack, spec function or webhook alike: log group, image-tag variable,
 * function (VPC, tracing, file system when the stack has one), URL, and its role's own grants.
 */
export function deployFunction(ctx: CapabilityContext, args: DeployFunctionArgs): StackFunction {
  const { scope, settings, infra, serviceName, workload } = ctx;
  const roles = ctx.require("foundation.roles");
  const groups = ctx.require("foundation.securityGroups");
  const functionName = functionNameOf(ctx, args.name);

  // Created before the function, so Lambda never creates it itself without a retention.
  const logs = logGroup(scope, `${args.id}_log_group`, { name: `/aws/lambda/${functionName}`, retentionDays: settings.logRetentionDays });

  roles.grant(args.roleKey, {
    sid: "WriteFunctionLogs",
    actions: ["logs:CreateLogStream", "logs:PutLogEvents"],
    resources: [`${logs.arn}:*`],
  });
  // Lambda manages the function's network interfaces with this role. Their ids exist only at run
  // time, so the grant is scoped to this account and region's EC2 resources (interfaces, the
  // private subnets, the lambda security group), not to named ARNs; describing has no resource scope.
  roles.grant(args.roleKey, {
    sid: "ManageFunctionNetworkInterfaces",
    actions: ["ec2:AssignPrivateIpAddresses", "ec2:CreateNetworkInterface", "ec2:DeleteNetworkInterface", "ec2:UnassignPrivateIpAddresses"],
    resources: [infra.arn("ec2", "*")],
  });
  roles.grant(args.roleKey, {
    sid: "DescribeNetworkHasNoResourceScope",
    actions: ["ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets"],
    resources: ["*"],
  });
  roles.grant(args.roleKey, {
    sid: "XRayTracingHasNoResourceScope",
    actions: ["xray:PutTelemetryRecords", "xray:PutTraceSegments"],
    resources: ["*"],
  });

  const fileSystem = args.mountFileSystem === false ? undefined : workload.fileSystem;
  const common = {
    functionName,
    description: `${args.name} function of ${serviceName}`,
    roleArn: roles.role(args.roleKey).arn,
    memoryMb: args.memoryMb,
    timeoutSeconds: args.timeoutSeconds,
    environment: args.environment,
    subnetIds: infra.privateSubnetIds,
    securityGroupIds: [args.securityGroupId ?? groups.get("lambda").id],
    dependsOn: [logs, ...args.dependsOn, ...(fileSystem?.mountTargets ?? [])],
  };
  let fn: LambdaFunction;
  if ("image" in args.code) {
    const { image } = args.code;
    const imageTag =
      image.imageTag ??
      new TerraformVariable(scope, image.imageTagVariable, {
        type: "string",
        nullable: false,
        description: `Tag of the ${args.name} function's image in ${image.repositoryName} to run; tags are immutable, so use one per build (e.g. the git SHA).`,
      });
    fn = containerFunction(scope, `${args.id}_function`, {
      ...common,
      imageUri: `${image.repository.repositoryUrl}:${imageTag.stringValue}`,
      ...(args.architecture ? { architecture: args.architecture } : {}),
      ...(args.reservedConcurrency !== undefined ? { reservedConcurrency: args.reservedConcurrency } : {}),
      ...(fileSystem ? { fileSystem: { accessPointArn: fileSystem.accessPointArn, mountPath: fileSystem.mountPath } } : {}),
      checks: [
        imagePresentCheck(scope, {
          repositoryId: image.repository.friendlyUniqueId,
          repositoryName: image.repositoryName,
          // The variable the function runs (a shared image's `image_<image>_tag`, else its own).
          tagVariable: imageTag.friendlyUniqueId,
          consumer: `the ${args.name} function`,
        }),
      ],
    });
  } else {
    const { zip } = args.code;
    // The engine's own code: plain JavaScript on arm64, no mounts, the unreserved pool.
    if (fileSystem || args.architecture || args.reservedConcurrency !== undefined) {
      throw new Error(`the ${args.name} function ships as the engine's zip: it takes no file system, architecture or reserved concurrency`);
    }
    fn = zipFunction(scope, `${args.id}_function`, { ...common, filename: zip.filename, sourceCodeHash: zip.sha256, handler: zip.handler });
  }
  // Lambda checks at creation that the role may create network interfaces.
  roles.dependOnPolicy(args.roleKey, fn);

  if (args.access.authorization === "none") return { name: args.name, roleKey: args.roleKey, function: fn, authorization: "none" };
  const { url, publicPermissions } = functionUrl(scope, `${args.id}_function_url`, {
    functionName: fn.functionName,
    authorization: args.access.authorization,
    invokeMode: args.invokeMode,
  });
  if (args.access.authorization === "NONE") {
    declareException(url, ruleIn(LAMBDA_RULES, "PLT-LMB-003"), args.access.publicBecause);
    for (const permission of publicPermissions) declareException(permission, ruleIn(LAMBDA_RULES, "PLT-LMB-005"), args.access.publicBecause);
  }
  return { name: args.name, roleKey: args.roleKey, function: fn, url, authorization: args.access.authorization };
}

