// Reads one synthesis output: `<dir>/stacks/<name>/cdk.tf.json` as `platform synth --out DIR`
// writes it (or the `stacks/` folder itself), each stack's JSON with cdktf's `//` metadata removed.
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import { join } from "node:path";
import { isObject, MAX_JSON_DEPTH, nestedDeeperThan, stripMetadata, type Json, type JsonObject } from "./values.js";

/** The file name `platform synth` writes per stack (engine/synth.ts); not imported from there, which would load cdktf. */
export const STACK_FILE = "cdk.tf.json";

export interface Synthesis {
  /** The folder holding one sub-folder per stack. */
  stacksDir: string;
  /** Stack name -> its Terraform JSON (metadata stripped), sorted by name. */
  stacks: Map<string, JsonObject>;
}

/**
 * A synthesis that cannot be read; the message names the folder or file. `usage`: the path given
 * is not a synthesis (a wrong argument); `unreadable`: a stack file in it cannot be read or used.
 */
export class SynthesisReadError extends Error {
  constructor(
    message: string,
    readonly kind: "usage" | "unreadable" = "usage",
  ) {
    super(message);
  }
}

const isDirectory = (path: string) => existsSync(path) && statSync(path).isDirectory();
const visibleEntries = (dir: string) => readdirSync(dir).filter((entry) => !entry.startsWith("."));

/**
 * `dir` is a synth output folder (it has `stacks/`) or a `stacks/` folder (its sub-folders hold
 * cdk.tf.json). An empty folder is a synthesis with no stacks (e.g. a base branch before its first
 * spec); a non-empty folder with neither shape is refused, since it is most likely the wrong path.
 */
export function loadSynthesis(dir: string): Synthesis {
  if (!existsSync(dir)) throw new SynthesisReadError(`${dir}: no such directory`);
  if (!isDirectory(dir)) throw new SynthesisReadError(`${dir}: not a directory`);

  // Decided by what the folders hold, never by their names: `dir` is a synth output folder when its
  // `stacks/` is a folder of stacks; a `stacks/` holding a cdk.tf.json is a stack (a service
  // named "stacks") and `dir` the stacks folder itself.
  const stacksDir = isDirectory(join(dir, "stacks")) && !existsSync(join(dir, "stacks", STACK_FILE)) ? join(dir, "stacks") : dir;
  // `<out>/stacks` is a link to the published generation (src/engine/publish.ts): resolved once, so
  // a synth publishing meanwhile cannot give this read half of one set and half of the next.
  const readFrom = realpathSync(stacksDir);
  const names = visibleEntries(readFrom)
    .filter((entry) => isDirectory(join(readFrom, entry)))
    .sort();
  if (stacksDir === dir && visibleEntries(dir).length > 0 && !names.some((name) => existsSync(join(dir, name, STACK_FILE)))) {
    throw new SynthesisReadError(`${dir}: no synthesized stacks here (expected ${join(dir, "stacks", "<name>", STACK_FILE)})`);
  }

  const stacks = new Map<string, JsonObject>();
  for (const name of names) {
    const file = join(readFrom, name, STACK_FILE);
    if (!existsSync(file)) throw new SynthesisReadError(`${join(stacksDir, name)}: no ${STACK_FILE} in this stack folder`);
    stacks.set(name, readStackFile(file, join(stacksDir, name, STACK_FILE)));
  }
  return { stacksDir, stacks };
}

/** Reads `file`; messages name it as `shown` (the path through the link, as the user knows it). */
function readStackFile(file: string, shown: string = file): JsonObject {
  let text: string;
  try {
    // Only a regular file: a FIFO or a device named cdk.tf.json would block the read or never end.
    if (!statSync(file).isFile()) throw Object.assign(new Error("not a regular file"), { code: "not a regular file" });
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new SynthesisReadError(`${shown}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, "unreadable");
  }
  // A byte order mark (some editors write one) is not part of the JSON: accepted and skipped.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new SynthesisReadError(`${shown}: not valid JSON (${(error as Error).message.split("\n")[0]})`, "unreadable");
  }
  if (!isObject(parsed)) throw new SynthesisReadError(`${shown}: not a Terraform JSON object`, "unreadable");
  if (nestedDeeperThan(parsed, MAX_JSON_DEPTH)) {
    throw new SynthesisReadError(`${shown}: JSON nested deeper than ${MAX_JSON_DEPTH} levels, which no synthesized stack is`, "unreadable");
  }
  return stripMetadata(parsed as Json) as JsonObject;
}
