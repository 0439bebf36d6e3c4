// Says which part of a name rule a value breaks, so "is not valid" never stands alone for the
// patterns users meet most (service, function and image names; secret and variable names).
import { echo } from "../support/echo.js";
import { SECRET_NAME_PATTERN } from "../../schema/secrets.js";
import { ENV_VAR_NAME_PATTERN, SERVICE_NAME_PATTERN } from "../../schema/shared.js";

type Explainer = (value: string) => string | undefined;

const serviceName: Explainer = (value) => {
  if (value === "") return "it is empty";
  if (/[A-Z]/.test(value)) return "use lowercase letters only";
  const bad = value.match(/[^a-z0-9-]/);
  if (bad) return `${echo(bad[0])} is not allowed: use lowercase letters, digits and hyphens`;
  if (!/^[a-z]/.test(value)) return "it must start with a letter";
  if (value.includes("--")) return "two hyphens in a row are not allowed (RDS and ElastiCache identifiers reject them)";
  if (value.endsWith("-")) return "it must not end with a hyphen";
  return undefined;
};

const environmentName =
  (upperCase: boolean): Explainer =>
  (value) => {
    if (upperCase && /[a-z]/.test(value)) return `use upper case, e.g. ${value.toUpperCase().replace(/[^A-Z0-9_]/g, "_")}`;
    const bad = value.match(/[^A-Za-z0-9_]/);
    if (bad) return `${echo(bad[0])} is not allowed: use letters, digits and underscores`;
    if (!/^[A-Za-z]/.test(value)) return "it must start with a letter";
    if (value.length < 2) return "it must be at least two characters long";
    return undefined;
  };

const EXPLAINERS: Record<string, Explainer> = {
  [SERVICE_NAME_PATTERN]: serviceName,
  [SECRET_NAME_PATTERN]: environmentName(true),
  [ENV_VAR_NAME_PATTERN]: environmentName(false),
};

/** Why `value` does not match `pattern`, in words, when the pattern is one of the known name rules. */
export function explainPatternMismatch(pattern: string, value: string): string | undefined {
  return EXPLAINERS[pattern]?.(value);
}
