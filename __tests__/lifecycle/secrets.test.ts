// Declared secrets go from the environment of `platform create` to SSM SecureStrings
// (aws-sdk-client-mock stands in for SSM: no SSM-compatible server runs here).
import { PutParameterCommand, SSMClient } from "@aws-sdk/client-ssm";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import { pushSecrets, secretsFromEnvironment } from "../../src/lifecycle/secrets.js";

const ssm = mockClient(SSMClient);
beforeEach(() => {
  ssm.reset();
  ssm.on(PutParameterCommand).resolves({ Version: 3 });
});

describe("secret push (aws-sdk-client-mock for SSM)", () => {
  it("reads each declared secret from the environment variable of the same name", () => {
    expect(secretsFromEnvironment("billing", ["API_KEY", "DATABASE_URL"], { API_KEY: "k-1", DATABASE_URL: "postgres://x", OTHER: "ignored" })).toEqual([
      { name: "API_KEY", parameter: "/billing/API_KEY", value: "k-1" },
      { name: "DATABASE_URL", parameter: "/billing/DATABASE_URL", value: "postgres://x" },
    ]);
  });

  it("names every missing secret in one error, with --skip-secrets as the way out", () => {
    let failure: unknown;
    try {
      secretsFromEnvironment("billing", ["API_KEY", "DATABASE_URL", "SMTP_PASSWORD"], { DATABASE_URL: "postgres://x", SMTP_PASSWORD: "" });
    } catch (error) {
      failure = error;
    }
    expect(failure).toMatchObject({
      exitCode: 2,
      message: "secrets API_KEY, SMTP_PASSWORD declared in spec.secrets are not set in the environment",
      hint: expect.stringContaining("--skip-secrets"),
    });
  });

  it("stores each secret as an SSM SecureString at /<service>/<NAME>, replacing an older value", async () => {
    const secrets = secretsFromEnvironment("billing", ["API_KEY"], { API_KEY: "k-1" });
    const seen: string[] = [];
    await pushSecrets(new SSMClient({ region: "us-east-1" }), secrets, (secret, version) => seen.push(`${secret.name}@${version}`));
    expect(ssm.commandCalls(PutParameterCommand).map((call) => call.args[0].input)).toEqual([
      { Name: "/billing/API_KEY", Value: "k-1", Type: "SecureString", Overwrite: true },
    ]);
    expect(seen).toEqual(["API_KEY@3"]);
  });

  it("ends a denied write in exit 3 naming the secret and its parameter", async () => {
    ssm.on(PutParameterCommand).rejects(Object.assign(new Error("denied"), { name: "AccessDeniedException", $metadata: { httpStatusCode: 400 } }));
    const secrets = secretsFromEnvironment("billing", ["API_KEY"], { API_KEY: "k-1" });
    await expect(pushSecrets(new SSMClient({ region: "us-east-1" }), secrets, () => {})).rejects.toMatchObject({
      exitCode: 3,
      message: "storing secret API_KEY in SSM parameter /billing/API_KEY: access denied",
    });
  });
});
