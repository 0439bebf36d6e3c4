// The plan-time image check. No AWS provider can run here, so the real-terraform test stands in for
// the two AWS data sources with variables of the same shape (names; image_ids[*].image_tag) and puts
// the synthesized condition and message, unchanged otherwise, on a terraform_data resource.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { resource, resourcesOf, specYaml, synthesize, type TerraformJson } from "../../helpers/spec.js";

const spec = specYaml({ compute: { port: 8080 }, lambda: { functions: [{ name: "chat", image: "agent" }, { name: "pi", image: "agent" }] } }, "orders");

type Condition = { condition: string; error_message: string };
const preconditions = (body: Record<string, unknown>) => (body.lifecycle as { precondition?: Condition[] } | undefined)?.precondition ?? [];

describe("image check (synthesized)", () => {
  it("guards the task definition and every function with a precondition on its own repository and tag variable", async () => {
    const { json } = await synthesize(spec);
    const [task] = preconditions(resource(json, "aws_ecs_task_definition", "compute_task_definition"));
    expect(task!.condition).toBe("${!var.check_images || contains(flatten([for listed in data.aws_ecr_images.compute_ecr_repository_images : listed.image_ids[*].image_tag]), var.image_tag)}");
    expect(task!.error_message).toContain("The image orders:${var.image_tag} is not in ECR, so the orders service's tasks could not start; nothing has been created by this plan.");
    expect(task!.error_message).toContain("`platform create <spec>`");
    expect(task!.error_message).toContain("-target=aws_ecr_repository.compute_ecr_repository");
    const [chat] = preconditions(resource(json, "aws_lambda_function", "lambda_chat_function"));
    expect(chat!.condition).toContain("data.aws_ecr_images.lambda_agent_ecr_repository_images");
    expect(chat!.condition).toContain("var.lambda_chat_image_tag");
  });

  it("lists a repository's images only when the repository exists (one lookup per repository), and declares check_images", async () => {
    const { json } = await synthesize(spec);
    expect(json.data?.aws_ecr_repositories).toEqual({ existing_ecr_repositories: {} });
    expect(Object.keys(json.data?.aws_ecr_images ?? {}).sort()).toEqual(["compute_ecr_repository_images", "lambda_agent_ecr_repository_images"]);
    expect(json.data?.aws_ecr_images?.lambda_agent_ecr_repository_images).toEqual({
      repository_name: "orders-agent",
      count: '${var.check_images && contains(data.aws_ecr_repositories.existing_ecr_repositories.names, "orders-agent") ? 1 : 0}',
    });
    expect(json.variable?.check_images).toMatchObject({ type: "bool", default: true, nullable: false });
  });
});

describe("image check (real terraform, AWS data sources stood in by variables)", () => {
  const work = mkdtempSync(join(tmpdir(), "image-check-"));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  /** The function's check and its images lookup's count, rewritten onto variables and terraform_data. */
  async function writeStandIn(): Promise<void> {
    const { json } = await synthesize(spec);
    const [check] = preconditions(resource(json, "aws_lambda_function", "lambda_chat_function"));
    const count = (json.data?.aws_ecr_images?.lambda_agent_ecr_repository_images as { count: string }).count;
    const standIn = (text: string) =>
      text
        .replace(/data\.aws_ecr_repositories\.existing_ecr_repositories\.names/g, "var.repository_names")
        .replace(/data\.aws_ecr_images\.lambda_agent_ecr_repository_images/g, "local.listed");
    const stack: TerraformJson & { locals: unknown } = {
      variable: {
        check_images: json.variable!.check_images!,
        lambda_chat_image_tag: { type: "string" },
        repository_names: { type: "list(string)" },
        pushed_tags: { type: "list(string)" },
      },
      locals: {
        // As the data source with its count: one listing when the repository exists, none otherwise.
        lookups: standIn(count),
        listed: "${[for i in range(local.lookups) : { image_ids = [for tag in var.pushed_tags : { image_tag = tag }] }]}",
      },
      resource: { terraform_data: { function: { input: "${var.lambda_chat_image_tag}", lifecycle: { precondition: [{ condition: standIn(check!.condition), error_message: check!.error_message }] } } } },
    };
    writeFileSync(join(work, "main.tf.json"), JSON.stringify(stack));
  }

  const env = { ...process.env, TF_IN_AUTOMATION: "1", CHECKPOINT_DISABLE: "1" };
  const plan = (vars: Record<string, string>) => {
    const args = ["plan", "-input=false", "-no-color", ...Object.entries(vars).flatMap(([k, v]) => ["-var", `${k}=${v}`])];
    const run = spawnSync("terraform", args, { cwd: work, encoding: "utf8", env });
    return { code: run.status, output: `${run.stdout}${run.stderr}`.replace(/[│\s]+/g, " ") };
  };

  it("fails a new stack's plan (no repository yet) with the message, passes once the tag is pushed, and is off with check_images=false", async () => {
    await writeStandIn();
    execFileSync("terraform", ["init", "-input=false", "-no-color"], { cwd: work, env, stdio: "pipe" });

    const fresh = plan({ lambda_chat_image_tag: "3f2a91c", repository_names: "[]", pushed_tags: "[\"3f2a91c\"]" });
    expect(fresh.code).toBe(1);
    expect(fresh.output).toContain("The image orders-agent:3f2a91c is not in ECR, so the chat function could not start");

    const notPushed = plan({ lambda_chat_image_tag: "3f2a91c", repository_names: "[\"orders-agent\"]", pushed_tags: "[\"0000000\"]" });
    expect(notPushed.code).toBe(1);
    expect(notPushed.output).toContain("orders-agent:3f2a91c is not in ECR");

    const pushed = plan({ lambda_chat_image_tag: "3f2a91c", repository_names: "[\"other\", \"orders-agent\"]", pushed_tags: "[\"0000000\", \"3f2a91c\"]" });
    expect(pushed.output).toContain("Plan: 1 to add");
    expect(pushed.code).toBe(0);

    const lookOnly = plan({ lambda_chat_image_tag: "not-set", repository_names: "[]", pushed_tags: "[]", check_images: "false" });
    expect(lookOnly.code).toBe(0);
  });
});
