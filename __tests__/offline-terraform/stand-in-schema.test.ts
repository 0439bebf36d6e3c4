// The stand-ins' schemas: generated from the installed cdktf bindings, committed, never stale, and
// covering every type the engine's stacks use.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { ProviderSchema } from "../../test-support/stand-in-provider/schema-gen.js";
import { schemaFor } from "../../test-support/stand-in-provider/server.js";
import { renderSchema, schemaFile } from "../../test-support/stand-in-provider/write-schemas.js";
import { ROOT } from "../helpers/spec.js";

const GOLDEN = join(ROOT, "__tests__", "integration", "__snapshots__");

const committed = (provider: "aws" | "cloudflare") => JSON.parse(readFileSync(schemaFile(provider), "utf8")) as ProviderSchema;

describe("stand-in provider schemas", () => {
  it.each(["aws", "cloudflare"] as const)("the committed %s schema matches the installed bindings (regenerate: npm run stand-in:schemas)", (provider) => {
    expect(readFileSync(schemaFile(provider), "utf8")).toBe(renderSchema(provider));
  });

  it("has a schema for every resource, data source and ephemeral type in the golden stacks", () => {
    const schemas = { aws: committed("aws"), cloudflare: committed("cloudflare") };
    const missing: string[] = [];
    let checked = 0;
    for (const file of readdirSync(GOLDEN).filter((f) => f.endsWith(".tf.json"))) {
      const stack = JSON.parse(readFileSync(join(GOLDEN, file), "utf8")) as Record<string, Record<string, unknown> | undefined>;
      for (const [section, key] of [
        ["resource", "resource_schemas"],
        ["data", "data_source_schemas"],
        ["ephemeral", "ephemeral_resource_schemas"],
      ] as const) {
        for (const type of Object.keys(stack[section] ?? {})) {
          if (type === "terraform_data") continue; // built into Terraform
          const provider = type.startsWith("cloudflare_") ? "cloudflare" : "aws";
          checked++;
          if (!schemas[provider][key][type]) missing.push(`${file}: ${section}.${type}`);
        }
      }
    }
    expect(missing).toEqual([]);
    expect(checked).toBeGreaterThan(40);
  });

  it("carries the bindings' metadata: required, computed-only, nested block nesting and limits, nested attributes", () => {
    const aws = committed("aws");
    const permission = aws.resource_schemas.aws_lambda_permission!.block.attributes;
    expect(permission.action).toEqual({ required: true, type: "string" });
    expect(permission.qualifier).toEqual({ computed: true, optional: true, type: "string" });
    const role = aws.resource_schemas.aws_iam_role!.block.attributes;
    expect(role.arn).toEqual({ computed: true, type: "string" });
    expect(role.unique_id).toEqual({ computed: true, type: "string" });
    const network = aws.resource_schemas.aws_ecs_service!.block.block_types.network_configuration!;
    expect(network.nesting_mode).toBe("list");
    expect(network.max_items).toBe(1);
    expect(network.block.attributes.subnets).toEqual({ required: true, type: ["set", "string"] });
    expect(aws.resource_schemas.aws_ecs_service!.block.block_types.load_balancer!.nesting_mode).toBe("set");
    expect(aws.resource_schemas.aws_db_instance!.block.attributes.master_user_secret).toEqual({
      computed: true,
      type: ["list", ["object", { kms_key_id: "string", secret_arn: "string", secret_status: "string" }]],
    });
    const record = committed("cloudflare").resource_schemas.cloudflare_dns_record!.block.attributes;
    expect(record.zone_id).toEqual({ required: true, type: "string" });
    expect(record.data!.nested_type!.nesting_mode).toBe("single");
  });

  it("adds what the bindings lack from the provider docs: sensitive values, the ephemeral SSM parameter, attributes of newer versions", () => {
    const aws = committed("aws");
    expect(aws.data_source_schemas.aws_ssm_parameter!.block.attributes.value!.sensitive).toBe(true);
    expect(aws.ephemeral_resource_schemas.aws_ssm_parameter!.block.attributes.arn).toEqual({ required: true, type: "string" });
    expect(committed("cloudflare").provider.block.attributes.api_token!.sensitive).toBe(true);
    // invoked_via_function_url exists from hashicorp/aws 6.28: served at 6.28.0, not at 6.25.0.
    expect(schemaFor(ROOT, "aws", "6.28.0").resource_schemas.aws_lambda_permission!.block.attributes.invoked_via_function_url).toEqual({ optional: true, type: "bool" });
    expect(schemaFor(ROOT, "aws", "6.25.0").resource_schemas.aws_lambda_permission!.block.attributes.invoked_via_function_url).toBeUndefined();
  });
});
