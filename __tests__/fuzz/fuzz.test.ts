// The mutation fuzzer as part of the suite: a small fixed-seed run, and every kept regression input,
// through the contract checks (scripts/fuzz/contract.ts). The large run is `npm run fuzz` and the benchmark.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { broken, checkContract, corpus, fuzz, mutate, random, REGRESSIONS, type Run } from "../../scripts/fuzz/contract.js";

describe("the mutation fuzzer", () => {
  it("is deterministic: a seed names the same mutants", () => {
    const seeds = corpus().valid;
    const run = (seed: number) => {
      const rng = random(seed);
      return Array.from({ length: 20 }, () => mutate(rng, seeds[0]!));
    };
    expect(run(5)).toEqual(run(5));
    expect(run(5)).not.toEqual(run(6));
  });

  it("tells a kept contract from a valid or an invalid spec", async () => {
    expect(await checkContract("not: [valid")).toEqual({ valid: false });
    expect(await checkContract(readFileSync(join(REGRESSIONS, "..", "platform-minimal.yaml"), "utf8"))).toEqual({ valid: true });
  });

  // A CLI that breaks the contract cannot be had from the real engine (that is the point), so these
  // feed the checks stand-in command results: mocked CLI runs.
  it("reports each way to break the contract (mocked CLI runs)", async () => {
    const spec = readFileSync(join(REGRESSIONS, "..", "platform-minimal.yaml"), "utf8");
    const stand = (answer: (argv: string[], call: number) => Run) => {
      let call = 0;
      return async (argv: string[]) => answer(argv, call++);
    };
    const ok: Run = { code: 0, stdout: "valid\n", stderr: "" };
    expect((await checkContract(spec, stand(() => ({ code: 4, stdout: "", stderr: "" })))).problem).toBe("validate exited 4");
    expect((await checkContract(spec, stand(() => ({ code: 1, stdout: "", stderr: "platform validate: internal error: boom\n" })))).problem).toMatch(/^validate failed internally/);
    expect((await checkContract(spec, stand((_argv, call) => (call === 0 ? ok : { ...ok, stdout: "other\n" }))))).toMatchObject({ problem: "validate answered differently the second time" });
    expect((await checkContract(spec, stand((argv) => (argv[0] === "synth" ? { code: 1, stdout: "", stderr: "refused by policy\n" } : ok)))).problem).toMatch(/^validates but does not synthesize \(exit 1\)/);
    expect(broken({ code: 1, stdout: "", stderr: "RangeError: Maximum call stack size exceeded\n" })).toBe(true);
    expect(broken({ code: 1, stdout: "", stderr: "spec.yaml:3:1 nested deeper than 64 levels\n" })).toBe(false);
  });

  it("a fixed-seed run of 12 mutants keeps the contract", async () => {
    const { failures, validated } = await fuzz(12, 20261203);
    expect(failures).toEqual([]);
    // The seed is chosen so some mutants are valid and go through synth too.
    expect(validated).toBeGreaterThan(0);
  });
});

describe("every input that ever broke the contract (fixtures/regressions/)", () => {
  const files = readdirSync(REGRESSIONS).filter((name) => name.endsWith(".yaml")).sort();
  it("has them", () => expect(files.length).toBeGreaterThanOrEqual(7));
  for (const file of files) {
    it(file, async () => {
      const text = readFileSync(join(REGRESSIONS, file), "utf8");
      expect(text.startsWith("# ")).toBe(true);
      expect((await checkContract(text)).problem).toBeUndefined();
    });
  }
});
