import { describe, expect, it } from "vitest";
import { defaultSettings, specYaml, synthesize } from "../helpers/spec.js";

const minimal = specYaml({ compute: {} });

describe("stack", () => {
  it("keeps state in S3 at platform/<name>/terraform.tfstate, encrypted, with S3-native locking", async () => {
    const { json } = await synthesize(minimal);
    expect(json.terraform?.backend).toEqual({
      s3: {
        bucket: "platform-engine-terraform-state",
        key: "platform/test-svc/terraform.tfstate",
        region: "us-east-1",
        encrypt: true,
        use_lockfile: true,
      },
    });
  });

  it("requires Terraform 1.10 (ephemeral resources and S3 lockfiles)", async () => {
    const { json } = await synthesize(minimal);
    expect(json.terraform?.required_version).toBe(">= 1.10");
  });

  it("takes the state bucket and regions from the settings", async () => {
    const { json } = await synthesize(minimal, defaultSettings({ stateBucket: "acme-state", region: "eu-west-1", stateRegion: "us-east-2" }));
    expect(json.terraform?.backend).toMatchObject({ s3: { bucket: "acme-state", region: "us-east-2" } });
    expect(json.provider?.aws).toEqual([expect.objectContaining({ region: "eu-west-1" })]);
  });

  it("uses endpoints.s3 and path-style addressing for an S3-compatible state server", async () => {
    const { json } = await synthesize(minimal, defaultSettings({ stateEndpoint: "http://127.0.0.1:4568" }));
    const s3 = (json.terraform?.backend as { s3: Record<string, unknown> }).s3;
    expect(s3).toMatchObject({ endpoints: { s3: "http://127.0.0.1:4568" }, use_path_style: true, skip_credentials_validation: true, skip_requesting_account_id: true });
    expect(s3).not.toHaveProperty("endpoint");
    expect(s3).not.toHaveProperty("force_path_style");
  });

  it("writes a cloud block instead of the S3 backend when the backend setting is cloud", async () => {
    const { json } = await synthesize(minimal, defaultSettings({ backend: "cloud", cloudOrganization: "acme", cloudWorkspacePrefix: "svc-" }));
    expect(json.terraform?.cloud).toEqual({ hostname: "app.terraform.io", organization: "acme", workspaces: { name: "svc-test-svc" } });
    expect(json.terraform?.backend).toBeUndefined();
  });

  it("tags every resource with the service and the engine through the provider's default tags", async () => {
    const { json } = await synthesize(minimal);
    expect(json.provider?.aws).toEqual([
      { region: "us-east-1", default_tags: [{ tags: { "platform:service": "test-svc", "platform:managed-by": "platform-engine" } }] },
    ]);
  });
});
