// Terraform's own error texts, explained in one line. Texts the real binary produces here are
// tested end to end (lock, missing bucket, credentials, provider mirror); these are the ones it
// cannot produce offline: registry unreachable and AWS refusing a destroy (as the AWS provider words them).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { explainTerraformFailure, plainText } from "../../src/lifecycle/terraform-errors.js";

const REGISTRY_UNREACHABLE = `Initializing the backend...
Initializing provider plugins...
- Finding hashicorp/aws versions matching "~> 6.25"...

Error: Failed to query available provider packages

Could not retrieve the list of available versions for provider hashicorp/aws:
could not connect to registry.terraform.io: failed to request discovery
document: Get "https://registry.terraform.io/.well-known/terraform.json":
dial tcp: lookup registry.terraform.io on 10.255.255.53:53: no such host
`;

const DELETION_PROTECTED = `aws_db_instance.database_instance: Destroying... [id=db-ABC]

Error: deleting RDS DB Instance (shop): operation error RDS: DeleteDBInstance, https response error StatusCode: 400, RequestID: 5f0c, api error InvalidParameterCombination: Cannot delete protected DB Instance, please disable deletion protection and try again.

`;

const REPOSITORY_NOT_EMPTY = `aws_ecr_repository.compute_ecr_repository: Destroying... [id=shop]

Error: ECR Repository (shop) not empty, consider using force_delete: RepositoryNotEmptyException: The repository with name 'shop' in registry with id '123456789012' cannot be deleted because it still contains images
`;

// The AWS provider (6.x, service.go capacityProviderStrategyCustomizeDiff) refuses at plan time any
// change of capacity_provider_strategy without force_new_deployment: what spec.compute.capacity
// going from spot or mixed back to on-demand (launch_type FARGATE, no strategy) produces.
const CAPACITY_STRATEGY_REMOVED = `aws_ecs_cluster.compute_ecs_cluster: Refreshing state... [id=arn:aws:ecs:us-east-1:123456789012:cluster/queue-worker]

Error: force_new_deployment should be true when capacity_provider_strategy is being updated

  with aws_ecs_service.compute_ecs_service,
  on cdk.tf.json line 812, in resource.aws_ecs_service.compute_ecs_service:
 812:       }
`;

describe("terraform failure explanations", () => {
  it("says the provider registry cannot be reached, naming the provider", () => {
    expect(explainTerraformFailure("init", REGISTRY_UNREACHABLE, "/stacks/shop")).toMatchObject({
      message: "terraform could not install provider hashicorp/aws: the provider registry cannot be reached",
      hint: expect.stringContaining("provider mirror"),
    });
  });

  it("explains deletion protection as two steps instead of the raw RDS error", () => {
    expect(explainTerraformFailure("apply", DELETION_PROTECTED, "/stacks/shop")).toEqual({
      message: "the database shop has deletion protection on, so it was not destroyed",
      hint: expect.stringMatching(/^destroying it takes two steps: set spec\.database\.deletionProtection: false and run `platform create <spec>`.*then run `platform destroy <name>` again$/),
    });
  });

  describe("names the stack's service and environment in the two steps, read from its provider's default tags", () => {
    const root = mkdtempSync(join(tmpdir(), "terraform-errors-"));
    afterAll(() => rmSync(root, { recursive: true, force: true }));
    const stackWithTags = (name: string, tags: Record<string, string>) => {
      const dir = join(root, name);
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, "cdk.tf.json"), JSON.stringify({ provider: { aws: [{ region: "us-east-1", default_tags: [{ tags }] }] } }));
      return dir;
    };

    it("a stack of one environment: the overlay's field and --env on both commands", () => {
      const dir = stackWithTags("orders-prod", { "platform:service": "orders", "platform:environment": "prod" });
      expect(explainTerraformFailure("apply", DELETION_PROTECTED, dir).hint).toBe(
        "destroying it takes two steps: set environments.prod.database.deletionProtection: false (or spec.database.deletionProtection for every environment) and run `platform create <spec> --env prod` (this only turns the protection off; the final snapshot is still taken), then run `platform destroy orders --env prod` again",
      );
    });

    it("a stack without environments: the spec's field and the service's name", () => {
      const dir = stackWithTags("orders", { "platform:service": "orders" });
      expect(explainTerraformFailure("apply", DELETION_PROTECTED, dir).hint).toMatch(/set spec\.database\.deletionProtection: false and run `platform create <spec>` .*then run `platform destroy orders` again$/);
    });
  });

  it("says which repository still holds images and how to empty it", () => {
    const explained = explainTerraformFailure("apply", REPOSITORY_NOT_EMPTY, "/stacks/shop");
    expect(explained.message).toBe("ECR repository shop still holds images, so it was not destroyed (the engine never deletes images implicitly)");
    expect(explained.hint).toContain("aws ecr batch-delete-image --repository-name shop");
  });

  it("explains the provider's refusal to leave Fargate Spot (capacity spot/mixed -> on-demand) and the way out", () => {
    const explained = explainTerraformFailure("plan", CAPACITY_STRATEGY_REMOVED, "/stacks/queue-worker");
    expect(explained.message).toBe(
      "the AWS provider cannot take the ECS service aws_ecs_service.compute_ecs_service off its Fargate Spot capacity provider strategy in place (spec.compute.capacity went from spot or mixed to on-demand)",
    );
    expect(explained.hint).toContain("aws ecs update-service --cluster <cluster> --service <service> --capacity-provider-strategy '[]' --force-new-deployment");
    expect(explained.hint).toMatch(/^keep spec\.compute\.capacity spot or mixed, or /);
  });

  it("reads only the diagnostics, not the plan printed before them", () => {
    const output = `  + resource "aws_iam_role_policy" "x" {\n      + policy = "AccessDenied"\n    }\n\nError: creating ECS Service: InvalidParameterException: subnets can not be empty.\n`;
    expect(explainTerraformFailure("apply", output, "/d").message).toBe("terraform apply failed: creating ECS Service: InvalidParameterException: subnets can not be empty.");
  });

  it("understands terraform's colored, boxed diagnostics", () => {
    const boxed = "\u001b[31m╷\u001b[0m\n\u001b[31m│\u001b[0m \u001b[1m\u001b[31mError: \u001b[0m\u001b[0m\u001b[1mError acquiring the state lock\u001b[0m\n\u001b[31m│\u001b[0m   ID:        1111-2222\n";
    expect(plainText(boxed)).toContain("Error: Error acquiring the state lock\n  ID:        1111-2222");
    expect(explainTerraformFailure("apply", boxed, "/d").message).toBe("the stack's state is locked, lock 1111-2222: another terraform run is using it");
  });
});
