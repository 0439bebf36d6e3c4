// Issue 16, item 1: every mistake a spec has comes back in one run. Schema errors of one section do
// not hide semantic errors of another, semantic rules do not hide each other or the capabilities'
// preconditions; only the checks that read a broken section's values are skipped, for that section.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkSpecFile } from "../../src/engine/specs.js";
import { specYaml } from "../helpers/spec.js";

const folder = mkdtempSync(join(tmpdir(), "platform-one-round-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
let count = 0;

/** Every diagnostic of the whole check (schema, semantic rules, preconditions) as "severity path: message". */
async function diagnosticsOf(text: string): Promise<string[]> {
  const file = join(folder, `spec-${++count}.yaml`);
  writeFileSync(file, text);
  const { config, diagnostics } = await checkSpecFile(file);
  if (diagnostics.some((d) => d.severity === "error")) expect(config).toBeUndefined();
  return diagnostics.map((d) => `${d.severity} ${d.path}: ${d.message}`);
}

describe("one round: every layer's mistakes at once", () => {
  it("reports schema errors, semantic errors of other sections, and preconditions together", async () => {
    const text = specYaml(
      {
        // schema: an unknown field (compute is broken; its own semantic rule cannot run)
        compute: { prot: 8080 },
        // semantic: unsupported Redis version
        cache: { engine: "redis", nodeType: "cache.t3.micro", engineVersion: "5.0" },
        // semantic: reserved master user name and reserved database name
        database: { engine: "postgres", instanceClass: "db.t3.micro", dbName: "template0", dbUsername: "rdsadmin" },
        // precondition: serviceDiscovery needs compute, which is declared (if broken): no error
        serviceDiscovery: { namespace: "internal.local" },
        // schema: storage without its required access point
        storage: { encrypted: true },
        // semantic: a duplicate function name
        lambda: { functions: [{ name: "chat", image: "chat" }, { name: "chat", image: "chat" }] },
        // semantic: the AWS-owned schedule group
        triggers: { eventbridge: { scheduleGroup: "default" } },
        // semantic: a duplicate secret; schema: a lowercase one
        secrets: ["API_KEY", "API_KEY", "lower"],
        // schema: an unknown section
        sevrices: {},
      },
      "Bad_Name",
    );
    const diagnostics = await diagnosticsOf(text);
    expect(diagnostics).toEqual([
      expect.stringMatching(/^error metadata\.name: "Bad_Name" is not valid/),
      "error spec.compute.prot: unknown field \"prot\"; did you mean \"port\"?",
      "error spec.cache.engineVersion: Redis 5.0 is not supported",
      expect.stringMatching(/^error spec\.database\.dbName: RDS refuses "template0" as the database name/),
      expect.stringMatching(/^error spec\.database\.dbUsername: RDS refuses "rdsadmin" as the master user name/),
      "error spec.storage.accessPoint: required field is missing",
      'error spec.lambda.functions[1].name: function name "chat" is already used by spec.lambda.functions[0]',
      "error spec.triggers.eventbridge.scheduleGroup: \"default\" is the schedule group AWS creates in every account; it cannot be created again",
      expect.stringMatching(/^error spec\.secrets\[2\]: "lower" is not valid/),
      expect.stringMatching(/^error spec\.sevrices: unknown section "sevrices"/),
    ]);
  });

  it("reports a semantic error and the precondition it used to hide (duplicate function name, serviceDiscovery without compute)", async () => {
    const text = specYaml({
      serviceDiscovery: { namespace: "internal.local" },
      lambda: { functions: [{ name: "chat", image: "chat" }, { name: "chat", image: "chat" }] },
    });
    expect(await diagnosticsOf(text)).toEqual([
      "error spec.serviceDiscovery: requires spec.compute: the ECS service is what registers in the Cloud Map namespace",
      "error spec.lambda.functions[1].name: function name \"chat\" is already used by spec.lambda.functions[0]",
    ]);
  });

  it("reports the default schedule group and the eventbridge precondition together", async () => {
    const text = specYaml({ storage: { accessPoint: { path: "/data" } }, triggers: { eventbridge: { scheduleGroup: "default" } } });
    expect(await diagnosticsOf(text)).toEqual([
      "warning spec.storage: nothing in this stack can reach the storage (no compute and no lambda)",
      "error spec.triggers.eventbridge: requires spec.lambda or spec.compute: schedules invoke the stack's functions or run its task, so one of them must exist",
      "error spec.triggers.eventbridge.scheduleGroup: \"default\" is the schedule group AWS creates in every account; it cannot be created again",
    ]);
  });

  it("reports schema errors of one section with the semantic errors and preconditions of others", async () => {
    const text = specYaml({
      compute: { cpu: 256, memory: 4096 }, // semantic: not a Fargate pair
      cache: { engine: "redis" }, // schema: nodeType missing
      serviceDiscovery: { namespace: 42 }, // schema: wrong type; precondition holds (compute declared)
      triggers: { eventbridge: { scheduleGroup: "default" } },
    });
    expect(await diagnosticsOf(text)).toEqual([
      expect.stringMatching(/^error spec\.compute\.memory: 4096 MiB is not a valid Fargate memory size for 256 CPU units/),
      "error spec.cache.nodeType: required field is missing",
      expect.stringMatching(/^error spec\.serviceDiscovery\.namespace: must be a string, got number 42/),
      expect.stringMatching(/^error spec\.triggers\.eventbridge\.scheduleGroup: "default"/),
    ]);
  });

  it("still checks the preconditions of a section with schema errors, and skips only what needs its values", async () => {
    // serviceDiscovery is broken but declared: its precondition (compute) does not read its values.
    // triggers is broken: whether eventbridge is configured cannot be decided, so that precondition is skipped.
    const text = specYaml({
      serviceDiscovery: { namespace: 42 },
      triggers: { eventbridge: { scheduleGroup: "nightly", extra: true } },
      database: { engine: "postgres", instanceClass: "db.t3.micro", dbName: "app", dbUsername: "app_admin" },
    });
    expect(await diagnosticsOf(text)).toEqual([
      "error spec.serviceDiscovery: requires spec.compute: the ECS service is what registers in the Cloud Map namespace",
      expect.stringMatching(/^error spec\.serviceDiscovery\.namespace: must be a string/),
      expect.stringMatching(/^error spec\.triggers\.eventbridge\.extra: unknown field "extra"/),
      "warning spec.database: nothing in this stack can reach the database (no compute and no lambda)",
    ]);
  });

  it("does not warn that nothing reaches the data when the workload section itself has a mistake", async () => {
    const text = specYaml({ compute: { port: "eighty" }, cache: { engine: "redis", nodeType: "cache.t3.micro" } });
    expect(await diagnosticsOf(text)).toEqual([expect.stringMatching(/^error spec\.compute\.port: must be a whole number/)]);
  });

  it("stops only where nothing more can be read: a spec that is not a mapping", async () => {
    const text = "apiVersion: platform.althq.com/v1\nkind: Servic\nmetadata:\n  name: ok\nspec: [compute]\n";
    expect(await diagnosticsOf(text)).toEqual([
      expect.stringMatching(/^error kind: must be "Service"/),
      expect.stringMatching(/^error spec: must be a mapping/),
    ]);
  });
});
