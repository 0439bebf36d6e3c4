// Building blocks shared by the section schemas: name rules and the object options every leaf uses.
import Type from "typebox";

/** Options for every leaf object: unknown keys are errors, so a typo never passes silently. */
export const strict = { additionalProperties: false } as const;

/**
 * Service names flow into DNS names, ECR repositories, IAM roles and RDS/ElastiCache identifiers:
 * lowercase letters, digits and single hyphens, starting with a letter and not ending in a hyphen.
 * `--` is rejected because RDS and ElastiCache identifiers reject consecutive hyphens. Written
 * without look-ahead so that every JSON Schema validator (RE2-based ones included) can run it.
 */
export const SERVICE_NAME_PATTERN = "^[a-z](-?[a-z0-9])+$";

/** Short names inside a stack (function names, image names): the service-name rule, shorter. */
export const ShortName = (description: string) =>
  Type.String({ minLength: 2, maxLength: 24, pattern: SERVICE_NAME_PATTERN, description });

/**
 * An environment variable name every workload accepts: Lambda's API requires a letter first and at
 * least two characters (`[a-zA-Z]([a-zA-Z0-9_])+`), which is stricter than shells and ECS.
 */
export const ENV_VAR_NAME_PATTERN = "^[A-Za-z][A-Za-z0-9_]+$";

/**
 * `T` with every optional field made required, recursively, except the keys in `Keep`: the shape
 * of a section after schema defaults are applied. Fields in `Keep` have no default (for example
 * an override that means "let AWS choose" when absent).
 */
export type Resolved<T, Keep extends string = never> = {
  [K in keyof T as K extends Keep ? never : K]-?: ResolvedValue<Exclude<T[K], undefined>>;
} & { [K in keyof T as K extends Keep ? K : never]?: T[K] };
type ResolvedValue<V> = V extends ReadonlyArray<infer Item>
  ? Array<ResolvedValue<Item>>
  : V extends Record<string, unknown>
    ? string extends keyof V
      ? V
      : Resolved<V>
    : V;
