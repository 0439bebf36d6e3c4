// The terminal report: headline, stateful warnings first, then each stack that differs.
import type { SynthesisDiff } from "./compare.js";
import { headline, stackLines, stackStatus, warningLine } from "./format.js";

export function renderText(diff: SynthesisDiff): string {
  const lines = [`platform diff: ${diff.base} -> ${diff.head}`, headline(diff)];
  if (diff.warnings.length > 0) {
    lines.push("", `!! ${diff.warnings.length === 1 ? "1 STATEFUL CHANGE" : `${diff.warnings.length} STATEFUL CHANGES`}: data can be lost`);
    for (const warning of diff.warnings) lines.push(`!! ${warningLine(warning)}`);
  }
  for (const stack of diff.stacks) {
    if (stack.status === "unchanged") continue;
    lines.push("", `stack ${stack.name}: ${stackStatus(stack)}`, ...stackLines(stack).map((line) => `  ${line}`));
  }
  return `${lines.join("\n")}\n`;
}
