// Runs one `platform` command from a table of commands: parses its arguments, turns errors into
// exit codes and one readable line, and never prints a stack trace unless --debug. The table is the
// caller's: main.ts has every command, each startup snapshot (snapshots.ts) the ones it holds.
import { allOptions, parseCommandArgs, settingFlags } from "./args.js";
import type { Command } from "./command.js";
import { CliError, EXIT, type ExitCode } from "./errors.js";
import { processIo, type Io } from "./io.js";
import { policyErrors, PolicyViolationError } from "../policy/finding.js";
import { SpecRejectedError } from "../config/diagnostics.js";
import { plural, printDiagnostics, printFindings } from "./report.js";
import { closest } from "./suggest.js";
import { echo, oneLine } from "../support/echo.js";

/** Command name -> loader; a command module may be imported only when it runs. */
export type CommandTable = Record<string, () => Promise<Command>>;

async function usage(commands: CommandTable): Promise<string> {
  const lines = ["usage: platform <command> [options]", "", "commands:"];
  for (const load of Object.values(commands)) {
    const command = await load();
    lines.push(`  ${command.usage}`, `      ${command.summary}`);
  }
  lines.push(
    "",
    "options: --debug (show stack traces), --help; platform help <command> for a command's options; platform --version",
    "exit codes: 0 ok, 1 invalid spec or failed policy (diff: there are differences), 2 usage, 3 external tool or cloud call failed, 4 drift found (drift)",
  );
  return `${lines.join("\n")}\n`;
}

/** One command's help: what `platform help <command>` and `platform <command> --help` both print. */
export function commandHelp(command: Command): string {
  const own = Object.entries(allOptions(command.options, false)).map(([name, option]) => {
    const short = option.short ? `, -${option.short}` : "";
    const value = option.type === "string" ? " <value>" : "";
    return `  --${name}${value}${short}${option.multiple ? " (repeatable)" : ""}`;
  });
  const lines = [`usage: ${command.usage}`, "", command.summary, "", "options:", ...own];
  if (command.withSettings) lines.push("", "engine settings (flag or environment variable):", ...settingFlags().map((flag) => `  ${flag}`));
  return `${lines.join("\n")}\n`;
}

/** "unknown command" with the command that was probably meant, and the list of commands. */
async function unknownCommand(commands: CommandTable, name: string): Promise<string> {
  const meant = closest(name, Object.keys(commands));
  return `platform: unknown command ${echo(name)}${meant ? `; did you mean "${meant}"?` : ""}\n${await usage(commands)}`;
}

const lookUp = (commands: CommandTable, name: string) => (Object.hasOwn(commands, name) ? commands[name] : undefined);

export async function dispatch(commands: CommandTable, argv: string[], io: Io = processIo()): Promise<ExitCode> {
  const [name, ...rest] = argv;
  const debug = rest.includes("--debug");
  try {
    if (name === "--version" || name === "-V") {
      const { versionReport } = await import("./version.js");
      io.stdout(versionReport());
      return EXIT.ok;
    }
    if (name === "help" && rest[0] !== undefined) {
      const load = lookUp(commands, rest[0]);
      if (!load) {
        io.stderr(await unknownCommand(commands, rest[0]));
        return EXIT.usage;
      }
      io.stdout(commandHelp(await load()));
      return EXIT.ok;
    }
    if (name === undefined || name === "--help" || name === "-h" || name === "help") {
      io.stdout(await usage(commands));
      return name === undefined ? EXIT.usage : EXIT.ok;
    }
    const load = lookUp(commands, name);
    if (!load) {
      io.stderr(await unknownCommand(commands, name));
      return EXIT.usage;
    }
    const command = await load();
    const args = parseCommandArgs(rest, command.options, command.withSettings, name);
    if (args.values.help) {
      io.stdout(commandHelp(command));
      return EXIT.ok;
    }
    return await command.run(args, io);
  } catch (error) {
    // A stack broke a built-in policy (synth, create, ...): the findings say what to fix.
    if (error instanceof PolicyViolationError) {
      printFindings(io, error.findings, "text");
      io.stderr(`platform ${oneLine(name ?? "")}: refused by policy: ${plural(policyErrors(error.findings).length, "policy error")}\n`);
      return EXIT.invalid;
    }
    // A spec whose stack could not be built as written (an `overrides:` patch that does not fit it).
    if (error instanceof SpecRejectedError) {
      printDiagnostics(io, error.diagnostics, "text");
      io.stderr(`platform ${oneLine(name ?? "")}: ${plural(error.diagnostics.length, "error")} in the spec\n`);
      return EXIT.invalid;
    }
    if (error instanceof CliError) {
      io.stderr(`platform ${oneLine(name ?? "")}: ${oneLine(error.message)}${error.hint ? `\n  hint: ${oneLine(error.hint)}` : ""}\n`);
      if (debug && error.stack) io.stderr(`${error.stack}\n`);
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`platform ${oneLine(name ?? "")}: internal error: ${oneLine(message)}\n`);
    if (debug && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
    else io.stderr("  rerun with --debug for the stack trace, and report it\n");
    return EXIT.invalid;
  }
}
