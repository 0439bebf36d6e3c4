// No valid spec may produce an IAM inline policy or a Lambda environment over an AWS limit; a spec
// that could not fit is rejected at validation, with the numbers.
import { describe, expect, it } from "vitest";
import { LAMBDA_ENV_MAX_BYTES } from "../../src/capabilities/shared/lambda-runtime.js";
import { injectedFunctionEnvironment, REFERENCE_VALUE_BOUNDS } from "../../src/engine/function-environment.js";
import { INJECTED_NAMES } from "../../src/engine/registry.js";
import { load, loadValid, resourcesOf, specYaml, synthesize, type TerraformJson } from "../helpers/spec.js";

/** IAM: all inline policies of one role together, whitespace not counted. */
const IAM_ROLE_INLINE_POLICIES_MAX = 10240;
const SERVICE = `svc-${"s".repeat(36)}`; // 40 characters

/**
 * The longest text a Terraform reference in a policy can resolve to: the partition (aws-us-gov),
 * the account id (12 digits), any other ARN or name of this engine's resources at most 160.
 */
function resolvedBound(text: string): string {
  return text
    .replace(/\$\{data\.aws_partition\.current_partition\.partition\}/g, "aws-us-gov")
    .replace(/\$\{data\.aws_caller_identity\.current_account\.account_id\}/g, "123456789012")
    .replace(/\$\{[^}]*\}/g, "x".repeat(160));
}

function policySizes(json: TerraformJson): Array<[string, number]> {
  return Object.entries(resourcesOf(json, "aws_iam_role_policy")).map(([id, body]) => [id, resolvedBound(body.policy as string).replace(/\s/g, "").length]);
}

const secretNames = (count: number, length: number) =>
  Array.from({ length: count }, (_, index) => `S${String(index).padStart(3, "0")}_${"X".repeat(length - 5)}`);
const database = { engine: "postgres", instanceClass: "db.t3.micro", dbName: "app", dbUsername: "app_admin" };
const cache = { engine: "redis", nodeType: "cache.t3.micro" };
const storage = { accessPoint: { path: "/data" } };

describe("IAM inline policies stay within 10,240 characters", () => {
  it("with the most secrets the schema allows (100 names of 128 characters) and a 40-character service", async () => {
    const { json } = await synthesize(specYaml({ compute: {}, database, cache, storage, secrets: secretNames(100, 128) }, SERVICE));
    const sizes = policySizes(json);
    expect(sizes.length).toBeGreaterThan(0);
    for (const [id, size] of sizes) expect(size, id).toBeLessThanOrEqual(IAM_ROLE_INLINE_POLICIES_MAX);
  });

  it("grants the secrets by the stack's parameter path, so the grant does not grow with their number", async () => {
    const few = await synthesize(specYaml({ compute: {}, secrets: secretNames(1, 10) }, SERVICE));
    const many = await synthesize(specYaml({ compute: {}, secrets: secretNames(100, 128) }, SERVICE));
    const size = (json: TerraformJson) => new Map(policySizes(json)).get("compute_task_execution_policy");
    expect(size(many.json)).toBe(size(few.json));
  });

  it("with 20 functions, schedules, the webhook and every data service", async () => {
    const functions = Array.from({ length: 20 }, (_, index) => ({ name: `function-${String(index).padStart(2, "0")}-${"f".repeat(40)}`.slice(0, 24), image: `image-${index}` }));
    const spec = { compute: {}, database, cache, storage, lambda: { functions }, triggers: { eventbridge: { scheduleGroup: "jobs" }, webhookGateway: true, webhook: { scheme: "github", secret: secretNames(5, 40)[0] } }, secrets: secretNames(5, 40) };
    const { json } = await synthesize(specYaml(spec, SERVICE));
    for (const [id, size] of policySizes(json)) expect(size, id).toBeLessThanOrEqual(IAM_ROLE_INLINE_POLICIES_MAX);
  });
});

describe("a function's environment stays within Lambda's 4 KB", () => {
  it("rejects 100 secret names of 40 characters (PLATFORM_SECRET_NAMES alone over 4 KB) at spec.secrets, with the numbers", () => {
    const { diagnostics } = load(specYaml({ lambda: { functions: [{ name: "api", image: "api" }] }, secrets: secretNames(100, 40) }, SERVICE));
    const errors = diagnostics.filter((d) => d.severity === "error");
    expect(errors).toHaveLength(1);
    expect(errors[0]!.path).toBe("spec.secrets");
    expect(errors[0]!.message).toMatch(/^the function api's environment variables would total up to (\d+) bytes \(0 in its spec environment, \d+ set by the engine \(PLATFORM_SECRET_NAMES 4120 for 100 secret names\)\); Lambda allows 4096 for a function$/);
    expect(errors[0]!.hint).toMatch(/by \d+ bytes/);
  });

  it("leaves the webhook's environment out of the secrets' count: it names only its own secret, so 100 secret names of 40 characters are refused once, for the functions", () => {
    const names = secretNames(100, 40);
    // A gateway of the team's own image (webhook.image) beside a function: the function's
    // PLATFORM_SECRET_NAMES does not fit, the webhook's environment does not carry it.
    const { diagnostics } = load(
      specYaml({ triggers: { webhookGateway: true, webhook: { image: "webhook", secret: names[0] } }, lambda: { functions: [{ name: "api", image: "api" }] }, secrets: names }, SERVICE),
    );
    const errors = diagnostics.filter((d) => d.severity === "error");
    expect(errors.map((d) => [d.path, d.message.split("'s environment")[0]])).toEqual([["spec.secrets", "the function api"]]);
    const webhook = injectedFunctionEnvironment(loadValid(specYaml({ triggers: { webhookGateway: true, webhook: { image: "webhook", secret: names[0] } }, compute: {}, secrets: names }, SERVICE)), "webhook");
    expect(webhook.map((entry) => entry.name).sort()).toEqual(["PLATFORM_EVENT_BUS_NAME", "PLATFORM_SERVICE_NAME", "PLATFORM_WEBHOOK_SECRET_PARAMETER"]);
  });

  it("counts references at their longest: a spec's own variables that fit alone are rejected when the engine's do not leave room", () => {
    const tight = (bytes: number) => ({ database, lambda: { functions: [{ name: "api", image: "api", environment: { BIG: "v".repeat(bytes) } }] } });
    const engineBytes = injectedFunctionEnvironment(loadValid(specYaml({ database, lambda: { functions: [{ name: "api", image: "api" }] } }, SERVICE)), "functions").reduce((sum, e) => sum + e.bytes, 0);
    const fits = LAMBDA_ENV_MAX_BYTES - engineBytes - "BIG".length;
    expect(load(specYaml(tight(fits), SERVICE)).diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const over = load(specYaml(tight(fits + 1), SERVICE)).diagnostics.filter((d) => d.severity === "error");
    expect(over.map((d) => [d.path, d.message])).toEqual([
      [
        "spec.lambda.functions[0].environment",
        `the function api's environment variables would total up to 4097 bytes (${fits + 4} in its spec environment, ${engineBytes} set by the engine; DATABASE_HOST, DATABASE_SECRET_ARN counted at their longest); Lambda allows 4096 for a function`,
      ],
    ]);
  });

  it("predicts exactly the engine's variables of each function, and the size of every value known at synth", async () => {
    const spec = {
      database,
      cache,
      storage,
      compute: {},
      serviceDiscovery: { namespace: "internal.local" },
      queue: {},
      bucket: {},
      lambda: { functions: [{ name: "api", image: "api" }] },
      triggers: { webhookGateway: true, webhook: { scheme: "github", secret: "OTHER_KEY" } },
      secrets: ["API_KEY", "OTHER_KEY"],
    };
    const config = loadValid(specYaml(spec, SERVICE));
    const { json } = await synthesize(config);
    for (const [id, workload] of [["lambda_api_function", "functions"], ["triggers_webhook_function", "webhook"]] as const) {
      const variables = (resourcesOf(json, "aws_lambda_function")[id]!.environment as { variables: Record<string, string> }).variables;
      const predicted = injectedFunctionEnvironment(config, workload);
      expect(predicted.map((e) => e.name).sort(), id).toEqual(Object.keys(variables).filter((name) => INJECTED_NAMES.has(name)).sort());
      for (const entry of predicted) {
        const value = variables[entry.name]!;
        if (entry.bounded) {
          expect(value, entry.name).toMatch(/^\$\{/);
          expect(entry.bytes - entry.name.length).toBe(REFERENCE_VALUE_BOUNDS[entry.name as keyof typeof REFERENCE_VALUE_BOUNDS]);
        } else {
          // A reference to a name the engine chose (the event bus): compare with that resource's name.
          const reference = /^\$\{(aws_[a-z_]+)\.([a-z0-9_]+)\.name\}$/.exec(value);
          const known = reference ? (resourcesOf(json, reference[1]!)[reference[2]!]!.name as string) : value;
          expect(entry.bytes, entry.name).toBe(Buffer.byteLength(entry.name) + Buffer.byteLength(known));
        }
      }
    }
  });
});
