// `npm run fuzz -- --count N --seed S [--no-keep]`: the mutation fuzzer (scripts/fuzz/contract.ts). Every mutant
// that breaks the CLI contract is written to fixtures/regressions/ (with a header saying what it
// broke), where the test suite checks it from then on. Exit 1 when any mutant broke the contract.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { fuzz, REGRESSIONS } from "./fuzz/contract.js";

const { values } = parseArgs({ options: { count: { type: "string", default: "200" }, seed: { type: "string", default: "1" }, "no-keep": { type: "boolean", default: false } } });
const keep = !values["no-keep"];
const count = Number(values.count);
const seed = Number(values.seed);
if (!Number.isInteger(count) || count < 1 || !Number.isInteger(seed)) {
  process.stderr.write("usage: npm run fuzz -- --count N --seed S\n");
  process.exit(2);
}
const started = Date.now();
const { failures, validated } = await fuzz(count, seed, (done, failed) => {
  if (done % 25 === 0 || done === count) process.stderr.write(`[${done}/${count}] ${failed} broke the contract\n`);
});
for (const failure of failures) {
  const file = join(REGRESSIONS, `seed-${seed}-mutant-${failure.index}.yaml`);
  process.stdout.write(`mutant ${failure.index}: ${failure.problem}${keep ? ` (kept as ${file})` : ""}\n`);
  if (!keep) continue;
  mkdirSync(REGRESSIONS, { recursive: true });
  writeFileSync(file, `# fuzz: seed ${seed}, mutant ${failure.index}: ${failure.problem.replace(/\n/g, " ")}\n${failure.spec}`);
}
process.stdout.write(`${count} mutants (seed ${seed}): ${validated} valid, ${failures.length} broke the contract, ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
process.exit(failures.length > 0 ? 1 : 0);
