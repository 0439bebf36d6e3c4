// `environments:`: the merge rules, positions through the merge, and one stack per environment
// (stack name, state key, AWS names, DNS host, tags), with a spec without environments unchanged.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { MAX_ENVIRONMENT_NAME_LENGTH } from "../../src/config/environments.js";
import { checkSpecFile } from "../../src/engine/specs.js";
import { stateKey } from "../../src/engine/stack.js";
import { defaultSettings, fixturePath, load, loadValid, resource, resourcesOf, show, synthesize, type TerraformJson } from "../helpers/spec.js";

const spec = (body: string, name = "svc") => `apiVersion: platform.althq.com/v1
kind: Service
metadata:
  name: ${name}
${body}`;

describe("merge rules", () => {
  it("deep-merges mappings: an overlay of one key keeps its sibling keys", () => {
    const text = spec(`spec:
  compute:
    port: 8080
    cpu: 256
    memory: 512
environments:
  prod:
    compute:
      cpu: 512
      memory: 1024
`);
    const prod = loadValid(text, "t.yaml", "prod");
    expect(prod.spec.compute).toMatchObject({ port: 8080, cpu: 512, memory: 1024 });
    expect(loadValid(text, "t.yaml").spec.compute).toMatchObject({ port: 8080, cpu: 256, memory: 512 });
  });

  it("replaces a list wholesale (an overlay's list is the whole list)", () => {
    const text = spec(`spec:
  compute: {}
  secrets: [A_KEY, B_KEY]
environments:
  dev:
    secrets: [C_KEY]
`);
    expect(loadValid(text, "t.yaml", "dev").secrets).toEqual(["C_KEY"]);
  });

  it("merges lambda.functions by name: a named item is merged, a new one appended, the rest kept", () => {
    const text = spec(`spec:
  lambda:
    functions:
      - name: worker
        image: worker
        memory: 512
      - name: cron
        image: cron
environments:
  prod:
    lambda:
      functions:
        - name: worker
          memory: 2048
        - name: extra
          image: extra
`);
    const functions = loadValid(text, "t.yaml", "prod").spec.lambda!.functions;
    expect(functions.map((f) => [f.name, f.image, f.memory])).toEqual([
      ["worker", "worker", 2048],
      ["cron", "cron", expect.any(Number)],
      ["extra", "extra", expect.any(Number)],
    ]);
  });

  it("says did-you-mean at the overlay's name when an overlay's lambda.functions item written as a change (no image) misspells a base item's name; a complete new item is not second-guessed", () => {
    const text = spec(`spec:
  lambda:
    functions:
      - name: worker
        image: worker
environments:
  prod:
    lambda:
      functions:
        - name: wroker
          memory: 1024
        - name: worker2
          image: worker
`);
    const { config, diagnostics } = load(text, "t.yaml", "prod");
    expect(config).toBeUndefined();
    // The missing image is the error; the warning says why it is missing. worker2 is complete: a new function, nothing said.
    expect(diagnostics.map((d) => `${d.severity} ${d.code} ${show(d)}`)).toEqual([
      'error schema/required t.yaml:14:11 spec.lambda.functions[1].image: environment "prod": required field is missing',
      'warning environments/new-item t.yaml:14:17 environments.prod.lambda.functions[0].name: environment "prod": lambda.functions item "wroker" names no item of the base spec, so it adds a new one; did you mean "worker"?',
    ]);
    expect(diagnostics[1]!.hint).toContain("write name: worker to change that one");
    // The base check alone says nothing.
    expect(load(text, "t.yaml").diagnostics).toEqual([]);
  });

  it("warns that an empty lambda.functions list in an overlay keeps the base's functions (named items merge by name); null removes the section", () => {
    const text = spec(`spec:
  compute: {}
  lambda:
    functions:
      - name: worker
        image: worker
environments:
  dev:
    lambda:
      functions: []
`);
    const { config, diagnostics } = load(text, "t.yaml", "dev");
    expect(config?.spec.lambda?.functions.map((f) => f.name)).toEqual(["worker"]);
    expect(diagnostics.map((d) => `${d.severity} ${d.code} ${show(d)}; hint: ${d.hint}`)).toEqual([
      'warning environments/no-op t.yaml:14:18 environments.dev.lambda.functions: environment "dev": an empty lambda.functions list adds nothing: its items merge by name, so the base\'s 1 item stays; hint: to leave the section out in this environment, write lambda: null',
    ]);
  });

  it("reports a null in an overlay that removes nothing: a misspelt key is an unknown field (did-you-mean), a known field the base does not set a no-op warning", () => {
    const text = spec(`spec:
  compute:
    port: 8080
environments:
  prod:
    databse: null
    compute:
      listenerPriorty: null
      listenerPriority: null
`);
    const { config, diagnostics } = load(text, "t.yaml", "prod");
    expect(config).toBeUndefined();
    expect(diagnostics.map((d) => `${d.severity} ${d.code} ${show(d)}`)).toEqual([
      'error schema/unknown-section t.yaml:10:5 spec.databse: environment "prod": unknown section "databse"; did you mean "database"?',
      'error schema/unknown-field t.yaml:12:7 spec.compute.listenerPriorty: environment "prod": unknown field "listenerPriorty"; did you mean "listenerPriority"?',
      'warning environments/no-op t.yaml:13:7 spec.compute.listenerPriority: environment "prod": null removes nothing: the base spec does not set listenerPriority',
    ]);
    // The known field alone: valid, with the warning.
    const known = load(spec(`spec:\n  compute:\n    port: 8080\nenvironments:\n  prod:\n    compute:\n      listenerPriority: null\n`), "t.yaml", "prod");
    expect(known.config).toBeDefined();
    expect(known.diagnostics.map((d) => d.code)).toEqual(["environments/no-op"]);
  });

  it("removes an optional field on an explicit null", () => {
    const text = spec(`spec:
  compute:
    listenerPriority: 120
environments:
  dev:
    compute:
      listenerPriority: null
`);
    expect(loadValid(text, "t.yaml").spec.compute?.listenerPriority).toBe(120);
    expect(loadValid(text, "t.yaml", "dev").spec.compute?.listenerPriority).toBeUndefined();
  });

  it("reports a required field removed by null at the null's line, naming the environment", () => {
    const text = spec(`spec:
  database:
    engine: postgres
    instanceClass: db.t3.micro
    dbName: app
    dbUsername: app_admin
environments:
  dev:
    database:
      instanceClass: null
`);
    const { config, diagnostics } = load(text, "t.yaml", "dev");
    expect(config).toBeUndefined();
    // One round: the reachability warning of the broken section's environment comes along.
    expect(diagnostics.filter((d) => d.severity === "error").map(show)).toEqual([expect.stringMatching(/^t\.yaml:14:7 spec\.database\.instanceClass: environment "dev": required field is missing/)]);
  });

  it("points an error in a value the base wrote at the base's line, and one the overlay wrote at the overlay's", () => {
    const text = spec(`spec:
  compute:
    cpu: 256
    memory: 512
environments:
  qa:
    compute:
      cpu: 300
  uat:
    compute:
      memory: 300
`);
    expect(load(text, "t.yaml", "qa").diagnostics.map(show)).toEqual([expect.stringMatching(/^t\.yaml:12:12 spec\.compute\.cpu: environment "qa": must be one of/)]);
    expect(load(text, "t.yaml", "uat").diagnostics.map(show)).toEqual([expect.stringMatching(/^t\.yaml:15:15 spec\.compute\.memory: environment "uat": /)]);
  });

  it("reports an overlay's unknown field named like an Object.prototype member (toString, constructor, __proto__) instead of dropping it", () => {
    const text = spec(`spec:
  compute:
    cpu: 256
    memory: 512
environments:
  prod:
    compute:
      toString: 1
      constructor: { a: 1 }
      __proto__: { cpu: 4096 }
`);
    const { config, diagnostics } = load(text, "t.yaml", "prod");
    expect(config).toBeUndefined();
    expect(diagnostics.map(show)).toEqual([
      expect.stringMatching(/^t\.yaml:12:7 spec\.compute\.toString: environment "prod": unknown field "toString"/),
      expect.stringMatching(/^t\.yaml:13:7 spec\.compute\.constructor: environment "prod": unknown field "constructor"/),
      expect.stringMatching(/^t\.yaml:14:7 spec\.compute\.__proto__: environment "prod": unknown field "__proto__"/),
    ]);
  });

  it("says where a section goes when an overlay repeats spec: or the spec holds environments: or overrides: (common first mistakes)", () => {
    const nested = load(spec(`spec:\n  compute: {}\nenvironments:\n  prod:\n    spec:\n      compute:\n        cpu: 512\n`), "t.yaml", "prod").diagnostics;
    expect(nested.map(show)).toEqual([expect.stringMatching(/^t\.yaml:9:5 spec\.spec: environment "prod": unknown section "spec"/)]);
    expect(nested[0]!.hint).toBe("spec's sections go directly under spec:, and an environment's overlay holds them directly too (environments.<env>.compute, not environments.<env>.spec.compute)");
    const inside = load(spec(`spec:\n  compute: {}\n  environments:\n    prod: {}\n  overrides: []\n`), "t.yaml").diagnostics;
    expect(inside.map((d) => `${show(d)}; hint: ${d.hint}`)).toEqual([
      't.yaml:7:3 spec.environments: unknown section "environments"; hint: environments: is written at the top level, next to spec:, not inside it',
      't.yaml:9:3 spec.overrides: unknown section "overrides"; hint: overrides: is written at the top level, next to spec:, not inside it',
    ]);
  });

  it("refuses apiVersion, kind and metadata in an overlay, at the overlay's key", () => {
    const text = spec(`spec:
  compute: {}
environments:
  prod:
    kind: Other
    name: other
`);
    expect(load(text, "t.yaml").diagnostics.map(show)).toEqual([
      expect.stringMatching(/^t\.yaml:9:5 environments\.prod\.kind: environment "prod" cannot override kind/),
      expect.stringMatching(/^t\.yaml:10:5 environments\.prod\.name: environment "prod" cannot override metadata\.name/),
    ]);
  });

  it("refuses an environment name that breaks the service-name rule", () => {
    const { diagnostics } = load(spec(`spec:\n  compute: {}\nenvironments:\n  Prod: {}\n`), "t.yaml");
    expect(diagnostics.map(show)).toEqual([expect.stringMatching(/^t\.yaml:8:3 environments\.Prod: invalid name "Prod": use lowercase letters only/)]);
  });

  it(`accepts a ${MAX_ENVIRONMENT_NAME_LENGTH}-character environment name and refuses one more`, () => {
    const ok = "e".repeat(MAX_ENVIRONMENT_NAME_LENGTH);
    expect(load(spec(`spec:\n  compute: {}\nenvironments:\n  ${ok}: {}\n`), "t.yaml").diagnostics).toEqual([]);
    expect(load(spec(`spec:\n  compute: {}\nenvironments:\n  ${ok}e: {}\n`), "t.yaml").diagnostics.map((d) => d.message)).toEqual([
      expect.stringContaining(`is ${MAX_ENVIRONMENT_NAME_LENGTH + 1} characters long`),
    ]);
  });

  it("refuses an unknown environment with a did-you-mean", () => {
    const { diagnostics } = load(spec(`spec:\n  compute: {}\nenvironments:\n  staging: {}\n`), "t.yaml", "stagng");
    expect(diagnostics.map(show)).toEqual(['t.yaml:7:1 environments: unknown environment "stagng"; did you mean "staging"?']);
    expect(load(spec(`spec:\n  compute: {}\n`), "t.yaml", "dev").diagnostics[0]!.hint).toMatch(/declares no environments/);
  });
});

describe("checking a spec with environments", () => {
  it("checks the base and every environment; its targets are the environments, in order", async () => {
    const check = await checkSpecFile(fixturePath("platform-environments.yaml"));
    expect(check.diagnostics).toEqual([]);
    expect(check.config?.serviceName).toBe("orders");
    expect(check.targets?.map((t) => [t.serviceName, t.environment])).toEqual([
      ["orders-dev", "dev"],
      ["orders-staging", "staging"],
      ["orders-prod", "prod"],
    ]);
  });

  it("checks only the named environment with one given", async () => {
    const check = await checkSpecFile(fixturePath("platform-environments.yaml"), "prod");
    expect(check.targets?.map((t) => t.serviceName)).toEqual(["orders-prod"]);
  });
});

describe("one stack per environment", () => {
  const text = readFileSync(fixturePath("platform-environments.yaml"), "utf8");
  const stacks = async () =>
    Object.fromEntries(await Promise.all(["dev", "staging", "prod"].map(async (env) => [env, await synthesize(loadValid(text, "f.yaml", env))] as const)));

  it("gives each environment its stack name, state key, tag, sizes and database", async () => {
    const built = await stacks();
    for (const [env, { stack, json }] of Object.entries(built)) {
      expect(stack.node.id).toBe(`orders-${env}`);
      expect((json.terraform as { backend: { s3: { key: string } } }).backend.s3.key).toBe(`platform/orders/${env}/terraform.tfstate`);
      const provider = (json.provider!.aws as Array<{ default_tags: Array<{ tags: Record<string, string> }> }>)[0]!;
      expect(provider.default_tags[0]!.tags).toEqual({ "platform:service": "orders", "platform:environment": env, "platform:managed-by": "platform-engine" });
    }
    const task = (json: TerraformJson) => Object.values(resourcesOf(json, "aws_ecs_task_definition"))[0]!;
    const service = (json: TerraformJson) => Object.values(resourcesOf(json, "aws_ecs_service"))[0]!;
    const db = (json: TerraformJson) => Object.values(resourcesOf(json, "aws_db_instance"))[0]!;
    expect(["dev", "staging", "prod"].map((env) => [task(built[env]!.json).cpu, task(built[env]!.json).memory, service(built[env]!.json).desired_count])).toEqual([
      ["256", "512", 1],
      ["512", "1024", 2],
      ["1024", "2048", 3],
    ]);
    expect(["dev", "staging", "prod"].map((env) => [db(built[env]!.json).multi_az, db(built[env]!.json).instance_class])).toEqual([
      [false, "db.t3.micro"],
      [false, "db.t3.micro"],
      [true, "db.m6g.large"],
    ]);
  });

  it("gives the environments AWS names that do not collide, and a DNS host each", async () => {
    const built = await stacks();
    const names = (json: TerraformJson) => {
      const out: string[] = [];
      // Inline role policies are named inside their role, not in the account.
      for (const [type, byId] of Object.entries(json.resource ?? {})) {
        if (type === "aws_iam_role_policy") continue;
        for (const body of Object.values(byId)) for (const field of ["name", "identifier", "name_prefix"]) if (typeof body[field] === "string") out.push(body[field] as string);
      }
      return out.filter((n) => !n.includes("${"));
    };
    const dev = new Set(names(built.dev!.json));
    const prod = names(built.prod!.json);
    expect(prod.length).toBeGreaterThan(5);
    expect(prod.filter((n) => dev.has(n))).toEqual([]);
    const record = Object.values(resourcesOf(built.prod!.json, "cloudflare_dns_record"))[0] ?? Object.values(resourcesOf(built.prod!.json, "cloudflare_record"))[0];
    expect(JSON.stringify(record)).toContain("orders-prod");
  });

  it("keeps names distinct and within AWS limits for a 40-character service and the longest environment name", async () => {
    const service = "s".repeat(40);
    const a = "e".repeat(MAX_ENVIRONMENT_NAME_LENGTH);
    const b = `${"e".repeat(MAX_ENVIRONMENT_NAME_LENGTH - 1)}f`;
    const text2 = spec(
      `spec:\n  compute: {}\n  cache:\n    engine: redis\n    nodeType: cache.t3.micro\n  database:\n    engine: postgres\n    instanceClass: db.t3.micro\n    dbName: app\n    dbUsername: app_admin\nenvironments:\n  ${a}: {}\n  ${b}: {}\n`,
      service,
    );
    const ja = (await synthesize(loadValid(text2, "t.yaml", a))).json;
    const jb = (await synthesize(loadValid(text2, "t.yaml", b))).json;
    expect(resource(ja, "aws_db_instance", Object.keys(resourcesOf(ja, "aws_db_instance"))[0]!).identifier).not.toEqual(
      resource(jb, "aws_db_instance", Object.keys(resourcesOf(jb, "aws_db_instance"))[0]!).identifier,
    );
    const group = (json: TerraformJson) => Object.values(resourcesOf(json, "aws_elasticache_replication_group"))[0]!.replication_group_id as string;
    expect(group(ja)).not.toEqual(group(jb));
    expect(group(ja).length).toBeLessThanOrEqual(40);
  });

  it("leaves a spec without environments as it was: stack name, state key, tags", async () => {
    const { stack, json } = await synthesize(loadValid(spec(`spec:\n  compute: {}\n`)));
    expect(stack.node.id).toBe("svc");
    expect((json.terraform as { backend: { s3: { key: string } } }).backend.s3.key).toBe(stateKey("svc"));
    expect(stateKey("svc")).toBe("platform/svc/terraform.tfstate");
    const provider = (json.provider!.aws as Array<{ default_tags: Array<{ tags: Record<string, string> }> }>)[0]!;
    expect(Object.keys(provider.default_tags[0]!.tags)).not.toContain("platform:environment");
  });
});

describe("HCP Terraform per environment", () => {
  it("gives each environment its own workspace <prefix><name>-<env>", async () => {
    const text = readFileSync(fixturePath("platform-environments.yaml"), "utf8");
    const settings = defaultSettings({ backend: "cloud", cloudOrganization: "acme", cloudWorkspacePrefix: "svc-" });
    const workspaces = await Promise.all(
      ["dev", "prod"].map(async (env) => {
        const { json } = await synthesize(loadValid(text, "f.yaml", env), settings);
        return (json.terraform as { cloud: { organization: string; workspaces: { name: string } } }).cloud.workspaces.name;
      }),
    );
    expect(workspaces).toEqual(["svc-orders-dev", "svc-orders-prod"]);
  });
});

describe("names taken across specs", () => {
  it("refuses a spec named like another spec's environment stack (orders-prod)", async () => {
    const { mkdtempSync, writeFileSync, rmSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const { checkSpecFiles } = await import("../../src/engine/specs.js");
    const dir = mkdtempSync(join(tmpdir(), "platform-env-claims-"));
    try {
      writeFileSync(join(dir, "a.yaml"), spec(`spec:\n  compute: {}\nenvironments:\n  prod: {}\n`, "orders"));
      writeFileSync(join(dir, "b.yaml"), spec(`spec:\n  compute: {}\n`, "orders-prod"));
      const checked = await checkSpecFiles([join(dir, "a.yaml"), join(dir, "b.yaml")]);
      expect(checked.ok).toBe(false);
      expect(checked.files[1]!.diagnostics.map((d) => d.message)).toEqual([expect.stringContaining('service name "orders-prod" is also used by')]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
