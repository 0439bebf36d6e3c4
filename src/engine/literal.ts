// User values are data. Terraform reads every string of its JSON as a template: `${...}` is an
// expression (a function call, a reference to another resource) and `%{...}` a directive. The
// spec's strings (environment values, descriptions, paths, commands, patterns, payloads, tags,
// ...) must reach Terraform as the user wrote them, so the build receives a copy of the config in
// which every string and key is escaped (`${` -> `$${`, `%{` -> `%%{`), which Terraform reads back
// as the literal text. One mechanism, at the boundary where the config enters the build: no
// capability or module escapes (or can forget to escape) a field of its own. The engine's own
// references are cdktf tokens, resolved after this, so they stay expressions.
import type { PlatformConfig } from "../config/platform-config.js";

/** `text` as a Terraform template that evaluates to `text` itself. */
export function escapeTemplate(text: string): string {
  return text.includes("{") ? text.replace(/([$%])\{/g, (_match, sigil: string) => `${sigil}${sigil}{`) : text;
}

/** A deep copy of `value` with every string and object key escaped (numbers, booleans and null kept). */
export function escapeStrings<T>(value: T): T {
  if (typeof value === "string") return escapeTemplate(value) as T;
  if (Array.isArray(value)) return value.map((item) => escapeStrings(item)) as T;
  if (value === null || typeof value !== "object") return value;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) copy[escapeTemplate(key)] = escapeStrings(item);
  return copy as T;
}

/**
 * The config as the build reads it: every user string a Terraform literal. The checks that read the
 * spec (schema, semantic rules, Lambda's environment size) run before, on the values as written.
 */
export function literalConfig(config: PlatformConfig): PlatformConfig {
  return {
    ...config,
    metadata: escapeStrings(config.metadata),
    spec: escapeStrings(config.spec),
    secrets: escapeStrings(config.secrets),
    rawSpec: escapeStrings(config.rawSpec),
    // `overrides` stay as written: their `set` keys are attribute paths, and src/engine/overrides.ts
    // escapes the values with escapeStrings where it applies them.
  };
}
