// Builds one service's stack: preconditions first (before any construct exists), then the planned
// steps in phase order, then finalizers (policies) and outputs. No environment variable routes anything.
import { TerraformDataSource, TerraformOutput, TerraformResource, type Construct, type TerraformStack } from "../../providers/cdktf.js";
import { SpecRejectedError } from "../config/diagnostics.js";
import type { PlatformConfig } from "../config/platform-config.js";
import type { EngineSettings } from "../settings/settings.js";
import { SharedInfrastructure } from "../shared/infrastructure.js";
import { CapabilityContext } from "../capabilities/shared/context.js";
import type { Phase } from "../capabilities/shared/phases.js";
import { literalConfig } from "./literal.js";
import { applyOverrides } from "./overrides.js";
import { checkPreconditions, foundationNeeds, planSteps } from "./plan.js";
import { STACK_CATALOG } from "./registry.js";
import { applyRenames } from "./moved.js";
import { createStack } from "./stack.js";

export { SpecRejectedError };

/** What one step added to the stack, for summaries and previews. */
export interface StepRecord {
  name: string;
  phase: Phase;
  resources: TerraformResource[];
  dataSources: TerraformDataSource[];
}

export interface BuiltStack {
  stack: TerraformStack;
  context: CapabilityContext;
  /** Steps in the order they ran, with the resources and lookups each one added. */
  steps: StepRecord[];
}

/** Builds the stack under `root`: a cdktf App to synthesize it, or `inMemoryRoot()` to only inspect it. */
export async function buildStack(root: Construct, written: PlatformConfig, settings: EngineSettings): Promise<BuiltStack> {
  // Every user string reaches the stack as a Terraform literal (src/engine/literal.ts).
  const config = literalConfig(written);
  const problems = checkPreconditions(config);
  if (problems.length > 0) throw new SpecRejectedError(problems);

  const stack = createStack(
    root,
    config.serviceName,
    settings,
    config.environment === undefined ? undefined : { service: config.metadata.name, environment: config.environment },
  );
  const context = new CapabilityContext(stack, config, settings, new SharedInfrastructure(stack, settings), STACK_CATALOG, foundationNeeds(config));
  const steps: StepRecord[] = [];
  const record = (name: string, phase: Phase, before: number) => {
    const added = stack.node.children.slice(before);
    steps.push({
      name,
      phase,
      resources: added.filter((c): c is TerraformResource => TerraformResource.isTerraformResource(c)),
      dataSources: added.filter((c): c is TerraformDataSource => TerraformDataSource.isTerraformDataSource(c)),
    });
  };
  const planned = planSteps(config);
  // Fetch every step's code at once: one wait for all the chunks instead of one per step.
  await Promise.all(planned.map((step) => step.load()));
  for (const step of planned) {
    const before = stack.node.children.length;
    await step.run(context);
    record(step.name, step.phase, before);
  }
  const beforeFinalize = stack.node.children.length;
  context.finalize();
  // Finalizers render what earlier steps asked for (IAM policies): counted with the step that owns them.
  const owner = planned.findIndex((step) => step.ownsFinalizers);
  if (owner >= 0) {
    record(planned[owner]!.name, planned[owner]!.phase, beforeFinalize);
    const late = steps.pop()!;
    steps[owner]!.resources.push(...late.resources);
    steps[owner]!.dataSources.push(...late.dataSources);
  }

  for (const output of context.outputs.all()) {
    // Outputs have a namespace of their own in Terraform, but constructs share the stack's: an
    // output `lambda_chat_function_url` must not clash with a resource of that logical id.
    const element = new TerraformOutput(stack, `output_${output.name}`, {
      value: output.value,
      description: `${output.key}: ${output.description}`,
      sensitive: output.sensitive,
    });
    element.overrideLogicalId(output.name);
  }
  // Addresses the engine has renamed move their state instead of being replaced (moved.ts).
  applyRenames(stack);
  // The spec's `overrides:` last, on the finished stack, so the policy checks that follow read the
  // patched resources; a patch that does not fit the stack refuses the spec, with its position.
  const rejected = applyOverrides(stack, config);
  if (rejected.length > 0) throw new SpecRejectedError(rejected);
  return { stack, context, steps };
}
