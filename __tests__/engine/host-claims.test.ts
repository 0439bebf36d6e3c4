// Review of issue 18: `compute.hostnames` are `<label>.<zone>` in every stack, environment stacks
// included (docs/settings.md), so two stacks of one run in the same Cloudflare zone could both
// create `api.<zone>`: the second apply fails on its DNS record after its listener rule for the
// same host is already on the shared ALB, where the rule with the lower priority takes the other
// stack's traffic. Such a run is refused before anything is built.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { processFile, processFiles } from "../../src/engine/batch.js";
import { engineDefaults, gatherSettings } from "../../src/settings/sources.js";

const dir = mkdtempSync(join(tmpdir(), "host-claims-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let counter = 0;
function specFile(spec: Record<string, unknown>): string {
  const file = join(dir, `spec-${++counter}.yaml`);
  writeFileSync(file, stringify({ apiVersion: "platform.althq.com/v1", kind: "Service", ...spec }));
  return file;
}

const errorsOf = (outcome: { diagnostics: Array<{ severity: string; code?: string; path?: string; message: string }> }) =>
  outcome.diagnostics.filter((d) => d.severity === "error").map((d) => ({ code: d.code, path: d.path, message: d.message }));

describe("DNS names two stacks would both create in one Cloudflare zone", () => {
  it("refuses an extra host name that two environments of one spec create in the shared zone", async () => {
    const file = specFile({ metadata: { name: "shop" }, spec: { compute: { hostnames: ["api"] } }, environments: { dev: {}, prod: {} } });
    const outcome = await processFile(file, { mode: "validate", policy: false, settings: engineDefaults() });
    expect(outcome.service).toBeUndefined();
    expect(errorsOf(outcome)).toEqual([
      {
        code: "compute/host-taken",
        path: "spec.compute.hostnames[0]",
        message: expect.stringMatching(/^host name "api" in the Cloudflare zone of \/cloudflare\/zone_id is created by both stack shop-dev and stack shop-prod/),
      },
    ]);
  });

  it("refuses an environment's extra host name that is another environment's own host", async () => {
    const file = specFile({ metadata: { name: "shop" }, spec: { compute: {} }, environments: { dev: { compute: { hostnames: ["shop-prod"] } }, prod: {} } });
    const outcome = await processFile(file, { mode: "validate", policy: false, settings: engineDefaults() });
    expect(errorsOf(outcome)).toEqual([expect.objectContaining({ code: "compute/host-taken", message: expect.stringContaining('host name "shop-prod"') })]);
  });

  it("accepts host names the environments set apart (per-environment hostnames)", async () => {
    const file = specFile({ metadata: { name: "shop" }, spec: { compute: {} }, environments: { dev: { compute: { hostnames: ["api-dev"] } }, prod: { compute: { hostnames: ["api"] } } } });
    const outcome = await processFile(file, { mode: "validate", policy: false, settings: engineDefaults() });
    expect(errorsOf(outcome)).toEqual([]);
    expect(outcome.service?.stacks).toEqual(["shop-dev", "shop-prod"]);
  });

  it("accepts the same extra host name in environments with Cloudflare zones of their own", async () => {
    const settingsFile = join(dir, "platform-settings.yaml");
    writeFileSync(
      settingsFile,
      stringify({ environments: { dev: { cloudflareZoneIdParameter: "/cloudflare/dev/zone_id" }, prod: { cloudflareZoneIdParameter: "/cloudflare/prod/zone_id" } } }),
    );
    const file = specFile({ metadata: { name: "shop" }, spec: { compute: { hostnames: ["api"] } }, environments: { dev: {}, prod: {} } });
    const gathered = gatherSettings({}, {}, dir, [file], settingsFile);
    expect(gathered.diagnostics).toEqual([]);
    const outcome = await processFile(file, { mode: "validate", policy: false, settings: gathered.sources });
    expect(errorsOf(outcome)).toEqual([]);
  });

  it("refuses a second spec whose host name is an earlier spec's extra host name", async () => {
    const first = specFile({ metadata: { name: "shop" }, spec: { compute: { hostnames: ["api"] } } });
    const second = specFile({ metadata: { name: "api" }, spec: { compute: {} } });
    const [a, b] = await processFiles([first, second], { mode: "validate", policy: false, settings: engineDefaults() });
    expect(errorsOf(a!)).toEqual([]);
    expect(errorsOf(b!)).toEqual([expect.objectContaining({ code: "compute/host-taken", path: "metadata.name", message: expect.stringContaining(first) })]);
  });
});
