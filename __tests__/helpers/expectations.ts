// Reads the `# expect:` header of a fixture in fixtures/invalid/: the diagnostics the file must produce.
//
//   # expect: 9:5 spec.compute.prot: unknown field "prot"; did you mean "port"?
//   # expect: warning 9:3 spec.cache: nothing in this stack can reach the cache
//   # expect: 1:1 (file): file is empty
//
// One line per diagnostic, in the order they are reported (by position). The severity is `error`
// unless written; `(file)` stands for the empty path of file-level problems; the text after the path
// must occur in what the user reads after it: `message`, or `message; hint: hint`.
import { readdirSync, readFileSync } from "node:fs";
import type { Diagnostic } from "../../src/config/diagnostics.js";
import { ROOT } from "./spec.js";

export interface ExpectedDiagnostic {
  severity: Diagnostic["severity"];
  line: number;
  column: number;
  path: string;
  fragment: string;
}

export interface InvalidFixture {
  /** Path relative to the repository root, e.g. fixtures/invalid/compute-unknown-field.yaml. */
  file: string;
  text: string;
  expected: ExpectedDiagnostic[];
}

const EXPECT_LINE = /^# expect: (?:(error|warning) )?(\d+):(\d+) (\S+): (.+)$/;

export function parseExpectations(text: string): ExpectedDiagnostic[] {
  const expected: ExpectedDiagnostic[] = [];
  for (const line of text.split("\n")) {
    if (!line.startsWith("# expect:")) continue;
    const match = EXPECT_LINE.exec(line);
    if (!match) throw new Error(`malformed expectation: ${line}`);
    const [, severity, row, column, path, fragment] = match;
    expected.push({
      severity: (severity ?? "error") as Diagnostic["severity"],
      line: Number(row),
      column: Number(column),
      path: path === "(file)" ? "" : path!,
      fragment: fragment!,
    });
  }
  return expected;
}

/**
 * The invalid fixtures of a folder: `fixtures/invalid/` (the spec checks find their errors) or
 * `fixtures/invalid/stack/` (only the built stack shows them: `overrides:` that do not fit it).
 */
export function invalidFixtures(relative = "fixtures/invalid/"): InvalidFixture[] {
  const folder = `${ROOT}${relative}`;
  return readdirSync(folder)
    .filter((name) => name.endsWith(".yaml"))
    .sort()
    .map((name) => {
      const text = readFileSync(folder + name, "utf8");
      return { file: `${relative}${name}`, text, expected: parseExpectations(text) };
    });
}

/** What the user reads after the path. */
export const shownText = (d: Diagnostic) => `${d.message}${d.hint ? `; hint: ${d.hint}` : ""}`;
