// Reads one synthesis output: `<dir>/stacks/<name>/cdk.tf.json` as `platform synth --out DIR`
// writes it (or the `stacks/` folder itself), each stack's JSON with cdktf's `//` metadata removed.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { isObject, stripMetadata, type Json, type JsonObject } from "./values.js";

/** The file name `platform synth` writes per stack (engine/synth.ts); not imported from there, which would load cdktf. */
export const STACK_FILE = "cdk.tf.json";

export interface Synthesis {
  /** The folder holding one sub-folder per stack. */
  stacksDir: string;
  /** Stack name -> its Terraform JSON (metadata stripped), sorted by name. */
  stacks: Map<string, JsonObject>;
}

/** A synthesis that cannot be read; the message names the folder or file. */
export class SynthesisReadError extends Error {}

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

  const stacksDir = isDirectory(join(dir, "stacks")) ? join(dir, "stacks") : dir;
  const names = visibleEntries(stacksDir)
    .filter((entry) => isDirectory(join(stacksDir, entry)))
    .sort();
  if (stacksDir === dir && visibleEntries(dir).length > 0 && !names.some((name) => existsSync(join(dir, name, STACK_FILE)))) {
    throw new SynthesisReadError(`${dir}: no synthesized stacks here (expected ${join(dir, "stacks", "<name>", STACK_FILE)})`);
  }

  const stacks = new Map<string, JsonObject>();
  for (const name of names) {
    const file = join(stacksDir, name, STACK_FILE);
    if (!existsSync(file)) throw new SynthesisReadError(`${join(stacksDir, name)}: no ${STACK_FILE} in this stack folder`);
    stacks.set(name, readStackFile(file));
  }
  return { stacksDir, stacks };
}

function readStackFile(file: string): JsonObject {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new SynthesisReadError(`${file}: cannot read (${(error as Error).message})`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new SynthesisReadError(`${file}: not valid JSON (${(error as Error).message})`);
  }
  if (!isObject(parsed)) throw new SynthesisReadError(`${file}: not a Terraform JSON object`);
  return stripMetadata(parsed as Json) as JsonObject;
}
