// `platform synth <spec...> [--out DIR]`: writes one Terraform JSON stack per spec, all or nothing.
import { resolve } from "node:path";
import { checkSpecFiles } from "../../engine/specs.js";
import { policyErrors, PolicyViolationError } from "../../policy/finding.js";
import { settingsFrom } from "../args.js";
import type { Command } from "../command.js";
import { EXIT, UsageError } from "../errors.js";
import { countBySeverity, plural, printDiagnostics, printFindings } from "../report.js";

export const DEFAULT_OUT_DIR = "cdktf.out";

export const synth: Command = {
  name: "synth",
  summary: "write each spec's Terraform JSON to <out>/stacks/<name>/cdk.tf.json",
  usage: "platform synth <spec...> [--out DIR]",
  options: { out: { type: "string", short: "o" } },
  withSettings: true,
  async run({ values, positionals }, io) {
    if (positionals.length === 0) throw new UsageError("no spec given", "usage: platform synth <spec...> [--out DIR]");
    const settings = settingsFrom(values, io.env);
    const outDir = resolve(io.cwd, typeof values.out === "string" ? values.out : DEFAULT_OUT_DIR);

    const checked = await checkSpecFiles(positionals.map((file) => resolve(io.cwd, file)));
    const diagnostics = checked.files.flatMap((check) => check.diagnostics).map((d) => ({ ...d, file: relativeTo(io.cwd, d.file) }));
    printDiagnostics(io, diagnostics, "text");
    if (!checked.ok) {
      io.stderr(`nothing written: ${plural(countBySeverity(diagnostics).errors, "error")} in the specs\n`);
      return EXIT.invalid;
    }

    const { synthesizeToDirectory } = await import("../../engine/synth.js");
    let summaries;
    try {
      summaries = await synthesizeToDirectory(checked.configs, settings, outDir, {
        onStack: (summary, index, total) => {
          if (total > 1) io.stderr(`[${index + 1}/${total}] ${summary.name}\n`);
        },
      });
    } catch (error) {
      if (!(error instanceof PolicyViolationError)) throw error;
      printFindings(io, error.findings, "text");
      io.stderr(`nothing written: ${plural(policyErrors(error.findings).length, "policy error")}\n`);
      return EXIT.invalid;
    }
    printFindings(io, summaries.flatMap((summary) => summary.findings), "text");
    for (const summary of summaries) {
      io.stdout(`${relativeTo(io.cwd, summary.file)}: ${plural(summary.resources, "resource")}\n`);
      for (const step of summary.steps) {
        if (step.resources === 0 && step.dataSources === 0) continue;
        io.stdout(`  ${`${step.phase}/${step.name}:`.padEnd(32)}${plural(step.resources, "resource")}, ${plural(step.dataSources, "lookup")}\n`);
      }
    }
    return EXIT.ok;
  },
};

function relativeTo(cwd: string, file: string): string {
  return file.startsWith(`${cwd}/`) ? file.slice(cwd.length + 1) : file;
}
