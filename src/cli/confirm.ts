// Confirmation before changing or deleting cloud resources: asked on a terminal, replaced by --yes
// in scripts, and refused (rather than assumed) when there is no terminal to ask on.
import { UsageError } from "./errors.js";
import type { Io } from "./io.js";

/** Throws before any work starts when confirmation will be needed but cannot be asked for. */
export function requireConfirmable(io: Io, yes: boolean, command: string): void {
  if (yes || io.interactive) return;
  throw new UsageError(`${command} asks for confirmation, but stdin is not a terminal`, `pass --yes to ${command} without asking (in CI, after reviewing the plan)`);
}

/** True when the person typed `expected` exactly (surrounding spaces ignored). */
export async function confirmed(io: Io, prompt: string, expected: string): Promise<boolean> {
  const answer = await io.readLine(prompt);
  return answer?.trim() === expected;
}
