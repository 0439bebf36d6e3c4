// Generated specs: the fixture that declares every section, with one section (and what needs it) left out at a time,
// so each capability's stack is planned by real terraform without the others it usually meets.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse, stringify } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SharedStandIns, startSharedStandIns } from "../../scripts/offline-terraform.mjs";
import { runCli } from "../helpers/cli.js";
import { fixturePath } from "../helpers/spec.js";
import { offlineStack, readStackJson, tail, variableArgs } from "./stand-in-harness.js";

/** Variant name -> the sections left out (a queue's consumer is a function, so it goes with lambda, and so do the triggers that target a function). */
const VARIANTS: Record<string, readonly string[]> = {
  lambda: ["lambda", "queue"],
  triggers: ["triggers"],
  database: ["database"],
  storage: ["storage"],
  bucket: ["bucket"],
};
const LEFT_OUT = Object.keys(VARIANTS);

/** Without lambda, the triggers that target a function go too (schedules and event rules); the gateway and the schedule group stay. */
function dropFunctionTargets(spec: Record<string, unknown>): void {
  const triggers = spec.triggers as { eventbridge?: { schedules?: { function?: string }[] }; events?: { function?: string }[] } | undefined;
  if (!triggers) return;
  if (triggers.eventbridge?.schedules) {
    triggers.eventbridge.schedules = triggers.eventbridge.schedules.filter((s) => s.function === undefined);
    if (triggers.eventbridge.schedules.length === 0) delete triggers.eventbridge.schedules;
  }
  if (triggers.events) {
    triggers.events = triggers.events.filter((e) => e.function === undefined);
    if (triggers.events.length === 0) delete triggers.events;
  }
}

interface PlanMessage {
  type: string;
  change?: { action: string; resource: { resource_type: string; resource_name: string } };
}

describe("stand-in providers: generated specs (agent-factory without one section) plan with real terraform", () => {
  const work = mkdtempSync(join(tmpdir(), "platform-stand-in-generated-"));
  const stacks = new Map<string, string>();
  let shared: SharedStandIns;
  beforeAll(async () => {
    shared = await startSharedStandIns();
    const base = parse(readFileSync(fixturePath("platform-agent-factory.yaml"), "utf8")) as { metadata: { name: string }; spec: Record<string, unknown> };
    for (const section of LEFT_OUT) {
      const spec = structuredClone(base);
      for (const left of VARIANTS[section]!) {
        expect(spec.spec[left], left).toBeDefined();
        delete spec.spec[left];
      }
      if (section === "lambda") dropFunctionTargets(spec.spec);
      spec.metadata.name = `af-without-${section}`;
      const file = join(work, `${section}.yaml`);
      writeFileSync(file, stringify(spec));
      const result = await runCli(["synth", file, "--out", join(work, section)]);
      expect(result.code, result.stderr).toBe(0);
      stacks.set(section, join(work, section, "stacks", spec.metadata.name));
    }
  });
  afterAll(async () => {
    await shared?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  it.concurrent.each(LEFT_OUT)("without %s: plan has no errors and plans every synthesized resource (stand-in providers)", async (section) => {
    const dir = stacks.get(section)!;
    const json = readStackJson(dir);
    const stack = await offlineStack(dir, { shared });
    try {
      const plan = await stack.tf(["plan", "-json", "-input=false", ...variableArgs(json)]);
      expect(plan.code, tail(plan)).toBe(0);
      const planned = new Set(
        plan.stdout
          .trim()
          .split("\n")
          .map((line) => JSON.parse(line) as PlanMessage)
          .filter((m) => m.type === "planned_change")
          .map((m) => `${m.change!.resource.resource_type}.${m.change!.resource.resource_name}`),
      );
      const synthesized = Object.entries(json.resource ?? {}).flatMap(([type, blocks]) => Object.keys(blocks).map((name) => `${type}.${name}`));
      expect([...planned].sort()).toEqual(synthesized.sort());
    } finally {
      stack.cleanup();
    }
  }, 180_000);
});
