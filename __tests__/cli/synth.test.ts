import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, spawnPlatform } from "../helpers/cli.js";
import { fixturePath, specYaml } from "../helpers/spec.js";

const tmp = () => mkdtempSync(join(tmpdir(), "platform-cli-"));

describe("platform synth", () => {
  it("writes the minimal fixture's stack with the spec's values and an S3 backend", async () => {
    const out = tmp();
    const run = await runCli(["synth", fixturePath("platform-minimal.yaml"), "--out", out]);
    expect(run.code).toBe(0);
    const json = JSON.parse(readFileSync(join(out, "stacks/platform-minimal/cdk.tf.json"), "utf8"));
    const definition = json.resource.aws_ecs_task_definition.compute_task_definition;
    expect([definition.cpu, definition.memory]).toEqual(["256", "512"]);
    expect(JSON.parse(definition.container_definitions)[0].portMappings[0].containerPort).toBe(8080);
    expect(json.resource.aws_ecs_service.compute_ecs_service.desired_count).toBe(2);
    expect(json.resource.aws_lb_target_group.networking_target_group.health_check.path).toBe("/healthz");
    expect(json.terraform.backend.s3.key).toBe("platform/platform-minimal/terraform.tfstate");
    expect(run.stdout).toMatch(/cdk\.tf\.json: \d+ resources/);
    expect(run.stdout).toMatch(/compute\/compute: +6 resources/);
  });

  it("writes nothing when any spec is invalid, and exits 1 with the positioned error", async () => {
    const out = tmp();
    const bad = join(out, "bad.yaml");
    writeFileSync(bad, specYaml({ compute: { cpu: 300 } }, "bad-svc"));
    const run = await runCli(["synth", fixturePath("platform-minimal.yaml"), bad, "--out", out]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/bad\.yaml:7:10 spec\.compute\.cpu: must be one of/);
    expect(run.stderr).toMatch(/nothing written/);
    expect(existsSync(join(out, "stacks"))).toBe(false);
  });

  it("writes nothing when two specs take the same generated name (another service's repository), naming both files", async () => {
    const out = tmp();
    writeFileSync(join(out, "orders.yaml"), specYaml({ lambda: { functions: [{ name: "chat", image: "api" }] } }, "orders"));
    writeFileSync(join(out, "orders-api.yaml"), specYaml({ compute: {} }, "orders-api"));
    const run = await runCli(["synth", join(out, "orders.yaml"), join(out, "orders-api.yaml"), "--out", out]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      `${join(out, "orders-api.yaml")}:4:3 metadata.name: ECR repository name "orders-api" is also taken by ${join(out, "orders.yaml")}:9:9 (spec.lambda.functions[0].image); it must be unique in the account and region`,
    );
    expect(run.stderr).toMatch(/nothing written/);
    expect(existsSync(join(out, "stacks"))).toBe(false);
  });

  it("applies engine settings given as flags and as PLATFORM_* variables, the flag winning", async () => {
    const out = tmp();
    const run = await runCli(["synth", fixturePath("platform-minimal.yaml"), "--out", out, "--state-bucket", "from-flag"], {
      env: { PLATFORM_STATE_BUCKET: "from-env", PLATFORM_REGION: "eu-central-1" },
    });
    expect(run.code).toBe(0);
    const json = JSON.parse(readFileSync(join(out, "stacks/platform-minimal/cdk.tf.json"), "utf8"));
    expect(json.terraform.backend.s3.bucket).toBe("from-flag");
    expect(json.provider.aws[0].region).toBe("eu-central-1");
  });

  it("rejects an invalid setting with exit 2, naming the variable", async () => {
    const run = await runCli(["synth", fixturePath("platform-minimal.yaml")], { env: { PLATFORM_BACKEND: "gcs" } });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("invalid setting PLATFORM_BACKEND=\"gcs\": must be one of s3, cloud");
  });

  it("exits 2 without a spec, and on an unknown flag", async () => {
    expect((await runCli(["synth"])).code).toBe(2);
    const run = await runCli(["synth", fixturePath("platform-minimal.yaml"), "--colour"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/Unknown option '--colour'/);
  });

  it("as a real command: synthesizes the same bytes twice and prints no stack trace on bad input", () => {
    const out = tmp();
    const first = spawnPlatform(["synth", fixturePath("platform-minimal.yaml"), "--out", join(out, "a")]);
    const second = spawnPlatform(["synth", fixturePath("platform-minimal.yaml"), "--out", join(out, "b")]);
    expect([first.code, second.code]).toEqual([0, 0]);
    const file = "stacks/platform-minimal/cdk.tf.json";
    expect(readFileSync(join(out, "a", file)).equals(readFileSync(join(out, "b", file)))).toBe(true);

    const missing = spawnPlatform(["synth", join(out, "does-not-exist.yaml"), "--out", join(out, "c")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('does-not-exist.yaml": no such file');
    expect(missing.stderr).not.toMatch(/\n\s+at /);
  });

  it("needs no terraform binary, even for constructs cdktf would check the terraform version for", () => {
    const out = tmp();
    const spec = join(out, "db.yaml");
    writeFileSync(spec, specYaml({ compute: {}, database: { engine: "postgres", instanceClass: "db.t3.micro", dbName: "app", dbUsername: "app_admin" } }, "db-svc"));
    const run = spawnPlatform(["synth", spec, "--out", join(out, "o")], { env: { PATH: `${dirname(process.execPath)}:/usr/bin:/bin` } });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(readFileSync(join(out, "o/stacks/db-svc/cdk.tf.json"), "utf8")).toContain('"terraform_data"');
  });
});
