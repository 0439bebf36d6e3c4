import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../../src/config/diagnostics.js";
import { LAMBDA_ENV_MAX_BYTES } from "../../src/capabilities/shared/lambda-runtime.js";
import { load, specYaml } from "../helpers/spec.js";

/** The diagnostics of a spec (any severity), as [severity, path, message] triples. */
function check(spec: Record<string, unknown>, name = "test-svc") {
  return load(specYaml(spec, name)).diagnostics.map((d: Diagnostic) => [d.severity, d.path, d.message] as const);
}
const errorsOf = (spec: Record<string, unknown>) => check(spec).filter(([severity]) => severity === "error");
const cache = (fields: Record<string, unknown> = {}) => ({ engine: "redis", nodeType: "cache.t3.micro", ...fields });
const database = (fields: Record<string, unknown> = {}) => ({ engine: "postgres", instanceClass: "db.t3.micro", dbName: "app", dbUsername: "app_admin", ...fields });
const fn = (name: string, fields: Record<string, unknown> = {}) => ({ name, image: "app-image", ...fields });
/** The built-in webhook gateway with its secret declared. */
const GATEWAY = { triggers: { webhookGateway: true, webhook: { scheme: "github", secret: "GITHUB_WEBHOOK_SECRET" } }, secrets: ["GITHUB_WEBHOOK_SECRET"] };

describe("registry rule: at least one capability", () => {
  it("passes with compute", () => expect(errorsOf({ compute: {} })).toEqual([]));
  it("fails with only secrets", () => {
    expect(errorsOf({ secrets: ["API_KEY"] })).toEqual([["error", "spec", "declares no capability, so nothing would be provisioned"]]);
  });
});

describe("semantic rule: Fargate CPU and memory pairs", () => {
  it.each([
    [256, 512],
    [256, 2048],
    [512, 1024],
    [512, 4096],
    [1024, 8192],
    [2048, 16384],
    [4096, 30720],
    [8192, 61440],
    [16384, 122880],
  ])("accepts cpu %i with memory %i", (cpu, memory) => expect(errorsOf({ compute: { cpu, memory } })).toEqual([]));

  it.each([
    [256, 4096],
    [512, 512],
    [512, 1536],
    [1024, 9216],
    [4096, 31744],
    [8192, 18432],
    [16384, 36864],
  ])("rejects cpu %i with memory %i at spec.compute.memory", (cpu, memory) => {
    expect(errorsOf({ compute: { cpu, memory } })).toEqual([["error", "spec.compute.memory", `${memory} MiB is not a valid Fargate memory size for ${cpu} CPU units`]]);
  });

  it("says which memory sizes fit and that cpu took its default", () => {
    const { diagnostics } = load(specYaml({ compute: { memory: 4096 } }));
    expect(diagnostics[0]?.message).toContain("cpu is not set, so it is the default 256");
    expect(diagnostics[0]?.hint).toBe("with cpu 256, memory must be 512, 1024, 2048; or choose a cpu that fits 4096 MiB");
  });
});

describe("semantic rule: supported Redis versions", () => {
  it.each(["6.2", "7.0", "7.1"])("accepts %s", (engineVersion) => expect(errorsOf({ compute: {}, cache: cache({ engineVersion }) })).toEqual([]));
  it.each(["5.0", "6.0", "7.2"])("rejects %s", (engineVersion) => {
    expect(errorsOf({ compute: {}, cache: cache({ engineVersion }) })).toEqual([["error", "spec.cache.engineVersion", `Redis ${engineVersion} is not supported`]]);
  });
});

describe("semantic rule: cache.t1 nodes take no snapshots", () => {
  it("passes with snapshots off", () => expect(errorsOf({ compute: {}, cache: cache({ nodeType: "cache.t1.micro", snapshotRetentionDays: 0 }) })).toEqual([]));
  it("fails with the default retention", () => {
    expect(errorsOf({ compute: {}, cache: cache({ nodeType: "cache.t1.micro" }) })).toEqual([
      ["error", "spec.cache.snapshotRetentionDays", "cache.t1.micro nodes cannot keep snapshots"],
    ]);
  });
});

describe("semantic rule: supported PostgreSQL versions", () => {
  it.each(["14", "15", "16", "17", "18", "16.4"])("accepts %s", (engineVersion) => expect(errorsOf({ compute: {}, database: database({ engineVersion }) })).toEqual([]));
  it.each(["12", "13", "13.20", "19"])("rejects %s", (engineVersion) => {
    expect(errorsOf({ compute: {}, database: database({ engineVersion }) })).toEqual([["error", "spec.database.engineVersion", `PostgreSQL ${engineVersion} is not supported`]]);
  });
});

describe("semantic rule: master user names RDS accepts", () => {
  it.each(["app_admin", "dify_admin", "Owner1", "administrator"])("accepts %s", (dbUsername) => {
    expect(check({ compute: {}, database: database({ dbUsername }) })).toEqual([]);
  });
  it.each([
    ["admin", "RDS reserves it for the engine"],
    ["rdsadmin", "RDS reserves it for the engine"],
    ["public", "RDS reserves it for the engine"],
    ["pg_monitor", 'role names starting with "pg_" are reserved'],
    ["rds_superuser", 'role names starting with "rds_" are reserved'],
    ["user", "it is a PostgreSQL reserved word"],
    ["Select", "it is a PostgreSQL reserved word"],
  ])("rejects %s (%s)", (dbUsername, reason) => {
    const { diagnostics } = load(specYaml({ compute: {}, database: database({ dbUsername }) }));
    expect(diagnostics).toEqual([expect.objectContaining({ severity: "error", path: "spec.database.dbUsername", message: expect.stringContaining(reason), hint: expect.any(String) })]);
  });
  it("warns about the default name postgres without failing", () => {
    expect(check({ compute: {}, database: database({ dbUsername: "postgres" }) })).toEqual([
      ["warning", "spec.database.dbUsername", '"postgres" is the default master user name, the first one attackers try'],
    ]);
  });
});

describe("semantic rule: database names RDS accepts", () => {
  it.each(["app", "dify_production", "orders2"])("accepts %s", (dbName) => expect(errorsOf({ compute: {}, database: database({ dbName }) })).toEqual([]));
  it.each(["template1", "rdsadmin", "select", "order", "join"])("rejects %s", (dbName) => {
    expect(errorsOf({ compute: {}, database: database({ dbName }) })).toEqual([["error", "spec.database.dbName", expect.stringContaining(`RDS refuses "${dbName}"`)]]);
  });
});

describe("semantic rule: secrets", () => {
  it("passes with distinct names of the user's own", () => expect(errorsOf({ compute: {}, secrets: ["API_KEY", "DATABASE_URL"] })).toEqual([]));
  it("fails when a name is listed twice, at the second one", () => {
    expect(errorsOf({ compute: {}, secrets: ["API_KEY", "TOKEN", "API_KEY"] })).toEqual([["error", "spec.secrets[2]", 'secret "API_KEY" is already listed at spec.secrets[0]']]);
  });
  it("fails for a name the engine injects", () => {
    expect(errorsOf({ compute: {}, secrets: ["CF_ACCESS_AUD"] })).toEqual([["error", "spec.secrets[0]", 'secret "CF_ACCESS_AUD" has the name of a variable the engine sets']]);
  });
  it("fails for a name AWS sets in workloads", () => {
    expect(errorsOf({ compute: {}, secrets: ["AWS_ACCESS_KEY_ID"] })).toEqual([
      ["error", "spec.secrets[0]", 'secret "AWS_ACCESS_KEY_ID" has the name of a variable AWS sets in containers and functions'],
    ]);
  });
});

describe("semantic rule: secret names functions can receive", () => {
  it("allows a one-letter secret without lambda", () => expect(errorsOf({ compute: {}, secrets: ["K"] })).toEqual([]));
  it("refuses a one-letter secret when functions receive it", () => {
    expect(errorsOf({ lambda: { functions: [fn("chat")] }, secrets: ["K", "API_KEY"] })).toEqual([
      ["error", "spec.secrets[0]", 'secret "K" is too short for a Lambda environment variable name'],
    ]);
  });
});

describe("semantic rule: function names", () => {
  it("passes with distinct names sharing one image", () => expect(errorsOf({ lambda: { functions: [fn("chat"), fn("sync")] } })).toEqual([]));
  it("fails for a repeated name, at the repeat", () => {
    expect(errorsOf({ lambda: { functions: [fn("chat"), fn("sync"), fn("chat")] } })).toEqual([
      ["error", "spec.lambda.functions[2].name", 'function name "chat" is already used by spec.lambda.functions[0]'],
    ]);
  });
  it("refuses an image named like the webhook gateway's own image (one repository for both)", () => {
    expect(errorsOf({ lambda: { functions: [{ name: "hook", image: "gateway" }] }, triggers: { webhookGateway: true, webhook: { image: "gateway", secret: "HOOK" } }, secrets: ["HOOK"] })).toEqual([
      ["error", "spec.lambda.functions[0].image", 'image "gateway" would share the webhook gateway\'s ECR repository (<service>-gateway, spec.triggers.webhook.image)'],
    ]);
  });
  it("allows an image named webhook beside the built-in gateway, which has no repository", () => {
    expect(errorsOf({ lambda: { functions: [{ name: "hook", image: "webhook" }] }, ...GATEWAY })).toEqual([]);
  });
  it("allows an image named webhook when the webhook gateway is off", () => {
    expect(errorsOf({ lambda: { functions: [{ name: "hook", image: "webhook" }] } })).toEqual([]);
  });
  it("allows a function named webhook when the webhook gateway is off", () => {
    expect(errorsOf({ lambda: { functions: [fn("webhook")] }, triggers: { eventbridge: { scheduleGroup: "jobs" } } })).toEqual([]);
  });
  it("refuses a function named webhook when the webhook gateway is on", () => {
    expect(errorsOf({ lambda: { functions: [fn("webhook")] }, ...GATEWAY })).toEqual([
      ["error", "spec.lambda.functions[0].name", 'function name "webhook" is taken by the webhook gateway (spec.triggers.webhookGateway)'],
    ]);
  });
});

describe("semantic rule: function environment", () => {
  const withEnv = (environment: Record<string, string>, extra: Record<string, unknown> = {}) => errorsOf({ lambda: { functions: [fn("chat", { environment })] }, ...extra });

  it("allows names Lambda sets but lets a function extend", () => {
    expect(withEnv({ AWS_LAMBDA_EXEC_WRAPPER: "/opt/wrapper", LANG: "C.UTF-8", AWS_XRAY_CONTEXT_MISSING: "IGNORE_ERROR" })).toEqual([]);
  });
  it.each(["AWS_REGION", "AWS_LAMBDA_FUNCTION_NAME", "AWS_SESSION_TOKEN", "LAMBDA_TASK_ROOT", "TZ"])("refuses %s, which the runtime reserves", (key) => {
    expect(withEnv({ [key]: "x" })).toEqual([["error", `spec.lambda.functions[0].environment.${key}`, `"${key}" is reserved by the Lambda runtime`]]);
  });
  it("refuses _HANDLER already by the name rule (a letter first)", () => {
    expect(withEnv({ _HANDLER: "x" })).toEqual([["error", "spec.lambda.functions[0].environment._HANDLER", 'invalid name "_HANDLER": it must start with a letter']]);
  });
  it("refuses a name the engine injects", () => {
    expect(withEnv({ PLATFORM_SERVICE_NAME: "other" })).toEqual([["error", "spec.lambda.functions[0].environment.PLATFORM_SERVICE_NAME", '"PLATFORM_SERVICE_NAME" is set by the engine']]);
  });
  it("refuses a plain value under a declared secret's name", () => {
    expect(withEnv({ API_KEY: "plain" }, { secrets: ["API_KEY"] })).toEqual([["error", "spec.lambda.functions[0].environment.API_KEY", '"API_KEY" is also declared in spec.secrets']]);
  });
  it("accepts exactly Lambda's 4 KB of variables, the engine's included", () => {
    // PLATFORM_SERVICE_NAME=test-svc: 21 + 8 bytes set by the engine.
    expect(withEnv({ BIG: "x".repeat(LAMBDA_ENV_MAX_BYTES - 3 - 29) })).toEqual([]);
    expect(withEnv({ BIG: "x".repeat(LAMBDA_ENV_MAX_BYTES - 3 - 28) })).toEqual([
      [
        "error",
        "spec.lambda.functions[0].environment",
        "the function chat's environment variables would total up to 4097 bytes (4068 in its spec environment, 29 set by the engine); Lambda allows 4096 for a function",
      ],
    ]);
  });
  it("refuses one byte more", () => {
    expect(withEnv({ BIG: "x".repeat(2000), MORE: "y".repeat(LAMBDA_ENV_MAX_BYTES - 3 - 2000 - 4 + 1) })).toEqual([
      ["error", "spec.lambda.functions[0].environment", "environment variables total 4097 bytes; Lambda allows 4096 for a function"],
    ]);
  });
});

describe("semantic rule: schedule group names", () => {
  it("passes with a group of the service's own", () => expect(errorsOf({ compute: {}, triggers: { eventbridge: { scheduleGroup: "test-svc-jobs" } } })).toEqual([]));
  it("fails for the group AWS owns", () => {
    expect(errorsOf({ compute: {}, triggers: { eventbridge: { scheduleGroup: "default" } } })).toEqual([
      ["error", "spec.triggers.eventbridge.scheduleGroup", '"default" is the schedule group AWS creates in every account; it cannot be created again'],
    ]);
  });
});

describe("semantic rule: triggers that provision nothing", () => {
  it("stay quiet when the webhook gateway is on", () => expect(check({ compute: {}, ...GATEWAY })).toEqual([]));
  it("warn when the webhook is configured but the gateway is off", () => {
    expect(check({ compute: {}, triggers: { eventbridge: { scheduleGroup: "jobs" }, webhook: { memory: 1024 } } })).toEqual([
      ["warning", "spec.triggers.webhook", "configures a webhook gateway that is not created (webhookGateway is off)"],
    ]);
  });
  it("stay quiet when the webhook is sized and the gateway is on", () => {
    expect(check({ compute: {}, triggers: { ...GATEWAY.triggers, webhook: { ...GATEWAY.triggers.webhook, memory: 1024 } }, secrets: GATEWAY.secrets })).toEqual([]);
  });
  it("warn when neither eventbridge nor the webhook gateway is set", () => {
    expect(check({ compute: {}, triggers: {} })).toEqual([["warning", "spec.triggers", "declares neither eventbridge nor webhookGateway, so it provisions nothing"]]);
  });
});

describe("semantic rule: schedules", () => {
  const lambda = { functions: [fn("report"), fn("sync")] };
  const withSchedule = (schedule: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    errorsOf({ lambda, ...extra, triggers: { eventbridge: { scheduleGroup: "jobs", schedules: [{ name: "nightly", expression: "cron(0 3 * * ? *)", ...schedule }] } } });

  it("pass with a function target", () => expect(withSchedule({ function: "report" })).toEqual([]));
  it("pass with the task as target when compute is declared", () => expect(withSchedule({ task: { command: ["npm", "run", "nightly"] } }, { compute: {} })).toEqual([]));
  it("refuse an expression EventBridge Scheduler would refuse", () => {
    expect(withSchedule({ function: "report", expression: "cron(0 3 * * *)" })).toEqual([
      ["error", "spec.triggers.eventbridge.schedules[0].expression", "cron expression has 5 fields; EventBridge Scheduler takes six"],
    ]);
  });
  it("position an expression's error at the field at fault, past the quote", () => {
    const yaml = specYaml({ lambda, triggers: { eventbridge: { scheduleGroup: "jobs", schedules: [{ name: "nightly", expression: "cron(0 3 * 13 ? *)", function: "report" }] } } });
    const [diagnostic] = load(yaml).diagnostics;
    const line = yaml.split("\n")[diagnostic!.line - 1]!;
    expect(line.slice(diagnostic!.column - 1)).toMatch(/^13 \? \*\)/);
  });
  it("refuse an unknown time zone with a did-you-mean", () => {
    expect(withSchedule({ function: "report", timezone: "America/New_Yrok" })).toEqual([["error", "spec.triggers.eventbridge.schedules[0].timezone", '"America/New_Yrok" is not an IANA time zone']]);
  });
  it("refuse a function the spec does not declare", () => {
    expect(withSchedule({ function: "reprot" })).toEqual([["error", "spec.triggers.eventbridge.schedules[0].function", 'targets function "reprot", which spec.lambda.functions does not declare']]);
  });
  it("refuse a schedule without a target", () => {
    expect(withSchedule({})).toEqual([["error", "spec.triggers.eventbridge.schedules[0]", 'schedule "nightly" has no target']]);
  });
  it("refuse a schedule with two targets", () => {
    expect(withSchedule({ function: "report", task: {} }, { compute: {} })).toEqual([["error", "spec.triggers.eventbridge.schedules[0].task", 'schedule "nightly" sets both function and task']]);
  });
  it("refuse the task as target without compute", () => {
    expect(withSchedule({ task: {} })).toEqual([["error", "spec.triggers.eventbridge.schedules[0].task", "runs the stack's ECS task, but the spec declares no compute"]]);
  });
  it("refuse an input for a task", () => {
    expect(withSchedule({ task: {}, input: { a: 1 } }, { compute: {} })).toEqual([["error", "spec.triggers.eventbridge.schedules[0].input", "input goes to a function; a task does not receive it"]]);
  });
  it("refuse two schedules of the same name", () => {
    const schedules = [
      { name: "nightly", expression: "rate(1 day)", function: "report" },
      { name: "nightly", expression: "rate(2 days)", function: "sync" },
    ];
    expect(errorsOf({ lambda, triggers: { eventbridge: { scheduleGroup: "jobs", schedules } } })).toEqual([
      ["error", "spec.triggers.eventbridge.schedules[1].name", 'schedule name "nightly" is already used by schedules[0]'],
    ]);
  });
});

describe("semantic rule: event rules and the webhook gateway", () => {
  const lambda = { functions: [fn("deployer")] };
  const rules = (events: unknown[], triggers: Record<string, unknown> = GATEWAY.triggers) => errorsOf({ lambda, triggers: { ...triggers, events }, secrets: GATEWAY.secrets });

  it("pass with a rule without a pattern (every gateway event)", () => expect(rules([{ name: "all", function: "deployer" }])).toEqual([]));
  it("pass with a valid pattern", () => expect(rules([{ name: "push", function: "deployer", pattern: { "detail-type": ["push"], detail: { body: { ref: [{ prefix: "refs/heads/" }] } } } }])).toEqual([]));
  it("refuse a malformed pattern at the part at fault", () => {
    expect(rules([{ name: "push", function: "deployer", pattern: { detail: { ref: [{ startsWith: "refs/" }] } } }])).toEqual([
      ["error", "spec.triggers.events[0].pattern.detail.ref[0].startsWith", '"startsWith" is not an EventBridge pattern operator'],
    ]);
  });
  it("refuse a target function the spec does not declare", () => {
    expect(rules([{ name: "push", function: "deploy" }])).toEqual([["error", "spec.triggers.events[0].function", 'targets function "deploy", which spec.lambda.functions does not declare']]);
  });
  it("refuse rules without the gateway, which creates the bus", () => {
    expect(rules([{ name: "push", function: "deployer" }], {})).toEqual([["error", "spec.triggers.events", "rules need the stack's event bus, which only the webhook gateway creates"]]);
  });
  it("refuse a gateway secret that spec.secrets does not declare", () => {
    expect(errorsOf({ lambda, triggers: GATEWAY.triggers, secrets: ["GITHUB_WEBHOOK_SECRT"] })).toEqual([
      ["error", "spec.triggers.webhook.secret", 'secret "GITHUB_WEBHOOK_SECRET" is not declared in spec.secrets'],
    ]);
  });
  it("refuse the built-in gateway without a scheme or a secret", () => {
    expect(errorsOf({ lambda, triggers: { webhookGateway: true } })).toEqual([
      ["error", "spec.triggers.webhookGateway", "the built-in webhook gateway needs the senders' signature scheme (webhook.scheme)"],
      ["error", "spec.triggers.webhookGateway", "the webhook gateway needs the name of its signing secret (webhook.secret)"],
    ]);
  });
  it("let a gateway of one's own image go without a scheme", () => {
    expect(errorsOf({ lambda, triggers: { webhookGateway: true, webhook: { image: "gateway", secret: "HOOK" } }, secrets: ["HOOK"] })).toEqual([]);
  });
});

describe("registry rule: reachability of data sections", () => {
  it("stays quiet when lambda can reach the data", () => {
    expect(check({ storage: { accessPoint: { path: "/data" } }, lambda: { functions: [fn("chat")] } })).toEqual([]);
  });
  it("warns for each data section nothing can reach, without failing the spec", () => {
    const { config, diagnostics } = load(specYaml({ storage: { accessPoint: { path: "/data" } }, database: database() }));
    expect(config).toBeDefined();
    expect(diagnostics.map((d) => [d.severity, d.path, d.message])).toEqual([
      ["warning", "spec.storage", "nothing in this stack can reach the storage (no compute and no lambda)"],
      ["warning", "spec.database", "nothing in this stack can reach the database (no compute and no lambda)"],
    ]);
  });
});

describe("semantic errors", () => {
  it("each name a spec path, a position and how to fix it", () => {
    const { diagnostics } = load(
      specYaml({
        compute: { cpu: 512, memory: 512 },
        cache: cache({ engineVersion: "5.0" }),
        database: database({ dbUsername: "admin", dbName: "user", engineVersion: "13" }),
        lambda: { functions: [fn("chat", { environment: { AWS_REGION: "x" } }), fn("chat")] },
        triggers: { eventbridge: { scheduleGroup: "default" } },
        secrets: ["API_KEY", "API_KEY"],
      }),
    );
    expect(diagnostics.length).toBeGreaterThanOrEqual(9);
    for (const d of diagnostics) {
      expect(d.path).toMatch(/^spec\./);
      expect(d.line).toBeGreaterThan(0);
      expect(d.hint, `${d.path}: ${d.message}`).toBeTruthy();
    }
  });
});
