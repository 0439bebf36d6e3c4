// How the lifecycle's AWS clients are configured: endpoint overrides, path-style S3, region, keys.
import { describe, expect, it } from "vitest";
import { ignoredRegionNote, parameterClient, s3Endpoint, ssmEndpoint, stateBucketClient } from "../../src/lifecycle/aws.js";
import { defaultSettings } from "../helpers/spec.js";

describe("AWS clients", () => {
  it("sends state requests to the stateEndpoint setting first, then AWS_ENDPOINT_URL_S3, then AWS_ENDPOINT_URL", () => {
    const env = { AWS_ENDPOINT_URL_S3: "http://s3.local:9000", AWS_ENDPOINT_URL: "http://all.local:4566" };
    expect(s3Endpoint(defaultSettings({ stateEndpoint: "http://127.0.0.1:4568" }), env)?.url).toBe("http://127.0.0.1:4568");
    expect(s3Endpoint(defaultSettings(), env)).toEqual({ url: "http://s3.local:9000", from: "AWS_ENDPOINT_URL_S3" });
    expect(s3Endpoint(defaultSettings(), { AWS_ENDPOINT_URL: "http://all.local:4566" })).toEqual({ url: "http://all.local:4566", from: "AWS_ENDPOINT_URL" });
    expect(s3Endpoint(defaultSettings(), {})).toBeUndefined();
  });

  it("sends SSM requests to AWS_ENDPOINT_URL_SSM, then AWS_ENDPOINT_URL", () => {
    expect(ssmEndpoint({ AWS_ENDPOINT_URL_SSM: "http://ssm.local", AWS_ENDPOINT_URL: "http://all.local" })?.url).toBe("http://ssm.local");
    expect(ssmEndpoint({ AWS_ENDPOINT_URL: "http://all.local" })?.url).toBe("http://all.local");
  });

  it("addresses buckets by path when the endpoint is overridden, by host otherwise", async () => {
    const overridden = stateBucketClient(defaultSettings({ stateEndpoint: "http://127.0.0.1:4568" }), {});
    const aws = stateBucketClient(defaultSettings(), {});
    expect(overridden.config.forcePathStyle).toBe(true);
    expect(await overridden.config.endpoint?.()).toMatchObject({ hostname: "127.0.0.1", port: 4568, protocol: "http:" });
    expect(aws.config.forcePathStyle).toBe(false);
  });

  it("uses the state region for the bucket and the stack region for SSM", async () => {
    const settings = defaultSettings({ region: "eu-west-1", stateRegion: "eu-central-1" });
    expect(await stateBucketClient(settings, {}).config.region()).toBe("eu-central-1");
    expect(await parameterClient(settings, {}).config.region()).toBe("eu-west-1");
  });

  it("takes static keys from the command's environment when it has them", async () => {
    const client = stateBucketClient(defaultSettings(), { AWS_ACCESS_KEY_ID: "AKIDEXAMPLE", AWS_SECRET_ACCESS_KEY: "secret", AWS_SESSION_TOKEN: "token" });
    expect(await client.config.credentials()).toMatchObject({ accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret", sessionToken: "token" });
  });

  it("notes that AWS_REGION does not move a stack away from the region setting", () => {
    expect(ignoredRegionNote("us-east-1", { AWS_REGION: "eu-west-1" }, "the stack", "--region / PLATFORM_REGION")).toBe(
      "note: AWS_REGION=eu-west-1 is not used: the stack is in us-east-1 (set by --region / PLATFORM_REGION)",
    );
    expect(ignoredRegionNote("us-east-1", { AWS_REGION: "us-east-1" }, "the stack", "--region")).toBeUndefined();
  });
});
