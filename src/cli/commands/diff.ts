// `platform diff <base-dir> <head-dir>`: what changes between two syntheses (e.g. main's and a pull
// request's), in words, with changes that can lose data first. Exit 0: identical; 1: differences;
// 2: a path that is not a synthesis; 3: a stack file that cannot be read, or the diff failed.
import { resolve } from "node:path";
import { compareSyntheses } from "../../diff/compare.js";
import { loadSynthesis, SynthesisReadError, type Synthesis } from "../../diff/load.js";
import { renderJson } from "../../diff/render-json.js";
import { renderMarkdown } from "../../diff/render-markdown.js";
import { renderText } from "../../diff/render-text.js";
import { closest } from "../../config/suggest.js";
import { oneOf, shownPath } from "../args.js";
import type { Command } from "../command.js";
import { CliError, EXIT, UsageError } from "../errors.js";

const FORMATS = ["text", "markdown", "json"] as const;
const USAGE = "platform diff <base-dir> <head-dir> [--format text|markdown|json] [--env NAME | --env BASE:HEAD]";

/** Like diff(1): differences are exit 1, which CI treats as "something to review", not a failure. */
const DIFFERENCES = EXIT.invalid;

export const diff: Command = {
  name: "diff",
  summary: "compare two synth outputs (<dir>/stacks/<name>/cdk.tf.json): stacks, resources and attributes that change, data-losing changes first (exit 1 when they differ, as diff(1))",
  usage: USAGE,
  options: { format: { type: "string" }, env: { type: "string" } },
  withSettings: false,
  async run({ values, positionals }, io) {
    const format = oneOf("format", values.format, FORMATS, "text");
    if (positionals.length !== 2) throw new UsageError(`expected two directories, got ${positionals.length}`, `usage: ${USAGE}`);
    // Exit 1 means "differences": a failure of the diff itself must never look like one. Anything
    // unexpected is exit 3, one line (the stack with --debug).
    try {
      let [base, head] = positionals.map((dir) => read(resolve(io.cwd, dir), io.cwd)) as [Synthesis, Synthesis];
      // --env prod: prod's stacks of both; --env staging:prod: staging's (base) against prod's (head),
      // each stack under its service name, so the two environments of one service are compared.
      if (typeof values.env === "string") {
        const [baseEnv, headEnv = baseEnv] = values.env.split(":") as [string, string?];
        if (!baseEnv || !headEnv || values.env.split(":").length > 2) throw new UsageError(`--env must be NAME or BASE:HEAD; got ${JSON.stringify(values.env)}`, `usage: ${USAGE}`);
        const environments = [...new Set([...environmentsOf(base), ...environmentsOf(head)])].sort();
        const missing = (environment: string, where: string) => {
          const suggestion = closest(environment, environments);
          return new UsageError(
            `no stack of environment ${JSON.stringify(environment)} in ${where}${suggestion ? `; did you mean ${JSON.stringify(suggestion)}?` : ""}`,
            environments.length > 0 ? `environments of their stacks: ${environments.join(", ")}` : "neither synthesis has stacks of environments: leave out --env",
          );
        };
        // A typo would otherwise compare nothing with nothing: "no differences", exit 0. With one name,
        // a side without it is an added or removed environment; BASE:HEAD needs each on its side.
        if (baseEnv === headEnv && !environmentsOf(base).has(baseEnv) && !environmentsOf(head).has(headEnv)) throw missing(baseEnv, "either synthesis");
        if (baseEnv !== headEnv && !environmentsOf(base).has(baseEnv)) throw missing(baseEnv, `the base synthesis (${positionals[0]!})`);
        if (baseEnv !== headEnv && !environmentsOf(head).has(headEnv)) throw missing(headEnv, `the head synthesis (${positionals[1]!})`);
        base = ofEnvironment(base, baseEnv);
        head = ofEnvironment(head, headEnv);
      }
      const result = compareSyntheses(base, head);
      const report = { ...result, base: shownPath(io.cwd, result.base), head: shownPath(io.cwd, result.head) };
      io.stdout(format === "json" ? renderJson(report) : format === "markdown" ? renderMarkdown(report) : renderText(report));
      return result.changed ? DIFFERENCES : EXIT.ok;
    } catch (error) {
      if (error instanceof CliError) throw error;
      const failure = new CliError(`could not compare (an engine bug: rerun with --debug and report it): ${error instanceof Error ? error.message : String(error)}`, EXIT.external);
      if (error instanceof Error && error.stack) failure.stack = error.stack;
      throw failure;
    }
  },
};

function read(dir: string, cwd: string): Synthesis {
  try {
    return loadSynthesis(dir);
  } catch (error) {
    if (!(error instanceof SynthesisReadError)) throw error;
    const message = error.message.replaceAll(`${cwd}/`, "");
    if (error.kind === "unreadable") throw new CliError(message, EXIT.external);
    throw new UsageError(message, "give the folder `platform synth --out DIR` wrote (or its stacks/ folder)");
  }
}

/** The default tags of a stack's AWS provider (`platform:service`, `platform:environment`, ...). */
const tagsOf = (json: unknown) => (json as { provider?: { aws?: Array<{ default_tags?: Array<{ tags?: Record<string, string> }> }> } }).provider?.aws?.[0]?.default_tags?.[0]?.tags;

/** The environments the stacks of a synthesis belong to. */
function environmentsOf(synthesis: Synthesis): Set<string> {
  const environments = new Set<string>();
  for (const json of synthesis.stacks.values()) {
    const environment = tagsOf(json)?.["platform:environment"];
    if (environment !== undefined) environments.add(environment);
  }
  return environments;
}

/** The stacks of one environment (by their `platform:environment` tag), each under its service name. */
function ofEnvironment(synthesis: Synthesis, environment: string): Synthesis {
  const stacks = new Map<string, Synthesis["stacks"] extends Map<string, infer J> ? J : never>();
  for (const [name, json] of synthesis.stacks) {
    const tags = tagsOf(json);
    if (tags?.["platform:environment"] !== environment) continue;
    stacks.set(tags["platform:service"] ?? name, json);
  }
  return { ...synthesis, stacks };
}
