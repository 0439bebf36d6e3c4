// Two-phase creation, decided from the synthesized stack: new ECR repositories are empty, and
// nothing that runs an image can start until one is pushed. So `create` first applies only the
// repositories, stops and says what to push, and applies everything once the image tags are given.
import { readFile } from "node:fs/promises";
import { CHECK_IMAGES_VARIABLE } from "../modules/compute/check-images-variable.js";
import { UsageError } from "../support/errors.js";

/** The parts of a synthesized stack (cdk.tf.json) the lifecycle reads. */
export interface StackJson {
  resource?: Record<string, Record<string, Record<string, unknown>>>;
  data?: Record<string, Record<string, Record<string, unknown>>>;
  variable?: Record<string, { type?: string; default?: unknown; description?: string; nullable?: boolean }>;
  output?: Record<string, { value: unknown; description?: string; sensitive?: boolean }>;
  terraform?: Record<string, unknown>;
}

export async function readStackJson(file: string): Promise<StackJson> {
  return JSON.parse(await readFile(file, "utf8")) as StackJson;
}

/** Resource types of the first phase: the repositories and what configures them. */
const REPOSITORY_TYPES = ["aws_ecr_repository", "aws_ecr_lifecycle_policy", "aws_ecr_repository_policy"];

/** `type.name` addresses of the first phase, in a stable order. */
export function repositoryTargets(stack: StackJson): string[] {
  return REPOSITORY_TYPES.flatMap((type) => Object.keys(stack.resource?.[type] ?? {}).map((id) => `${type}.${id}`));
}

/** Deploy inputs: the stack's variables (image tags), and which have no default. */
export interface DeployVariable {
  name: string;
  description: string;
  required: boolean;
}

export function deployVariables(stack: StackJson): DeployVariable[] {
  return Object.entries(stack.variable ?? {})
    .map(([name, variable]) => ({ name, description: variable.description ?? "", required: !("default" in variable) }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Value given to required variables in runs that do not use them (the repositories phase, destroy,
 * a preview plan without tags). A valid image tag, so variable validations accept it.
 */
export const PLACEHOLDER_VALUE = "not-set";

/** `--var k=v` flags as a map; names must be variables of the stack. */
export function parseVars(flags: readonly string[], stack: StackJson): Record<string, string> {
  const declared = new Set(Object.keys(stack.variable ?? {}));
  const vars: Record<string, string> = {};
  for (const flag of flags) {
    const at = flag.indexOf("=");
    if (at <= 0) throw new UsageError(`--var ${JSON.stringify(flag)} is not of the form name=value`, "e.g. --var image_tag=$(git rev-parse --short HEAD)");
    const name = flag.slice(0, at);
    if (!declared.has(name)) {
      throw new UsageError(
        `--var ${name}: the stack has no variable "${name}"`,
        declared.size > 0 ? `its variables: ${[...declared].sort().join(", ")}` : "this stack takes no variables",
      );
    }
    vars[name] = flag.slice(at + 1);
  }
  return vars;
}

/** Required variables with no value from --var or a TF_VAR_<name> environment variable. */
export function missingVariables(stack: StackJson, vars: Readonly<Record<string, string>>, env: NodeJS.ProcessEnv): string[] {
  return deployVariables(stack)
    .filter((variable) => variable.required && !(variable.name in vars) && env[`TF_VAR_${variable.name}`] === undefined)
    .map((variable) => variable.name);
}

/** Values for the given variables that the run will not use. */
export const placeholders = (names: readonly string[]) => Object.fromEntries(names.map((name) => [name, PLACEHOLDER_VALUE]));

/**
 * For a plan that will not be applied with these values (placeholder tags, destroy): turns off the
 * stack's plan-time check that the images are in ECR (`check_images`), unless the user set it.
 */
export function withoutImageCheck(stack: StackJson, vars: Readonly<Record<string, string>>): Record<string, string> {
  return stack.variable?.[CHECK_IMAGES_VARIABLE] && !(CHECK_IMAGES_VARIABLE in vars) ? { ...vars, [CHECK_IMAGES_VARIABLE]: "false" } : { ...vars };
}

export const CREATE_PHASES = ["auto", "repositories", "all"] as const;
export type CreatePhaseChoice = (typeof CREATE_PHASES)[number];

export type CreateRun =
  | { phase: "repositories"; targets: string[]; vars: Record<string, string>; missing: string[] }
  | { phase: "all"; vars: Record<string, string> };

/**
 * Which phase this `create` runs. `auto`: the repositories phase while image tags are missing and
 * the stack has repositories, everything otherwise. `all` with tags missing is refused with a hint.
 */
export function decideCreateRun(stack: StackJson, choice: CreatePhaseChoice, vars: Record<string, string>, env: NodeJS.ProcessEnv, specArg: string): CreateRun {
  const targets = repositoryTargets(stack);
  const missing = missingVariables(stack, vars, env);
  const phase = choice === "auto" ? (targets.length > 0 && missing.length > 0 ? "repositories" : "all") : choice;
  if (phase === "repositories") {
    if (targets.length === 0) throw new UsageError("this stack has no image repositories, so there is no repositories phase", `run \`platform create ${specArg}\` without --phase`);
    return { phase, targets, vars: { ...vars, ...placeholders(missing) }, missing };
  }
  if (missing.length > 0) {
    throw new UsageError(
      `no value for ${missing.join(", ")}: the image tags to run`,
      `push the images, then pass ${missing.map((name) => `--var ${name}=<tag>`).join(" ")} (tags are immutable: use one per build, e.g. the git SHA)${targets.length > 0 ? `; \`platform create ${specArg} --phase repositories\` creates the repositories to push to` : ""}`,
    );
  }
  return { phase, vars };
}
