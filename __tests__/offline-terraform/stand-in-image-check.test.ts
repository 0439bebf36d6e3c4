// The plan-time check that a stack's images are pushed (issue 15 item 12), on with its default
// `check_images=true`: real terraform with the stand-in providers (offline). The stand-in answers
// ECR's lookups (`aws_ecr_repositories`, `aws_ecr_images`) from its world file; what it cannot
// prove is ECR's own answer (the provider's data source documentation is the authority for that).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../helpers/spec.js";
import { offlineStack, readStackJson, synthFixture, tail } from "./stand-in-harness.js";

type World = { data: Record<string, Array<Record<string, unknown>>> };
const baseWorld = JSON.parse(readFileSync(join(ROOT, "test-support", "stand-in-provider", "world.json"), "utf8")) as World;
const REPOSITORY = "platform-minimal";

/** The base world with the service's ECR repository holding `tags` (none: no repository at all). */
function worldWithImages(dir: string, tags: string[] | undefined): string {
  const world = structuredClone(baseWorld);
  world.data.aws_ecr_repositories = [{ id: "us-east-1", names: tags === undefined ? [] : [REPOSITORY] }];
  world.data.aws_ecr_images = tags === undefined ? [] : [{ id: REPOSITORY, repository_name: REPOSITORY, image_ids: tags.map((tag, i) => ({ image_tag: tag, image_digest: `sha256:${String(i).padStart(64, "0")}` })) }];
  const file = join(dir, `world-${tags === undefined ? "none" : tags.join("-") || "empty"}.json`);
  writeFileSync(file, JSON.stringify(world));
  return file;
}

describe("the image check with check_images on (stand-in providers, real terraform)", () => {
  let synthesized: { out: string; stacks: string[] };
  const work = mkdtempSync(join(tmpdir(), "stand-in-image-check-"));
  beforeAll(async () => {
    synthesized = await synthFixture("platform-minimal.yaml");
  });
  afterAll(() => {
    if (synthesized) rmSync(synthesized.out, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  });

  const plan = async (tags: string[] | undefined, imageTag: string) => {
    const [stackDir] = synthesized.stacks;
    expect(readStackJson(stackDir!).variable?.check_images).toMatchObject({ default: true });
    const stack = await offlineStack(stackDir!, { world: worldWithImages(work, tags) });
    try {
      const result = await stack.tf(["plan", "-input=false", "-no-color", "-var", `image_tag=${imageTag}`]);
      return { ...result, text: `${result.stdout}${result.stderr}`.replace(/[│\s]+/g, " ") };
    } finally {
      stack.cleanup();
    }
  };

  it.concurrent("passes when the tag is in the repository", async () => {
    const result = await plan(["abc123", "def456"], "abc123");
    expect(result.code, tail(result)).toBe(0);
  });

  it.concurrent("fails the plan, naming the repository and the tag, when the tag was not pushed", async () => {
    const result = await plan(["abc123"], "not-pushed");
    expect(result.code, tail(result)).not.toBe(0);
    expect(result.text).toContain(`The image ${REPOSITORY}:not-pushed is not in ECR`);
  });

  it.concurrent("fails a new stack's plan (no repository yet) the same way, before anything is created", async () => {
    const result = await plan(undefined, "abc123");
    expect(result.code, tail(result)).not.toBe(0);
    expect(result.text).toContain(`The image ${REPOSITORY}:abc123 is not in ECR`);
    expect(result.text).not.toMatch(/Apply complete|Creating\.\.\./);
  });
});
