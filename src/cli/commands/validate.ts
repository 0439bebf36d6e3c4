// `platform validate <spec...>`: every problem of every file at once, and for valid files the steps
// that would run, by phase. With --policy, also the findings of the built-in policy checks on their
// stacks (built in memory; nothing is written). `platform synth` always enforces those checks; they
// are opt-in here because building stacks turns an instant check into a second-long one.
import { resolve } from "node:path";
import { PHASES } from "../../engine/phases.js";
import { planSteps } from "../../engine/plan.js";
import { checkSpecFiles } from "../../engine/specs.js";
import { policyErrors, type Finding } from "../../policy/finding.js";
import { oneOf, settingsFrom } from "../args.js";
import type { Command } from "../command.js";
import { EXIT, UsageError } from "../errors.js";
import { countBySeverity, plural, printDiagnostics, printFindings } from "../report.js";

const FORMATS = ["text", "json", "github"] as const;

export const validate: Command = {
  name: "validate",
  summary: "check specs against the schema and the engine's rules (and, with --policy, its security policies); list the steps that would run",
  usage: "platform validate <spec...> [--format text|json|github] [--policy]",
  options: { format: { type: "string" }, policy: { type: "boolean" } },
  withSettings: false,
  async run({ values, positionals }, io) {
    const format = oneOf("format", values.format, FORMATS, "text");
    if (positionals.length === 0) throw new UsageError("no spec given", "usage: platform validate <spec...>");
    // Files are read relative to the working directory and reported as the user wrote them.
    const resolved = positionals.map((file) => resolve(io.cwd, file));
    const checked = await checkSpecFiles(resolved);
    const asWritten = (text: string) => resolved.reduce((out, path, index) => out.replaceAll(path, positionals[index]!), text);
    const result = {
      ok: checked.ok,
      files: checked.files.map((check, index) => ({
        ...check,
        file: positionals[index]!,
        diagnostics: check.diagnostics.map((d) => ({ ...d, file: positionals[index]!, message: asWritten(d.message) })),
      })),
    };

    // Policies are checked on stacks built from the valid specs; the stack code loads only if one exists.
    const findings = new Map<string, Finding[]>();
    if (values.policy === true && result.files.some((check) => check.config)) {
      const settings = settingsFrom({}, io.env);
      const { checkSpecPolicies } = await import("../../engine/policies.js");
      for (const check of result.files) {
        if (check.config) findings.set(check.file, await checkSpecPolicies(check.config, settings));
      }
    }
    const policyErrorsOf = (file: string) => policyErrors(findings.get(file) ?? []).length;
    const passes = (check: (typeof result.files)[number]) => check.config !== undefined && policyErrorsOf(check.file) === 0;
    const ok = result.ok && result.files.every(passes);

    if (format === "json") {
      const files = result.files.map((check) => ({
        file: check.file,
        valid: passes(check),
        service: check.config?.serviceName,
        steps: check.config ? planSteps(check.config).map(({ name, phase, summary }) => ({ phase, name, summary })) : [],
        diagnostics: check.diagnostics,
        findings: findings.get(check.file) ?? [],
      }));
      io.stdout(`${JSON.stringify({ valid: ok, files }, null, 2)}\n`);
      return ok ? EXIT.ok : EXIT.invalid;
    }

    let errors = 0;
    let warnings = 0;
    for (const check of result.files) {
      printDiagnostics(io, check.diagnostics, format);
      const fileFindings = findings.get(check.file) ?? [];
      printFindings(io, fileFindings, format, check.file);
      const counts = countBySeverity([...check.diagnostics, ...fileFindings]);
      errors += counts.errors;
      warnings += counts.warnings;
      if (!check.config) continue;
      if (!passes(check)) {
        io.stdout(`${check.file}: refused by policy (service ${check.config.serviceName}): ${plural(policyErrorsOf(check.file), "policy error")}\n`);
        continue;
      }
      io.stdout(`${check.file}: valid (service ${check.config.serviceName})\n`);
      const steps = planSteps(check.config);
      for (const phase of PHASES) {
        const names = steps.filter((step) => step.phase === phase).map((step) => step.name);
        if (names.length > 0) io.stdout(`  ${`${phase}:`.padEnd(16)}${names.join(", ")}\n`);
      }
    }
    const valid = result.files.filter(passes).length;
    io.stdout(`${plural(result.files.length, "file")}: ${valid} valid, ${result.files.length - valid} invalid (${plural(errors, "error")}, ${plural(warnings, "warning")})\n`);
    return ok ? EXIT.ok : EXIT.invalid;
  },
};
