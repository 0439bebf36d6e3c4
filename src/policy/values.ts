// What policy rules read attribute values with: plain functions over Terraform JSON values, free of
// cdktf, so the rules (and the capability definitions that list them) load without it.
export type Attributes = Record<string, unknown>;

export type ParsedJson = { ok: true; value: unknown } | { ok: false; reason: string };

export function parseJson(value: unknown): ParsedJson {
  if (value === undefined || value === null) return { ok: false, reason: "is not set" };
  if (typeof value !== "string") return { ok: true, value };
  if (value.trimStart().startsWith("${")) {
    return { ok: false, reason: "is a Terraform expression, not a literal JSON document, so it cannot be checked" };
  }
  try {
    return { ok: true, value: JSON.parse(value) };
  } catch {
    return { ok: false, reason: "is not valid JSON" };
  }
}

export function asBool(value: unknown): boolean | undefined {
  if (value === true || value === "true") return true;
  if (value === false || value === "false") return false;
  return undefined;
}

export function asNumber(value: unknown): number | undefined {
  if (typeof value === "number") return value;
  if (typeof value === "string" && /^-?\d+$/.test(value)) return Number(value);
  return undefined;
}

export function asBlocks(value: unknown): Attributes[] {
  if (Array.isArray(value)) return value.filter((item): item is Attributes => typeof item === "object" && item !== null);
  if (typeof value === "object" && value !== null) return [value as Attributes];
  return [];
}

/** A list attribute; a single value counts as a list of one. */
export function asList(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/**
 * True when the value is, or contains, a Terraform expression (a reference known only at plan time).
 * An escaped `$${` (how the engine writes user text, src/engine/literal.ts) is literal text.
 */
export const isExpression = (value: unknown): boolean => typeof value === "string" && value.includes("${") && splitExpressions(value).expressions.length > 0;

/**
 * Splits a string into its literal text and its Terraform expressions (`${...}`, braces may nest):
 * `"postgres://${var.user}@db"` -> literal `"postgres://@db"`, expressions `["var.user"]`.
 */
export function splitExpressions(value: string): { literal: string; expressions: string[] } {
  let literal = "";
  const expressions: string[] = [];
  let index = 0;
  while (index < value.length) {
    let start = value.indexOf("${", index);
    // `$${` is Terraform's escape for a literal `${`: text, not an expression.
    while (start > 0 && value[start - 1] === "$") {
      literal += `${value.slice(index, start - 1)}\${`;
      index = start + 2;
      start = value.indexOf("${", index);
    }
    if (start < 0) {
      literal += value.slice(index);
      break;
    }
    literal += value.slice(index, start);
    let depth = 0;
    let end = start + 1;
    for (; end < value.length; end++) {
      if (value[end] === "{") depth++;
      else if (value[end] === "}" && --depth === 0) break;
    }
    expressions.push(value.slice(start + 2, end));
    index = end + 1;
  }
  return { literal, expressions };
}

/** The containers of an ECS task definition (its `container_definitions` JSON), or why they cannot be read. */
export function containersOf(task: { json(name: string): ParsedJson }): { containers: Array<Record<string, unknown>> } | { problem: string } {
  const parsed = task.json("container_definitions");
  if (!parsed.ok) return { problem: `container_definitions ${parsed.reason}` };
  if (!Array.isArray(parsed.value)) return { problem: "container_definitions is not a list of containers" };
  return { containers: parsed.value.filter((item): item is Record<string, unknown> => typeof item === "object" && item !== null) };
}

/**
 * Problems of a resource policy (an attribute read with `json`) that should refuse every request
 * made without TLS: it needs a Deny statement for every principal and every action of the service
 * (`<service>:*` or `*`) under the condition `Bool` `aws:SecureTransport` = `false`.
 */
export function insecureTransportProblems(policy: ParsedJson, service: string): string[] {
  if (!policy.ok) return [`the policy ${policy.reason}`];
  const statements = asBlocks((policy.value as { Statement?: unknown } | null)?.Statement);
  const denies = statements.some((statement) => {
    if (statement.Effect !== "Deny") return false;
    const principal = statement.Principal;
    const everyone = principal === "*" || (typeof principal === "object" && principal !== null && (principal as { AWS?: unknown }).AWS === "*");
    const actions = asList(statement.Action);
    const allActions = actions.includes("*") || actions.includes(`${service}:*`);
    const condition = (statement.Condition as { Bool?: Record<string, unknown> } | undefined)?.Bool?.["aws:SecureTransport"];
    return everyone && allActions && asBool(condition) === false;
  });
  return denies ? [] : [`the policy does not deny requests without TLS (a Deny of ${service}:* for "*" when aws:SecureTransport is false)`];
}
