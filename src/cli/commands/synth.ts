// `platform synth <spec...> [--out DIR]`: writes one Terraform JSON stack per spec, all or nothing.
import { existsSync, readdirSync, rmSync } from "node:fs";
import { rm } from "node:fs/promises";
import { resolve } from "node:path";
import { processFiles } from "../../engine/batch.js";
import { policyErrors } from "../../policy/finding.js";
import { settingsFrom } from "../args.js";
import type { Command } from "../command.js";
import { EXIT, UsageError } from "../errors.js";
import { countBySeverity, exceptionSummary, plural, printDiagnostics, printFindings } from "../report.js";

export const DEFAULT_OUT_DIR = "cdktf.out";

export const synth: Command = {
  name: "synth",
  summary: "write each spec's Terraform JSON to <out>/stacks/<name>/cdk.tf.json (all or nothing; policies enforced)",
  usage: "platform synth <spec...> [--out DIR]",
  options: { out: { type: "string", short: "o" } },
  withSettings: true,
  async run({ values, positionals }, io) {
    if (positionals.length === 0) throw new UsageError("no spec given", "usage: platform synth <spec...> [--out DIR]");
    const settings = settingsFrom(values, io.env);
    const outDir = resolve(io.cwd, typeof values.out === "string" ? values.out : DEFAULT_OUT_DIR);
    const files = positionals.map((file) => resolve(io.cwd, file));

    const { createStaging, publishStaged } = await import("../../engine/synth.js");
    const outDirExisted = existsSync(outDir);
    const staging = await createStaging(outDir);
    let published = false;
    try {
      let done = 0;
      const outcomes = await processFiles(files, { mode: "synth", policy: true, settings, staging }, (outcome) => {
        done += 1;
        if (files.length > 1) io.stderr(`[${done}/${files.length}] ${outcome.service?.name ?? relativeTo(io.cwd, outcome.file)}\n`);
      });
      const diagnostics = outcomes.flatMap((o) => o.diagnostics).map((d) => ({ ...d, file: relativeTo(io.cwd, d.file) }));
      printDiagnostics(io, diagnostics, "text");
      if (outcomes.some((o) => !o.service)) {
        io.stderr(`nothing written: ${plural(countBySeverity(diagnostics).errors, "error")} in the specs\n`);
        return EXIT.invalid;
      }
      const findings = outcomes.flatMap((o) => o.findings);
      // Errors one by one; declared exceptions (warnings) once per stack, in its summary.
      printFindings(io, policyErrors(findings), "text");
      if (outcomes.some((o) => !o.stack)) {
        for (const outcome of outcomes) {
          for (const line of exceptionSummary(outcome.findings)) io.stderr(`${outcome.service!.name}: declared policy exception: ${line}\n`);
        }
        io.stderr(`nothing written: ${plural(policyErrors(findings).length, "policy error")}\n`);
        return EXIT.invalid;
      }
      const summaries = await publishStaged(staging, outDir, outcomes.map((o) => o.stack!));
      published = true;
      summaries.forEach((summary, index) => {
        io.stdout(`${relativeTo(io.cwd, summary.file)}: ${plural(summary.resources, "resource")}\n`);
        for (const step of summary.steps) {
          if (step.resources === 0 && step.dataSources === 0) continue;
          io.stdout(`  ${`${step.phase}/${step.name}:`.padEnd(32)}${plural(step.resources, "resource")}, ${plural(step.dataSources, "lookup")}\n`);
        }
        const exceptions = exceptionSummary(outcomes[index]!.findings);
        if (exceptions.length > 0) io.stdout(`  declared policy exceptions:\n${exceptions.map((line) => `    ${line}\n`).join("")}`);
      });
      return EXIT.ok;
    } finally {
      await rm(staging, { recursive: true, force: true });
      // A failed first synth leaves no empty output folder behind.
      if (!published && !outDirExisted && existsSync(outDir) && readdirSync(outDir).length === 0) rmSync(outDir, { recursive: true });
    }
  },
};

function relativeTo(cwd: string, file: string): string {
  return file.startsWith(`${cwd}/`) ? file.slice(cwd.length + 1) : file;
}
