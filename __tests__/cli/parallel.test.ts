// Many specs are spread over worker threads (the bundled engine's dist/worker.js). The result must
// not depend on it: same bytes, same errors, same all-or-nothing output.
import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { spawnPlatform } from "../helpers/cli.js";
import { filesBelow } from "../helpers/files.js";
import { specYaml } from "../helpers/spec.js";

function specs(count: number, broken?: number): string[] {
  const folder = mkdtempSync(join(tmpdir(), "platform-parallel-"));
  return Array.from({ length: count }, (_, i) => {
    const file = join(folder, `svc-${i}.yaml`);
    const compute = i === broken ? { cpu: 256, memory: 4096 } : { port: 8000 + i };
    writeFileSync(file, specYaml({ compute, cache: { engine: "redis", nodeType: "cache.t3.micro" } }, `svc-${i}`));
    return file;
  });
}

describe("worker threads", () => {
  it("synthesize the same bytes as one thread", () => {
    const files = specs(6);
    const out = mkdtempSync(join(tmpdir(), "platform-parallel-out-"));
    const one = spawnPlatform(["synth", ...files, "--out", join(out, "one")], { env: { PLATFORM_WORKERS: "1" } });
    const three = spawnPlatform(["synth", ...files, "--out", join(out, "three")], { env: { PLATFORM_WORKERS: "3" } });
    expect([one.code, three.code]).toEqual([0, 0]);
    expect(three.stdout).toBe(one.stdout.replaceAll(join(out, "one"), join(out, "three")));
    expect(filesBelow(join(out, "three"))).toEqual(filesBelow(join(out, "one")));
  });

  it("write nothing when a spec handled by a worker is invalid, and report it in argument order", () => {
    const files = specs(6, 5);
    const out = mkdtempSync(join(tmpdir(), "platform-parallel-out-"));
    const run = spawnPlatform(["synth", ...files, "--out", join(out, "o")], { env: { PLATFORM_WORKERS: "3" } });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/svc-5\.yaml:\d+:\d+ spec\.compute\.memory: 4096 MiB is not a valid Fargate memory size/);
    expect(run.stderr).toContain("nothing written: 1 error in the specs");
    expect(readdirSync(out)).toEqual([]);
  });

  it("find a service name used twice across threads", () => {
    const [first] = specs(1);
    const out = mkdtempSync(join(tmpdir(), "platform-parallel-out-"));
    const run = spawnPlatform(["validate", first!, ...specs(3), first!], { env: { PLATFORM_WORKERS: "2" } });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('metadata.name: service name "svc-0" is also used by');
    expect(readdirSync(out)).toEqual([]);
  });
});
