// `platform validate <spec...>`: every problem of every file at once, and for valid files the steps
// that would run, by phase. With --policy, also the findings of the built-in policy checks on their
// stacks (built in memory; nothing is written). `platform synth` always enforces those checks; they
// are opt-in here because building stacks turns an instant check into a second-long one.
import { processFiles, type FileOutcome } from "../../engine/batch.js";
import { PHASES } from "../../capabilities/shared/phases.js";
import { policyErrors } from "../../policy/finding.js";
import { announceSettingsFiles, oneOf, settingsSourcesFrom, shownPath, specPaths } from "../args.js";
import type { Command } from "../command.js";
import { EXIT, UsageError } from "../errors.js";
import { safeDiagnostic, safeFinding } from "../format.js";
import { checkSpecPaths } from "../paths.js";
import { countBySeverity, plural, printDiagnostics, printFindings } from "../report.js";
import { toSarif } from "../sarif.js";

const FORMATS = ["text", "json", "github", "sarif"] as const;

export const validate: Command = {
  name: "validate",
  summary: "check specs against the schema and the engine's rules (and, with --policy, its security policies); list the steps that would run",
  usage:
    "platform validate <spec...> [--format text|json|github|sarif] [--policy] [--env NAME] [--settings FILE]  (without --env: the base spec and every environment; the platform settings file each spec uses is checked too)",
  options: { format: { type: "string" }, policy: { type: "boolean" }, env: { type: "string" }, settings: { type: "string" } },
  withSettings: false,
  async run({ values, positionals }, io) {
    const format = oneOf("format", values.format, FORMATS, "text");
    if (positionals.length === 0) throw new UsageError("no spec given", "usage: platform validate <spec...>");
    checkSpecPaths(positionals, io.cwd);
    // Files are read relative to the working directory and reported as the user wrote them.
    const resolved = specPaths(positionals, io.cwd);
    const asWritten = (text: string) => resolved.reduce((out, path, index) => out.replaceAll(path, positionals[index]!), text);
    // The settings file each spec uses is checked like a spec and reported as a file of its own;
    // specs are still checked when it has errors (with --policy, against the engine defaults).
    const gathered = settingsSourcesFrom(values, io.env, io.cwd, resolved);
    announceSettingsFiles(io, gathered.sources);
    const settingsOutcomes = [...new Set(gathered.diagnostics.map((d) => d.file))].map(
      (file): FileOutcome => ({
        file: shownPath(io.cwd, file),
        diagnostics: gathered.diagnostics.filter((d) => d.file === file).map((d) => ({ ...d, file: shownPath(io.cwd, file) })),
        findings: [],
      }),
    );
    const specOutcomes = (await processFiles(resolved, {
        mode: "validate",
        policy: values.policy === true,
        settings: gathered.sources,
        ...(typeof values.env === "string" ? { environment: values.env } : {}),
      })).map(
      (outcome, index): FileOutcome => ({
        ...outcome,
        file: positionals[index]!,
        diagnostics: outcome.diagnostics.map((d) => ({ ...d, file: positionals[index]!, message: asWritten(d.message), ...(d.hint ? { hint: asWritten(d.hint) } : {}) })),
        findings: outcome.findings.map((f) => (f.file === undefined ? f : { ...f, file: positionals[index]! })),
      }),
    );
    const outcomes = [...settingsOutcomes, ...specOutcomes];
    const passes = (outcome: FileOutcome) => outcome.service !== undefined && policyErrors(outcome.findings).length === 0;
    const ok = outcomes.every(passes);

    if (format === "json") {
      const files = outcomes.map((outcome) => ({
        file: outcome.file,
        valid: passes(outcome),
        service: outcome.service?.name,
        steps: outcome.service?.steps.map(({ name, phase, summary }) => ({ phase, name, summary })) ?? [],
        diagnostics: outcome.diagnostics.map(safeDiagnostic),
        // `code` as diagnostics have it: every entry of either list carries one.
        findings: outcome.findings.map(safeFinding).map((finding) => ({ code: finding.ruleId, ...finding })),
      }));
      io.stdout(`${JSON.stringify({ valid: ok, files }, null, 2)}\n`);
      return ok ? EXIT.ok : EXIT.invalid;
    }
    if (format === "sarif") {
      io.stdout(`${JSON.stringify(toSarif(outcomes), null, 2)}\n`);
      return ok ? EXIT.ok : EXIT.invalid;
    }

    let errors = 0;
    let warnings = 0;
    for (const outcome of outcomes) {
      printDiagnostics(io, outcome.diagnostics, format);
      printFindings(io, outcome.findings, format, outcome.file);
      const counts = countBySeverity([...outcome.diagnostics, ...outcome.findings]);
      errors += counts.errors;
      warnings += counts.warnings;
      const service = outcome.service;
      if (!service) continue;
      if (!passes(outcome)) {
        io.stdout(`${outcome.file}: refused by policy (service ${service.name}): ${plural(policyErrors(outcome.findings).length, "policy error")}\n`);
        continue;
      }
      const environments = service.stacks.length === 1 && service.stacks[0] === service.name ? "" : `, stacks ${service.stacks.join(", ")}`;
      io.stdout(`${outcome.file}: valid (service ${service.name}${environments})\n`);
      for (const phase of PHASES) {
        const names = service.steps.filter((step) => step.phase === phase).map((step) => step.name);
        if (names.length > 0) io.stdout(`  ${`${phase}:`.padEnd(16)}${names.join(", ")}\n`);
      }
      if (service.overrides || service.overridesPerStack) {
        // Whether an address, an attribute or a value fits needs the built stack: only --policy (and synth) builds it.
        const checked = values.policy === true ? "checked against the stack" : "shape checked only; run with --policy (or synth) to check them against the stack";
        const patches = (count: number) => (count === 1 ? "1 patch" : `${count} patches`);
        const counted = service.overridesPerStack
          ? Object.entries(service.overridesPerStack)
              .map(([stack, count]) => `${patches(count)} in ${stack}`)
              .join(", ")
          : patches(service.overrides!);
        io.stdout(`  ${"overrides:".padEnd(16)}${counted}, ${checked}\n`);
      }
    }
    const valid = outcomes.filter(passes).length;
    io.stdout(`${plural(outcomes.length, "file")}: ${valid} valid, ${outcomes.length - valid} invalid (${plural(errors, "error")}, ${plural(warnings, "warning")})\n`);
    return ok ? EXIT.ok : EXIT.invalid;
  },
};
