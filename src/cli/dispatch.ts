// Runs one `platform` command from a table of commands: parses its arguments, turns errors into
// exit codes and one readable line, and never prints a stack trace unless --debug. The table is the
// caller's: main.ts has every command, each startup snapshot (snapshots.ts) the ones it holds.
import { parseCommandArgs } from "./args.js";
import type { Command } from "./command.js";
import { CliError, EXIT, type ExitCode } from "./errors.js";
import { processIo, type Io } from "./io.js";
import { policyErrors, PolicyViolationError } from "../policy/finding.js";
import { SpecRejectedError } from "../config/diagnostics.js";
import { plural, printDiagnostics, printFindings } from "./report.js";
import { echo, oneLine } from "../support/echo.js";

/** Command name -> loader; a command module may be imported only when it runs. */
export type CommandTable = Record<string, () => Promise<Command>>;

async function usage(commands: CommandTable): Promise<string> {
  const lines = ["usage: platform <command> [options]", "", "commands:"];
  for (const load of Object.values(commands)) {
    const command = await load();
    lines.push(`  ${command.usage}`, `      ${command.summary}`);
  }
  lines.push("", "options: --debug (show stack traces), --help", "exit codes: 0 ok, 1 invalid spec or failed policy, 2 usage, 3 external tool or cloud call failed");
  return `${lines.join("\n")}\n`;
}

export async function dispatch(commands: CommandTable, argv: string[], io: Io = processIo()): Promise<ExitCode> {
  const [name, ...rest] = argv;
  const debug = rest.includes("--debug");
  try {
    if (name === undefined || name === "--help" || name === "-h" || name === "help") {
      io.stdout(await usage(commands));
      return name === undefined ? EXIT.usage : EXIT.ok;
    }
    const load = Object.hasOwn(commands, name) ? commands[name] : undefined;
    if (!load) {
      io.stderr(`platform: unknown command ${echo(name)}\n${await usage(commands)}`);
      return EXIT.usage;
    }
    const command = await load();
    const args = parseCommandArgs(rest, command.options, command.withSettings);
    if (args.values.help) {
      io.stdout(`usage: ${command.usage}\n${command.summary}\n`);
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
