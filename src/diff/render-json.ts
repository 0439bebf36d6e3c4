// The machine-readable report: the whole comparison, with each attribute change's kind spelled out.
import type { SynthesisDiff } from "./compare.js";
import { changeKind } from "./format.js";

export function renderJson(diff: SynthesisDiff): string {
  const report = {
    ...diff,
    stacks: diff.stacks.map((stack) => ({
      ...stack,
      blocks: stack.blocks.map((block) => ({ ...block, changes: block.changes.map((change) => ({ kind: changeKind(change), ...change })) })),
    })),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
