// The two-phase create decided from a synthesized stack: repositories first while tags are missing.
import { describe, expect, it } from "vitest";
import { decideCreateRun, missingVariables, parseVars, PLACEHOLDER_VALUE, repositoryTargets, withoutImageCheck, type StackJson } from "../../src/lifecycle/create-plan.js";
import type { OutputManifestEntry } from "../../src/engine/layout.js";
import { namespacedOutputs } from "../../src/lifecycle/workspace.js";

const stack: StackJson = {
  resource: {
    aws_ecr_repository: { compute_ecr_repository: {}, lambda_worker_repository: {} },
    aws_ecr_lifecycle_policy: { compute_ecr_repository_lifecycle: {} },
    aws_ecs_service: { compute_ecs_service: {} },
  },
  variable: {
    image_tag: { type: "string", description: "Tag of the service image." },
    lambda_worker_image_tag: { type: "string", description: "Tag of the worker image." },
    log_level: { type: "string", default: "info" },
  },
};

describe("two-phase create", () => {
  it("targets the repositories and their policies in the first phase", () => {
    expect(repositoryTargets(stack)).toEqual([
      "aws_ecr_repository.compute_ecr_repository",
      "aws_ecr_repository.lambda_worker_repository",
      "aws_ecr_lifecycle_policy.compute_ecr_repository_lifecycle",
    ]);
  });

  it("runs the repositories phase while an image tag is missing, with placeholders for the missing tags", () => {
    expect(decideCreateRun(stack, "auto", { image_tag: "abc" }, {}, "platform.yaml")).toEqual({
      phase: "repositories",
      targets: repositoryTargets(stack),
      vars: { image_tag: "abc", lambda_worker_image_tag: PLACEHOLDER_VALUE },
      missing: ["lambda_worker_image_tag"],
    });
  });

  it("applies everything once every image tag has a value", () => {
    expect(decideCreateRun(stack, "auto", { image_tag: "abc", lambda_worker_image_tag: "def" }, {}, "platform.yaml")).toEqual({
      phase: "all",
      vars: { image_tag: "abc", lambda_worker_image_tag: "def" },
    });
  });

  it("counts a TF_VAR_<name> environment variable as a value", () => {
    expect(missingVariables(stack, { image_tag: "abc" }, { TF_VAR_lambda_worker_image_tag: "def" })).toEqual([]);
  });

  it("applies a stack without repositories in one phase", () => {
    expect(decideCreateRun({ resource: { aws_efs_file_system: { storage: {} } } }, "auto", {}, {}, "p.yaml")).toEqual({ phase: "all", vars: {} });
  });

  it("refuses the repositories phase for a stack without repositories (exit 2)", () => {
    expect(() => decideCreateRun({}, "repositories", {}, {}, "p.yaml")).toThrow("this stack has no image repositories, so there is no repositories phase");
  });

  it("refuses a --var that is not name=value", () => {
    expect(() => parseVars(["image_tag"], stack)).toThrow('--var "image_tag" is not of the form name=value');
  });

  it("keeps everything after the first = as the value", () => {
    expect(parseVars(["image_tag=a=b"], stack)).toEqual({ image_tag: "a=b" });
  });
});

describe("plans that are never applied (preview with placeholder tags, destroy)", () => {
  const checked: StackJson = { ...stack, variable: { ...stack.variable, check_images: { type: "bool", default: true } } };

  it("turn the stack's image check off, keeping the given values", () => {
    expect(withoutImageCheck(checked, { image_tag: PLACEHOLDER_VALUE })).toEqual({ image_tag: PLACEHOLDER_VALUE, check_images: "false" });
  });

  it("leave a value the user gave, and a stack without the check, alone", () => {
    expect(withoutImageCheck(checked, { check_images: "true" })).toEqual({ check_images: "true" });
    expect(withoutImageCheck(stack, { image_tag: "x" })).toEqual({ image_tag: "x" });
  });

  it("does not count check_images as a variable a deploy must set", () => {
    expect(missingVariables(checked, {}, {})).toEqual(["image_tag", "lambda_worker_image_tag"]);
  });
});

describe("outputs", () => {
  it("prints outputs under the namespaced key the stack's output manifest gives them, hiding sensitive values", () => {
    const manifest: OutputManifestEntry[] = [
      { key: "compute.service_url", terraformName: "compute_service_url", description: "Public URL." },
      { key: "database.master_user_secret_arn", terraformName: "database_master_user_secret_arn", description: "Secret." },
    ];
    expect(
      namespacedOutputs(manifest, {
        compute_service_url: { value: "https://shop.example.com", sensitive: false },
        database_master_user_secret_arn: { value: "arn:aws:secretsmanager:...", sensitive: true },
      }),
    ).toEqual([
      { key: "compute.service_url", name: "compute_service_url", value: "https://shop.example.com" },
      { key: "database.master_user_secret_arn", name: "database_master_user_secret_arn", value: "(sensitive)" },
    ]);
  });

  it("keeps the Terraform name of an output the manifest does not list", () => {
    expect(namespacedOutputs([], { legacy_output: { value: 1, sensitive: false } })).toEqual([{ key: "legacy_output", name: "legacy_output", value: "1" }]);
  });
});
