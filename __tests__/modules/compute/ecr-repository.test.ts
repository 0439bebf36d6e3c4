import { describe, expect, it } from "vitest";
import { ecrRepository } from "../../../src/modules/compute/ecr-repository.js";
import { defaultSettings, resource } from "../../helpers/spec.js";
import { synthModule } from "../../helpers/module.js";

interface Rule {
  rulePriority: number;
  selection: { tagStatus: string; tagPatternList?: string[]; countType: string; countNumber: number; countUnit?: string };
  action: { type: string };
}

const rules = (keepImages: number): Rule[] => {
  const json = synthModule((scope) => ecrRepository(scope, "repo", { name: "orders", keepImages }));
  return (JSON.parse(resource(json, "aws_ecr_lifecycle_policy", "repo_lifecycle").policy as string) as { rules: Rule[] }).rules;
};

describe("ecrRepository lifecycle policy", () => {
  it("by default (engine settings) never expires a tagged image: the one in service, or a rollback's, stays pullable", () => {
    const keep = defaultSettings().ecrKeepImages;
    expect(keep).toBe(0);
    const policy = rules(keep);
    expect(policy.filter((rule) => rule.selection.tagStatus !== "untagged")).toEqual([]);
  });

  it("expires only untagged images (no deploy can name them: tags are immutable) after 14 days", () => {
    expect(rules(0)).toEqual([
      {
        rulePriority: 1,
        description: "Expire untagged images 14 days after their push; a deploy names images by tag",
        selection: { tagStatus: "untagged", countType: "sinceImagePushed", countUnit: "days", countNumber: 14 },
        action: { type: "expire" },
      },
    ]);
  });

  it("expires tagged images beyond the newest N only when the owner opts in with a count", () => {
    const policy = rules(200);
    expect(policy[1]).toMatchObject({
      rulePriority: 2,
      selection: { tagStatus: "tagged", tagPatternList: ["*"], countType: "imageCountMoreThan", countNumber: 200 },
      action: { type: "expire" },
    });
  });
});
