// `platform render <spec> [--env NAME] [--origins]`: the spec an environment's stack is built from
// (the base merged with the environment's overlay), as YAML; with --origins, each value's file:line,
// so a reviewer sees what an overlay produced and where each value came from.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { mergeEnvironment, renderDocument } from "../../config/environments.js";
import { parseYamlSource } from "../../config/yaml-source.js";
import { checkSpecFile } from "../../engine/specs.js";
import type { Command } from "../command.js";
import { EXIT, UsageError } from "../errors.js";
import { checkSpecPaths } from "../paths.js";
import { printDiagnostics } from "../report.js";

const USAGE = "platform render <spec> [--env NAME] [--origins]";

export const render: Command = {
  name: "render",
  summary: "print the merged spec of one environment (base + overlay) as YAML; --origins adds each value's file:line",
  usage: USAGE,
  options: { env: { type: "string" }, origins: { type: "boolean" } },
  withSettings: false,
  async run({ values, positionals }, io) {
    if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? "no spec given" : "render takes one spec", `usage: ${USAGE}`);
    checkSpecPaths(positionals, io.cwd);
    const spec = positionals[0]!;
    const file = resolve(io.cwd, spec);
    const environment = typeof values.env === "string" ? values.env : undefined;
    // The whole check first: only a valid spec (or environment) is rendered.
    const check = await checkSpecFile(file, environment);
    const diagnostics = check.diagnostics.map((d) => ({ ...d, file: spec }));
    printDiagnostics(io, diagnostics, "text");
    if (!check.config) return EXIT.invalid;
    if (environment === undefined && check.config.environments.length > 0) {
      throw new UsageError(`${spec} declares environments (${check.config.environments.join(", ")}): choose one with --env NAME`);
    }
    const parsed = parseYamlSource(spec, readFileSync(file, "utf8"));
    if (!parsed.ok) return EXIT.invalid; // checked above; the file changed meanwhile
    const source = environment === undefined ? parsed.source : mergeEnvironment(parsed.source, environment);
    io.stdout(renderDocument(source, values.origins === true));
    return EXIT.ok;
  },
};
