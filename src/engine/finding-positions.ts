// Where in the spec a policy finding comes from. A finding names a construct and its Terraform
// address; the build records which step (spec section, or a derived step such as the foundation)
// added each resource. So a finding maps to its section, and, when the section lists named entries
// (lambda.functions, triggers.schedules, ...) and the construct's id names one of them, to that
// entry. Derived steps have no section of their own: their findings point at `spec`.
import { formatPath, type SpecPath } from "../config/diagnostics.js";
import type { PlatformConfig } from "../config/platform-config.js";
import type { Finding } from "../policy/finding.js";
import type { StepRecord } from "./build.js";

/** Words of an identifier (`lambda_chat-api_function` -> lambda, chat, api, function). */
const words = (id: string) => id.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);

/** Whether `haystack` holds `needle` as consecutive words. */
function containsWords(haystack: string[], needle: string[]): boolean {
  if (needle.length === 0 || needle.length > haystack.length) return false;
  outer: for (let start = 0; start + needle.length <= haystack.length; start++) {
    for (let i = 0; i < needle.length; i++) if (haystack[start + i] !== needle[i]) continue outer;
    return true;
  }
  return false;
}

/** The entry of `section` whose `name` the construct's id spells (the longest such name), as a spec path. */
function namedEntry(section: string, value: unknown, id: string[]): SpecPath | undefined {
  if (value === null || typeof value !== "object") return undefined;
  let best: { path: SpecPath; length: number } | undefined;
  for (const [key, list] of Object.entries(value as Record<string, unknown>)) {
    if (!Array.isArray(list)) continue;
    list.forEach((entry, index) => {
      const name = (entry as { name?: unknown } | null)?.name;
      if (typeof name !== "string") return;
      const nameWords = words(name);
      if (containsWords(id, nameWords) && (!best || nameWords.length > best.length)) best = { path: ["spec", section, key, index], length: nameWords.length };
    });
  }
  return best?.path;
}

/** A declared exception names the spec field that asked for it (`spec.lambda.functions[0].urlAuth is NONE: ...`). */
function exceptionPath(finding: Finding): SpecPath | undefined {
  const written = /^spec(?:\.[A-Za-z]+|\[\d+\])+/.exec(finding.exception ?? "")?.[0];
  if (!written) return undefined;
  return [...written.matchAll(/([A-Za-z]+)|\[(\d+)\]/g)].map((m) => (m[1] !== undefined ? m[1] : Number(m[2])));
}

/**
 * The spec path of the entry that caused `finding`: the field a declared exception names, else the
 * `overrides:` patch of its resource, else from the step that added its element.
 */
export function findingSpecPath(finding: Finding, steps: readonly StepRecord[], config: PlatformConfig): SpecPath {
  const declared = exceptionPath(finding);
  if (declared) return declared;
  // A resource an `overrides:` patch changed: the patch is what to review (or to list the rule in).
  const patch = config.overrides.findIndex((override) => override.resource === finding.address);
  if (patch >= 0) return ["overrides", patch];
  const step = steps.find((s) => [...s.resources, ...s.dataSources].some((element) => element.node.path === finding.path));
  const section = step?.name;
  if (!section || !config.declaredSections.includes(section as never)) return ["spec"];
  const id = words(finding.path.slice(finding.path.lastIndexOf("/") + 1));
  return namedEntry(section, config.spec[section as keyof typeof config.spec], id) ?? ["spec", section];
}

/**
 * `findings`, each with the file, position and spec path of the entry that caused it; then a warning
 * for each rule an `overrides:` patch allows that its resource does not break (a stale allowance
 * would silently cover a later, different violation).
 */
export function locateFindings(findings: readonly Finding[], steps: readonly StepRecord[], config: PlatformConfig): Finding[] {
  const located = findings.map((finding) => {
    const path = findingSpecPath(finding, steps, config);
    return { ...finding, file: config.file, ...config.locate(path), specPath: formatPath(config.displayPath?.(path) ?? path) };
  });
  return [...located, ...unusedAllowances(findings, config)];
}

function unusedAllowances(findings: readonly Finding[], config: PlatformConfig): Finding[] {
  const unused: Finding[] = [];
  for (const [index, patch] of config.overrides.entries()) {
    for (const [position, allowed] of (patch.allowPolicies ?? []).entries()) {
      if (findings.some((finding) => finding.address === patch.resource && finding.ruleId === allowed.rule)) continue;
      const path: SpecPath = ["overrides", index, "allowPolicies", position, "rule"];
      const { line, column } = config.locate(path, "value");
      unused.push({
        ruleId: allowed.rule,
        severity: "warning",
        path: `${config.serviceName}/${patch.resource.slice(patch.resource.indexOf(".") + 1)}`,
        address: patch.resource,
        message: `allowed by ${formatPath(config.displayPath?.(["overrides", index]) ?? ["overrides", index])}, but the patched resource does not break it: remove the entry`,
        file: config.file,
        line,
        column,
        specPath: formatPath(config.displayPath?.(path) ?? path),
      });
    }
  }
  return unused;
}
