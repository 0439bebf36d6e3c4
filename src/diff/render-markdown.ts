// The pull-request comment: a headline, the stateful warnings first (as a GitHub CAUTION alert),
// a table of the stacks that differ, then one collapsed <details> per stack with its changes in a
// `diff` block (GitHub colours removed and added lines).
import type { StackDiff, SynthesisDiff } from "./compare.js";
import { headline, stackLines, stackStatus, WARNING_WORDS } from "./format.js";

/** Lets a CI job find (and update) its earlier comment instead of adding a new one per push. */
export const COMMENT_MARKER = "<!-- platform-diff -->";

/** GitHub rejects comments over 65,536 characters; stay well below and say what was left out. */
export const MAX_COMMENT_CHARS = 60_000;

const escapeHtml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const code = (text: string) => `<code>${escapeHtml(text).replace(/\|/g, "&#124;")}</code>`;

export function renderMarkdown(diff: SynthesisDiff, maxChars = MAX_COMMENT_CHARS): string {
  const head = [COMMENT_MARKER, "### platform diff", "", `**${headline(diff)}**`];

  if (diff.warnings.length > 0) {
    head.push("", "> [!CAUTION]", `> **${diff.warnings.length === 1 ? "1 stateful change" : `${diff.warnings.length} stateful changes`} can lose data:**`);
    for (const warning of diff.warnings) {
      head.push(`> - ${code(warning.stack)} ${code(warning.address)} (${warning.kind}) **${WARNING_WORDS[warning.action]}**: ${escapeHtml(warning.message)}`);
    }
  }

  const differing = diff.stacks.filter((stack) => stack.status !== "unchanged");
  if (differing.length > 0) {
    head.push("", "| stack | status |", "|---|---|");
    for (const stack of differing) head.push(`| ${code(stack.name)} | ${escapeHtml(stackStatus(stack))} |`);
  }

  let text = `${head.join("\n")}\n`;
  const omitted: string[] = [];
  for (const stack of differing) {
    const section = `\n${details(stack)}\n`;
    if (omitted.length === 0 && text.length + section.length <= maxChars) text += section;
    else omitted.push(stack.name);
  }
  if (omitted.length > 0) {
    text += `\n_Details of ${omitted.map(code).join(", ")} left out to fit a comment: run \`platform diff\` locally or read the job log._\n`;
  }
  return text;
}

function details(stack: StackDiff): string {
  const body = stackLines(stack).join("\n");
  const fence = "`".repeat(Math.max(3, longestBacktickRun(body) + 1));
  return [
    `<details><summary>${code(stack.name)}: ${escapeHtml(stackStatus(stack))}</summary>`,
    "",
    `${fence}diff`,
    body,
    fence,
    "",
    "</details>",
  ].join("\n");
}

function longestBacktickRun(text: string): number {
  return Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
}
