// Every fixture's synthesized stack through real terraform with the stand-in providers:
// init, validate, plan, apply, a second plan with no changes, destroy.
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SharedStandIns, startSharedStandIns } from "../../scripts/offline-terraform.mjs";
import { FIXTURES, offlineStack, readStackJson, type StackJson, synthFixture, tail, variableArgs } from "./stand-in-harness.js";

/** A line of `terraform plan -json` (the machine-readable UI). */
interface PlanMessage {
  type: string;
  change?: { action: string; resource: { resource_type: string; resource_name: string } };
  changes?: { add: number; change: number; remove: number };
}

describe("stand-in providers: every fixture's stack with real terraform (offline)", () => {
  // Synthesis runs in-process and one at a time (cdktf's token registry is process-wide); the
  // terraform runs, each in its own folder, run concurrently.
  // The stand-ins are started once for the file; every terraform run attaches to them.
  const synthesized = new Map<string, { out: string; stacks: string[] }>();
  let shared: SharedStandIns;
  beforeAll(async () => {
    shared = await startSharedStandIns();
    for (const fixture of FIXTURES) synthesized.set(fixture, await synthFixture(fixture));
  });
  afterAll(async () => {
    await shared?.stop();
    for (const { out } of synthesized.values()) rmSync(out, { recursive: true, force: true });
  });

  it.concurrent.each(FIXTURES)(
    "%s: init, validate, plan every synthesized resource, apply, second plan has no changes, destroy (stand-in providers)",
    async (fixture) => {
      const { stacks } = synthesized.get(fixture)!;
      {
        expect(stacks.length).toBeGreaterThan(0);
        for (const stackDir of stacks) {
          const json = readStackJson(stackDir);
          const vars = variableArgs(json);
          const stack = await offlineStack(stackDir, { shared });
          try {
            const validate = await stack.tf(["validate", "-no-color"]);
            expect(validate.code, tail(validate)).toBe(0);

            const plan = await stack.tf(["plan", "-json", "-input=false", "-out=tfplan", ...vars]);
            expect(plan.code, tail(plan)).toBe(0);
            const messages = plan.stdout
              .trim()
              .split("\n")
              .map((line) => JSON.parse(line) as PlanMessage);
            const changes = messages.filter((m) => m.type === "planned_change").map((m) => m.change!);
            expect(changes.every((c) => c.action === "create")).toBe(true);
            // Every synthesized resource block is planned; blocks without for_each/count exactly once.
            const synthesized = Object.entries(json.resource ?? {}).flatMap(([type, blocks]) =>
              Object.entries(blocks).map(([name, body]) => ({ address: `${type}.${name}`, expands: "for_each" in body || "count" in body })),
            );
            const planned = new Map<string, number>();
            for (const c of changes) {
              const address = `${c.resource.resource_type}.${c.resource.resource_name}`;
              planned.set(address, (planned.get(address) ?? 0) + 1);
            }
            expect([...planned.keys()].sort()).toEqual(synthesized.map((s) => s.address).sort());
            for (const s of synthesized) if (!s.expands) expect(planned.get(s.address), s.address).toBe(1);
            const summary = messages.find((m) => m.type === "change_summary")!.changes!;
            expect(summary).toMatchObject({ add: changes.length, change: 0, remove: 0 });

            const apply = await stack.tf(["apply", "-input=false", "-no-color", "tfplan"]);
            expect(apply.code, tail(apply)).toBe(0);
            expect(apply.stdout).toContain(`Apply complete! Resources: ${changes.length} added`);

            const again = await stack.tf(["plan", "-input=false", "-no-color", "-detailed-exitcode", ...vars]);
            expect(again.code, tail(again)).toBe(0);
            expect(again.stdout).toContain("No changes.");

            // A protected database is destroyed in two steps, as docs/spec.md says: protection
            // off (an in-place update), then destroy. The stand-in refuses otherwise, like AWS
            // (stand-in-lifecycle.test.ts shows the refusal and its explanation).
            const copy = join(stack.prepared.stack, "cdk.tf.json");
            const deployed = JSON.parse(readFileSync(copy, "utf8")) as StackJson;
            const protectedDbs = Object.values(deployed.resource?.aws_db_instance ?? {}).filter((db) => db.deletion_protection === true);
            if (protectedDbs.length > 0) {
              for (const db of protectedDbs) db.deletion_protection = false;
              writeFileSync(copy, JSON.stringify(deployed, null, 2));
              const unprotect = await stack.tf(["apply", "-input=false", "-no-color", "-auto-approve", ...vars]);
              expect(unprotect.code, tail(unprotect)).toBe(0);
              expect(unprotect.stdout).toContain(`Resources: 0 added, ${protectedDbs.length} changed, 0 destroyed.`);
            }
            const destroy = await stack.tf(["destroy", "-input=false", "-no-color", "-auto-approve", ...vars]);
            expect(destroy.code, tail(destroy)).toBe(0);
            expect(destroy.stdout).toMatch(/Destroy complete! Resources: \d+ destroyed\./);
            const left = await stack.tf(["state", "list"]);
            expect(left.stdout.trim()).toBe("");
          } finally {
            stack.cleanup();
          }
        }
      }
    },
    300_000,
  );
});
