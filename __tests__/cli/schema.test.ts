import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { renderJsonSchema } from "../../schema/export.js";
import { runCli } from "../helpers/cli.js";
import { ROOT } from "../helpers/spec.js";

describe("platform schema", () => {
  it("prints the JSON Schema of platform.yaml, the same as the committed file", async () => {
    const { code, stdout, stderr } = await runCli(["schema"]);
    expect(code).toBe(0);
    expect(stderr).toBe("");
    expect(stdout).toBe(renderJsonSchema());
    expect(stdout).toBe(readFileSync(`${ROOT}schema/platform-spec-v1.json`, "utf8"));
  });

  it("exits 2 when given arguments", async () => {
    const { code, stderr } = await runCli(["schema", "fixtures/platform-minimal.yaml"]);
    expect(code).toBe(2);
    expect(stderr).toBe("platform schema: schema takes no arguments\n");
  });
});
