// `platform synth <spec...> [--out DIR]`: writes one Terraform JSON stack per spec, all or nothing.
import { resolve } from "node:path";
import { policyErrors } from "../../policy/finding.js";
import { checkedSettingsSources, specPaths } from "../args.js";
import type { Command } from "../command.js";
import { EXIT, UsageError } from "../errors.js";
import { checkOutDir, checkSpecPaths } from "../paths.js";
import { countBySeverity, exceptionSummary, plural, printDiagnostics, printFindings } from "../report.js";

export const DEFAULT_OUT_DIR = "cdktf.out";

export const synth: Command = {
  name: "synth",
  summary: "write each spec's Terraform JSON to <out>/stacks/<name>/cdk.tf.json (all or nothing; policies enforced)",
  usage:
    "platform synth <spec...> [--out DIR] [--no-wait] [--env NAME]  (a spec with environments: without --env, every environment's stack <name>-<env> is written)",
  options: { out: { type: "string", short: "o" }, "no-wait": { type: "boolean" }, env: { type: "string" } },
  withSettings: true,
  async run({ values, positionals }, io) {
    if (positionals.length === 0) throw new UsageError("no spec given", "usage: platform synth <spec...> [--out DIR]");
    const outDir = checkOutDir(typeof values.out === "string" ? values.out : DEFAULT_OUT_DIR, io.cwd);
    checkSpecPaths(positionals, io.cwd);
    const files = specPaths(positionals, io.cwd);
    // Each spec's settings file, read and checked before any spec is: its errors stop the synth.
    const settings = checkedSettingsSources(io, values, files);

    const { synthesizeFiles } = await import("../../engine/synthesize.js");
    let done = 0;
    // One command at a time per output folder: a second waits (saying so), or with --no-wait fails.
    const lock = { noWait: values["no-wait"] === true, onWait: (message: string) => io.stderr(`${message}\n`) };
    const { outcomes, written } = await synthesizeFiles(
      files,
      settings,
      outDir,
      (outcome) => {
        done += 1;
        if (files.length > 1) io.stderr(`[${done}/${files.length}] ${outcome.service?.name ?? relativeTo(io.cwd, outcome.file)}\n`);
      },
      lock,
      typeof values.env === "string" ? values.env : undefined,
    );
    const diagnostics = outcomes.flatMap((o) => o.diagnostics).map((d) => ({ ...d, file: relativeTo(io.cwd, d.file) }));
    printDiagnostics(io, diagnostics, "text");
    if (outcomes.some((o) => !o.service)) {
      io.stderr(`nothing written: ${plural(countBySeverity(diagnostics).errors, "error")} in the specs\n`);
      return EXIT.invalid;
    }
    const findings = outcomes.flatMap((o) => o.findings).map((f) => (f.file === undefined ? f : { ...f, file: relativeTo(io.cwd, f.file) }));
    // Errors one by one; declared exceptions (warnings) once per stack, in its summary.
    printFindings(io, policyErrors(findings), "text");
    if (!written) {
      for (const outcome of outcomes) {
        for (const line of exceptionSummary(outcome.findings)) io.stderr(`${outcome.service!.name}: declared policy exception: ${line}\n`);
      }
      io.stderr(`nothing written: ${plural(policyErrors(findings).length, "policy error")}\n`);
      return EXIT.invalid;
    }
    for (const summary of written) {
      io.stdout(`${relativeTo(io.cwd, summary.file)}: ${plural(summary.resources, "resource")}\n`);
      for (const step of summary.steps) {
        if (step.resources === 0 && step.dataSources === 0) continue;
        io.stdout(`  ${`${step.phase}/${step.name}:`.padEnd(32)}${plural(step.resources, "resource")}, ${plural(step.dataSources, "lookup")}\n`);
      }
      const exceptions = exceptionSummary(outcomes.find((outcome) => outcome.service?.name === summary.name)?.findings ?? []);
      if (exceptions.length > 0) io.stdout(`  declared policy exceptions:\n${exceptions.map((line) => `    ${line}\n`).join("")}`);
    }
    return EXIT.ok;
  },
};

function relativeTo(cwd: string, file: string): string {
  return file.startsWith(`${cwd}/`) ? file.slice(cwd.length + 1) : file;
}
