import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { CAPABILITIES } from "../../src/engine/registry.js";
import { synthesizeToDirectory } from "../../src/engine/synthesize.js";
import { defaultSettings, loadValid, specYaml } from "../helpers/spec.js";

const originalSecrets = CAPABILITIES.secrets!;
afterEach(() => {
  CAPABILITIES.secrets = originalSecrets;
});

const outDir = () => mkdtempSync(join(tmpdir(), "platform-synth-"));
const config = (name: string, spec: Record<string, unknown> = { compute: {} }) => loadValid(specYaml(spec, name));

describe("synthesis to a directory", () => {
  it("writes <out>/stacks/<name>/cdk.tf.json for each spec", async () => {
    const out = outDir();
    const summaries = await synthesizeToDirectory([config("alpha"), config("beta")], defaultSettings(), out);
    expect(summaries.map((s) => s.file)).toEqual([join(out, "stacks/alpha/cdk.tf.json"), join(out, "stacks/beta/cdk.tf.json")]);
    expect(JSON.parse(readFileSync(join(out, "stacks/alpha/cdk.tf.json"), "utf8")).terraform.backend.s3.key).toBe("platform/alpha/terraform.tfstate");
  });

  it("writes an output manifest beside each stack: every output's key, Terraform name and description", async () => {
    const out = outDir();
    await synthesizeToDirectory([config("alpha", { compute: {}, cache: { engine: "redis", nodeType: "cache.t4g.micro" } })], defaultSettings(), out);
    const stack = JSON.parse(readFileSync(join(out, "stacks/alpha/cdk.tf.json"), "utf8")) as { output: Record<string, { description: string }> };
    const manifest = JSON.parse(readFileSync(join(out, "stacks/alpha/outputs.json"), "utf8")) as Array<{ key: string; terraformName: string; description: string }>;
    expect(manifest.map((entry) => entry.terraformName).sort()).toEqual(Object.keys(stack.output).sort());
    for (const entry of manifest) expect(stack.output[entry.terraformName]!.description).toBe(`${entry.key}: ${entry.description}`);
    expect(manifest).toContainEqual({ key: "cache.redis.endpoint", terraformName: "cache_redis_endpoint", description: "Primary endpoint of the Redis replication group (reads and writes)." });
  });

  it("produces identical bytes for the same input", async () => {
    const first = outDir();
    const second = outDir();
    await synthesizeToDirectory([config("alpha", { compute: {}, secrets: ["B", "A"] })], defaultSettings(), first);
    await synthesizeToDirectory([config("alpha", { compute: {}, secrets: ["B", "A"] })], defaultSettings(), second);
    const a = readFileSync(join(first, "stacks/alpha/cdk.tf.json"));
    expect(a.equals(readFileSync(join(second, "stacks/alpha/cdk.tf.json")))).toBe(true);
    expect(a.toString()).not.toMatch(/20\d\d-\d\d-\d\dT/); // no timestamps
  });

  it("replaces a previous output of the same stack", async () => {
    const out = outDir();
    await synthesizeToDirectory([config("alpha", { compute: { port: 81 } })], defaultSettings(), out);
    await synthesizeToDirectory([config("alpha", { compute: { port: 82 } })], defaultSettings(), out);
    expect(readFileSync(join(out, "stacks/alpha/cdk.tf.json"), "utf8")).toContain('\\"containerPort\\":82');
  });

  it("leaves the previous output untouched and no staging folder behind when a stack fails", async () => {
    const out = outDir();
    await synthesizeToDirectory([config("alpha")], defaultSettings(), out);
    const before = readFileSync(join(out, "stacks/alpha/cdk.tf.json"));
    // A capability that fails while the second stack is built.
    CAPABILITIES.secrets = { ...originalSecrets, load: async () => ({ provision: () => { throw new Error("boom"); } }) };
    await expect(
      synthesizeToDirectory([config("alpha", { compute: { port: 99 } }), config("beta", { compute: {}, secrets: ["X"] })], defaultSettings(), out),
    ).rejects.toThrow("boom");
    expect(readFileSync(join(out, "stacks/alpha/cdk.tf.json")).equals(before)).toBe(true);
    expect(existsSync(join(out, "stacks/beta"))).toBe(false);
    // `stacks` and the generation folder it links to (src/engine/publish.ts); no staging, no lock.
    expect(readdirSync(out).sort()).toEqual([".platform-stacks", "stacks"]);
  });

  it("keeps other stacks already in the output folder", async () => {
    const out = outDir();
    mkdirSync(join(out, "stacks/other"), { recursive: true });
    writeFileSync(join(out, "stacks/other/cdk.tf.json"), "{}");
    await synthesizeToDirectory([config("alpha")], defaultSettings(), out);
    expect(readdirSync(join(out, "stacks")).sort()).toEqual(["alpha", "other"]);
  });

  it("renders each stack of a batch exactly as it renders alone (nothing leaks from one stack to the next)", async () => {
    const specs = [
      config("alpha", { compute: { port: 81 }, secrets: ["A"] }),
      config("beta", { compute: {}, cache: { engine: "redis", nodeType: "cache.t3.micro" } }),
      config("gamma", { lambda: { functions: [{ name: "fn", image: "img" }] }, storage: { accessPoint: { path: "/d" } } }),
    ];
    const together = outDir();
    await synthesizeToDirectory(specs, defaultSettings(), together);
    for (const spec of specs) {
      const alone = outDir();
      await synthesizeToDirectory([spec], defaultSettings(), alone);
      const file = `stacks/${spec.serviceName}/cdk.tf.json`;
      expect(readFileSync(join(together, file), "utf8")).toBe(readFileSync(join(alone, file), "utf8"));
    }
  });
});
