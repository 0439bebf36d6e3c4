// `platform status <name>`: how a deployed stack is doing, read from AWS through the SDK: the ECS
// service's deployments, counts and recent events, each function's state and last update, the
// database's and the cache's status. Which resources to ask about, their names and the region come
// from the synthesized stack (cdk.tf.json under --out): the names there are the ones the engine's
// name functions produced (overrides and renames included), exactly what was deployed from it.
import { resolve } from "node:path";
import { existingWorkspace } from "../../lifecycle/workspace.js";
import { awsFailure, errorName, isMissingCredentials, stackClientConfig } from "../../lifecycle/aws.js";
import { ExternalError } from "../../support/errors.js";
import { missingStackError, stackNameArgument } from "../args.js";
import type { Command } from "../command.js";
import { EXIT, UsageError } from "../errors.js";
import { DEFAULT_OUT_DIR } from "./synth.js";

const USAGE = "platform status <name> [--env NAME] [--json] [--out DIR]";
/** How many of the service's most recent events are shown. */
export const RECENT_EVENTS = 5;

/** The deployed resources status asks about, as named in the synthesized stack. */
export interface StackTargets {
  region: string;
  service?: { cluster: string; name: string };
  functions: string[];
  database?: string;
  cache?: string;
}

type Resources = Record<string, Record<string, Record<string, unknown>>>;
const literal = (value: unknown): string | undefined => (typeof value === "string" && !value.includes("${") ? value : undefined);

/** The targets of a synthesized stack (its cdk.tf.json), in resource order. */
export function stackTargets(json: { provider?: Record<string, unknown>; resource?: Resources }): StackTargets {
  const resources = json.resource ?? {};
  const all = (type: string) => Object.entries(resources[type] ?? {});
  const providers = (json.provider?.aws ?? []) as { region?: string; alias?: string }[];
  const region = literal((providers.find((provider) => provider.alias === undefined) ?? providers[0])?.region) ?? "us-east-1";
  const targets: StackTargets = { region, functions: [] };
  const [service] = all("aws_ecs_service");
  if (service) {
    // The cluster is a reference to the stack's own cluster resource (`${aws_ecs_cluster.<id>.arn}`).
    const clusterRef = String(service[1].cluster ?? "");
    const clusterId = /^\$\{aws_ecs_cluster\.([^.]+)\./.exec(clusterRef)?.[1];
    const cluster = literal(clusterId ? resources.aws_ecs_cluster?.[clusterId]?.name : clusterRef);
    const name = literal(service[1].name);
    if (cluster && name) targets.service = { cluster, name };
  }
  for (const [, fn] of all("aws_lambda_function")) {
    const name = literal(fn.function_name);
    if (name) targets.functions.push(name);
  }
  targets.database = literal(all("aws_db_instance")[0]?.[1].identifier);
  targets.cache = literal(all("aws_elasticache_replication_group")[0]?.[1].replication_group_id);
  return targets;
}

export interface DeploymentStatus {
  status?: string;
  rolloutState?: string;
  rolloutStateReason?: string;
  taskDefinition?: string;
  running?: number;
  desired?: number;
  pending?: number;
  failedTasks?: number;
  updatedAt?: string;
}
export type ServiceStatus =
  | { cluster: string; name: string; found: false }
  | { cluster: string; name: string; found: true; status?: string; running?: number; desired?: number; pending?: number; deployments: DeploymentStatus[]; events: { at?: string; message?: string }[] };
export type FunctionStatus = { name: string; found: false } | { name: string; found: true; state?: string; stateReason?: string; lastUpdateStatus?: string; lastUpdateStatusReason?: string; lastModified?: string };
export type DatabaseStatus = { identifier: string; found: false } | { identifier: string; found: true; status?: string; multiAz?: boolean; deletionProtection?: boolean };
export type CacheStatus = { id: string; found: false } | { id: string; found: true; status?: string };

export interface StackStatus {
  name: string;
  region: string;
  service: ServiceStatus | null;
  functions: FunctionStatus[];
  database: DatabaseStatus | null;
  cache: CacheStatus | null;
}

const iso = (date: Date | undefined) => (date ? date.toISOString() : undefined);
/** `arn:...:task-definition/orders:7` -> `orders:7` (family and revision). */
const revisionOf = (arn: string | undefined) => (arn ? arn.slice(arn.lastIndexOf("/") + 1) : undefined);

/** Reads every target's status; resources that do not exist (yet) say so instead of failing. */
export async function readStatus(name: string, targets: StackTargets, env: NodeJS.ProcessEnv): Promise<StackStatus> {
  const { region } = targets;
  const call = async <T>(doing: string, notFound: string[], read: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await read();
    } catch (error) {
      if (notFound.includes(errorName(error))) return undefined;
      if (isMissingCredentials(error)) {
        throw new ExternalError(
          `no AWS credentials found: status reads ${name}'s resources through the AWS API (${doing})`,
          "configure credentials the usual way (AWS_PROFILE, `aws sso login`, AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or an instance/container role)",
        );
      }
      throw awsFailure(error, doing);
    }
  };

  const service = async (): Promise<ServiceStatus | null> => {
    if (!targets.service) return null;
    const { cluster, name: serviceName } = targets.service;
    const { ECSClient, DescribeServicesCommand } = await import("@aws-sdk/client-ecs");
    const client = new ECSClient(stackClientConfig(region, env, "ECS"));
    const answer = await call(`describing ECS service ${serviceName} in cluster ${cluster}`, ["ClusterNotFoundException"], () =>
      client.send(new DescribeServicesCommand({ cluster, services: [serviceName] })),
    );
    const found = answer?.services?.find((each) => each.serviceName === serviceName && each.status !== "INACTIVE");
    if (!found) return { cluster, name: serviceName, found: false };
    return {
      cluster,
      name: serviceName,
      found: true,
      status: found.status,
      running: found.runningCount,
      desired: found.desiredCount,
      pending: found.pendingCount,
      deployments: (found.deployments ?? []).map((deployment) => ({
        status: deployment.status,
        rolloutState: deployment.rolloutState,
        rolloutStateReason: deployment.rolloutStateReason,
        taskDefinition: revisionOf(deployment.taskDefinition),
        running: deployment.runningCount,
        desired: deployment.desiredCount,
        pending: deployment.pendingCount,
        failedTasks: deployment.failedTasks,
        updatedAt: iso(deployment.updatedAt),
      })),
      // ECS lists events newest first.
      events: (found.events ?? []).slice(0, RECENT_EVENTS).map((event) => ({ at: iso(event.createdAt), message: event.message })),
    };
  };

  const functions = async (): Promise<FunctionStatus[]> => {
    if (targets.functions.length === 0) return [];
    const { LambdaClient, GetFunctionConfigurationCommand } = await import("@aws-sdk/client-lambda");
    const client = new LambdaClient(stackClientConfig(region, env, "Lambda"));
    return Promise.all(
      targets.functions.map(async (fn): Promise<FunctionStatus> => {
        const answer = await call(`reading Lambda function ${fn}`, ["ResourceNotFoundException"], () => client.send(new GetFunctionConfigurationCommand({ FunctionName: fn })));
        if (!answer) return { name: fn, found: false };
        return {
          name: fn,
          found: true,
          state: answer.State,
          stateReason: answer.StateReason,
          lastUpdateStatus: answer.LastUpdateStatus,
          lastUpdateStatusReason: answer.LastUpdateStatusReason,
          lastModified: answer.LastModified,
        };
      }),
    );
  };

  const database = async (): Promise<DatabaseStatus | null> => {
    if (!targets.database) return null;
    const identifier = targets.database;
    const { RDSClient, DescribeDBInstancesCommand } = await import("@aws-sdk/client-rds");
    const client = new RDSClient(stackClientConfig(region, env, "RDS"));
    const answer = await call(`describing RDS instance ${identifier}`, ["DBInstanceNotFoundFault", "DBInstanceNotFound"], () =>
      client.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: identifier })),
    );
    const instance = answer?.DBInstances?.[0];
    if (!instance) return { identifier, found: false };
    return { identifier, found: true, status: instance.DBInstanceStatus, multiAz: instance.MultiAZ, deletionProtection: instance.DeletionProtection };
  };

  const cache = async (): Promise<CacheStatus | null> => {
    if (!targets.cache) return null;
    const id = targets.cache;
    const { ElastiCacheClient, DescribeReplicationGroupsCommand } = await import("@aws-sdk/client-elasticache");
    const client = new ElastiCacheClient(stackClientConfig(region, env, "ElastiCache"));
    const answer = await call(`describing ElastiCache replication group ${id}`, ["ReplicationGroupNotFoundFault", "ReplicationGroupNotFound"], () =>
      client.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: id })),
    );
    const group = answer?.ReplicationGroups?.[0];
    if (!group) return { id, found: false };
    return { id, found: true, status: group.Status };
  };

  const [serviceStatus, functionStatus, databaseStatus, cacheStatus] = await Promise.all([service(), functions(), database(), cache()]);
  return { name, region, service: serviceStatus, functions: functionStatus, database: databaseStatus, cache: cacheStatus };
}

const count = (running?: number, desired?: number, pending?: number) => `running ${running ?? "?"}/${desired ?? "?"}, pending ${pending ?? "?"}`;
const NOT_FOUND = "not found (not created yet, or destroyed)";

/** The status as lines for a person. */
export function renderStatus(status: StackStatus): string[] {
  const lines = [`${status.name} (${status.region})`];
  const { service } = status;
  if (service) {
    if (!service.found) lines.push(`service ${service.name} in cluster ${service.cluster}: ${NOT_FOUND}`);
    else {
      lines.push(`service ${service.name} in cluster ${service.cluster}: ${service.status ?? "?"}, ${count(service.running, service.desired, service.pending)}`);
      lines.push("  deployments:");
      for (const d of service.deployments) {
        const failed = d.failedTasks ? `, ${d.failedTasks} failed tasks` : "";
        const reason = d.rolloutState === "FAILED" && d.rolloutStateReason ? ` (${d.rolloutStateReason})` : "";
        lines.push(`    ${d.status ?? "?"} ${d.rolloutState ?? "?"}${reason}: task definition ${d.taskDefinition ?? "?"}, ${count(d.running, d.desired, d.pending)}${failed}`);
      }
      if (service.events.length > 0) {
        lines.push("  recent events:");
        for (const event of service.events) lines.push(`    ${event.at ?? "?"}  ${event.message ?? ""}`);
      }
    }
  }
  for (const fn of status.functions) {
    if (!fn.found) lines.push(`function ${fn.name}: ${NOT_FOUND}`);
    else {
      const state = `${fn.state ?? "?"}${fn.stateReason && fn.state !== "Active" ? ` (${fn.stateReason})` : ""}`;
      const update = `${fn.lastUpdateStatus ?? "?"}${fn.lastUpdateStatusReason && fn.lastUpdateStatus === "Failed" ? ` (${fn.lastUpdateStatusReason})` : ""}`;
      lines.push(`function ${fn.name}: ${state}, last update ${update}, modified ${fn.lastModified ?? "?"}`);
    }
  }
  const { database } = status;
  if (database) {
    if (!database.found) lines.push(`database ${database.identifier}: ${NOT_FOUND}`);
    else lines.push(`database ${database.identifier}: ${database.status ?? "?"}, Multi-AZ ${database.multiAz ? "yes" : "no"}, deletion protection ${database.deletionProtection ? "on" : "off"}`);
  }
  const { cache } = status;
  if (cache) lines.push(`cache ${cache.id}: ${cache.found ? (cache.status ?? "?") : NOT_FOUND}`);
  if (lines.length === 1) lines.push("the stack has no service, function, database or cache to report on");
  return lines;
}

export const status: Command = {
  name: "status",
  summary: "how a deployed stack is doing, from AWS: the service's deployments, counts and recent events, functions, database and cache",
  usage: USAGE,
  options: { json: { type: "boolean" }, env: { type: "string" }, out: { type: "string", short: "o" } },
  withSettings: false,
  async run({ values, positionals }, io) {
    if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? "no stack name given" : "status takes one stack name", `usage: ${USAGE}`);
    const { service, environment, name } = stackNameArgument(positionals[0]!, values.env);
    const outDir = resolve(io.cwd, typeof values.out === "string" ? values.out : DEFAULT_OUT_DIR);
    const workspace = await existingWorkspace(outDir, name);
    if (!workspace) {
      throw missingStackError(outDir, service, environment, "status reads the resource names and region from the synthesized stack: run `platform synth <spec>` with the same settings first");
    }
    const result = await readStatus(name, stackTargets(workspace.json as Parameters<typeof stackTargets>[0]), io.env);
    if (values.json) io.stdout(`${JSON.stringify(result, null, 2)}\n`);
    else for (const line of renderStatus(result)) io.stdout(`${line}\n`);
    return EXIT.ok;
  },
};
