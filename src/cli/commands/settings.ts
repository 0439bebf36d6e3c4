// `platform settings [<spec>] [--env NAME] [--json]`: the engine settings a stack gets, each with
// where it came from (flag, PLATFORM_* variable, the settings file's line, or the engine default),
// so the precedence can be seen instead of guessed.
import { MAX_ENVIRONMENT_NAME_LENGTH } from "../../config/environments.js";
import { checkSpecFile } from "../../engine/specs.js";
import { EngineSettings, type SettingName } from "../../settings/settings.js";
import { explainSettings, NO_SPEC } from "../../settings/sources.js";
import { checkedSettingsSources, shownPath, specPaths, warnCloseBlock } from "../args.js";
import type { Command } from "../command.js";
import { EXIT, UsageError } from "../errors.js";
import { printDiagnostics } from "../report.js";

const USAGE = "platform settings [<spec>] [--env NAME] [--json]  (a spec with environments needs --env; without a spec: the settings file found from the working directory)";
const ENGINE_DEFAULT = "engine default";

export const settings: Command = {
  name: "settings",
  summary: "show the engine settings a stack gets and where each comes from (flag, PLATFORM_* variable, settings file line, engine default)",
  usage: USAGE,
  options: { env: { type: "string" }, json: { type: "boolean" } },
  withSettings: true,
  async run({ values, positionals }, io) {
    if (positionals.length > 1) throw new UsageError("settings takes at most one spec", `usage: ${USAGE}`);
    const environment = typeof values.env === "string" ? values.env : undefined;
    if (environment !== undefined && (!/^[a-z](-?[a-z0-9])+$/.test(environment) || environment.length > MAX_ENVIRONMENT_NAME_LENGTH)) {
      throw new UsageError(`"${environment}" is not an environment name`, `environment names follow the service-name rule, ${MAX_ENVIRONMENT_NAME_LENGTH} characters at most`);
    }
    const spec = positionals.length === 1 ? specPaths(positionals, io.cwd)[0]! : undefined;
    if (spec !== undefined) {
      // The settings of a stack the spec makes: as `render` and `preview`, an environment it does not
      // declare is an error with a did-you-mean, and a spec with environments needs one named.
      const check = await checkSpecFile(spec, environment);
      printDiagnostics(io, check.diagnostics.map((d) => ({ ...d, file: positionals[0]! })), "text");
      if (!check.config) return EXIT.invalid;
      if (environment === undefined && check.config.environments.length > 0) {
        throw new UsageError(`${positionals[0]!} declares environments (${check.config.environments.join(", ")}): choose one with --env NAME`, `usage: ${USAGE}`);
      }
    }
    const sources = checkedSettingsSources(io, values, spec === undefined ? [] : [spec]);
    if (spec === undefined) warnCloseBlock(io, sources, environment);
    const { settings: resolved, origins, file } = explainSettings(sources, spec ?? NO_SPEC, environment);
    const names = Object.keys(EngineSettings.properties) as SettingName[];
    const originOf = (name: SettingName) => {
      const origin = origins[name];
      return origin === undefined ? ENGINE_DEFAULT : origin.startsWith(`${io.cwd}/`) ? shownPath(io.cwd, origin) : origin;
    };
    if (values.json) {
      const entries = Object.fromEntries(names.map((name) => [name, { value: resolved[name], origin: originOf(name) }]));
      io.stdout(`${JSON.stringify({ file: file === undefined ? null : shownPath(io.cwd, file), environment: environment ?? null, ownZone: resolved.environmentZone === true, settings: entries }, null, 2)}\n`);
      return EXIT.ok;
    }
    io.stdout(`settings file: ${file === undefined ? "none (engine defaults, variables and flags only)" : shownPath(io.cwd, file)}${environment === undefined ? "" : `, environment ${environment}`}\n`);
    const width = Math.max(...names.map((name) => name.length)) + 2;
    const shown = (value: unknown) => (Array.isArray(value) ? (value.length === 0 ? "(none)" : value.join(",")) : value === "" ? "(empty)" : String(value));
    for (const name of names) io.stdout(`  ${name.padEnd(width)}${shown(resolved[name])}  (${originOf(name)})\n`);
    if (resolved.environmentZone) io.stdout(`  the environment has a Cloudflare zone of its own: hosts are <name>.<zone>\n`);
    return EXIT.ok;
  },
};
