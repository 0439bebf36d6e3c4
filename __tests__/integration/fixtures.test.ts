// Every fixture end to end: the capabilities it selects, and a golden copy of the Terraform it
// synthesizes (review changes to __snapshots__/ like code: they are what reaches an account).
import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { planSteps } from "../../src/engine/plan.js";
import { renderStack } from "../../src/engine/synth.js";
import { fixturePath, loadValid, resourceAddresses, ROOT, synthesize, synthesizeFixture } from "../helpers/spec.js";
import { readFileSync } from "node:fs";

const fixtures = readdirSync(`${ROOT}fixtures`).filter((name) => name.endsWith(".yaml")).sort();

/** The steps a fixture states in its `# steps: a, b, c` header line, in the order they run. */
function expectedSteps(text: string): string[] | undefined {
  const line = text.split("\n").find((l) => l.startsWith("# steps: "));
  return line?.slice("# steps: ".length).split(",").map((step) => step.trim());
}

describe("fixtures", () => {
  it.each(fixtures)("%s states the steps it runs in a `# steps:` header line", (name) => {
    expect(expectedSteps(readFileSync(fixturePath(name), "utf8"))).toBeDefined();
  });

  it.each(fixtures)("%s selects exactly its capabilities, in phase order", (name) => {
    const text = readFileSync(fixturePath(name), "utf8");
    const config = loadValid(text, `fixtures/${name}`);
    expect(planSteps(config).map((step) => step.name)).toEqual(expectedSteps(text));
  });

  // A fixture with environments deploys its environments, not its base: one golden file each.
  it.each(fixtures)("%s synthesizes the golden Terraform JSON (of each environment, when it has them)", async (name) => {
    const text = readFileSync(fixturePath(name), "utf8");
    const environments = loadValid(text, `fixtures/${name}`).environments;
    if (environments.length === 0) {
      const { stack } = await synthesizeFixture(name);
      await expect(renderStack(stack)).toMatchFileSnapshot(`__snapshots__/${name.replace(/\.yaml$/, "")}.tf.json`);
      return;
    }
    for (const environment of environments) {
      const { stack } = await synthesize(loadValid(text, `fixtures/${name}`, environment));
      await expect(renderStack(stack)).toMatchFileSnapshot(`__snapshots__/${name.replace(/\.yaml$/, "")}.${environment}.tf.json`);
    }
  });

  it("storage + cache yields EFS and Redis and nothing of compute or networking", async () => {
    const addresses = resourceAddresses((await synthesizeFixture("platform-storage-cache.yaml")).json);
    expect(addresses.some((a) => a.startsWith("aws_efs_file_system."))).toBe(true);
    expect(addresses.some((a) => a.startsWith("aws_elasticache_replication_group."))).toBe(true);
    expect(addresses.filter((a) => /aws_ecs_|aws_lb_|cloudflare_|aws_ecr_|aws_lambda_/.test(a))).toEqual([]);
  });

  it("the minimal fixture yields an ECS service behind the shared ALB", async () => {
    const addresses = resourceAddresses((await synthesizeFixture("platform-minimal.yaml")).json);
    expect(addresses).toEqual(
      expect.arrayContaining(["aws_ecs_service.compute_ecs_service", "aws_lb_target_group.networking_target_group", "aws_lb_listener_rule.networking_listener_rule"]),
    );
  });
});
