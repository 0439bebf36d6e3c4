import { describe, expect, it } from "vitest";
import { envVarFor, flagFor, resolveSettings, SettingsError } from "../../src/settings/settings.js";

describe("engine settings", () => {
  it("have documented defaults", () => {
    expect(resolveSettings({}, {})).toMatchObject({
      region: "us-east-1",
      backend: "s3",
      privateSubnetTag: "network=private",
      albName: "product-external-alb",
      httpsListenerPort: 443,
      cloudflareZoneIdParameter: "/cloudflare/zone_id",
      cloudflareTokenParameter: "/cloudflare/platform_infra_token",
      cloudflareAccessPolicyParameter: "/cloudflare/access_policy_id",
      logRetentionDays: 30,
    });
  });

  it("derive their variable and flag names from the setting name", () => {
    expect(envVarFor("stateBucket")).toBe("PLATFORM_STATE_BUCKET");
    expect(flagFor("cloudflareZoneIdParameter")).toBe("--cloudflare-zone-id-parameter");
  });

  it("take a PLATFORM_* variable over the default and a flag over the variable", () => {
    expect(resolveSettings({}, { PLATFORM_ALB_NAME: "env-alb" }).albName).toBe("env-alb");
    expect(resolveSettings({ albName: "flag-alb" }, { PLATFORM_ALB_NAME: "env-alb" }).albName).toBe("flag-alb");
  });

  it("convert numeric settings from text", () => {
    expect(resolveSettings({}, { PLATFORM_LOG_RETENTION_DAYS: "90", PLATFORM_HTTPS_LISTENER_PORT: "8443" })).toMatchObject({ logRetentionDays: 90, httpsListenerPort: 8443 });
  });

  it("reject a value CloudWatch would refuse, naming where it came from", () => {
    expect(() => resolveSettings({}, { PLATFORM_LOG_RETENTION_DAYS: "45" })).toThrow(SettingsError);
    expect(() => resolveSettings({ logRetentionDays: "45" }, {})).toThrow(/--log-retention-days="?45"?/);
  });

  it("require an organization for the cloud backend", () => {
    expect(() => resolveSettings({ backend: "cloud" }, {})).toThrow("backend \"cloud\" needs an organization: set --cloud-organization or PLATFORM_CLOUD_ORGANIZATION");
  });
});
