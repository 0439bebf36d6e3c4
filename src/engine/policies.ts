// Where the engine applies the built-in policy checks (src/policy): every stack it builds for
// `platform synth` or `platform validate` goes through here, after the last phase and before any
// Terraform JSON exists.
import { inMemoryRoot, releaseTokens, type Construct } from "../../providers/cdktf.js";
import type { PlatformConfig } from "../config/platform-config.js";
import { checkStackPolicies, type Finding } from "../policy/index.js";
import type { EngineSettings } from "../settings/settings.js";
import { buildStack, type BuiltStack } from "./build.js";
import { locateFindings } from "./finding-positions.js";
import { POLICY_RULE_INDEX } from "./policy-rules.js";

export interface CheckedStack extends BuiltStack {
  /** Errors refuse the stack; warnings are exceptions a capability declared. */
  findings: Finding[];
}

/** Builds the spec's stack under `root` and checks its policies. */
export async function buildCheckedStack(root: Construct, config: PlatformConfig, settings: EngineSettings): Promise<CheckedStack> {
  const built = await buildStack(root, config, settings);
  return { ...built, findings: locateFindings(checkStackPolicies(built.stack, POLICY_RULE_INDEX), built.steps, config) };
}

/** The policy findings of a spec, from a stack built in memory: nothing is written. */
export async function checkSpecPolicies(config: PlatformConfig, settings: EngineSettings): Promise<Finding[]> {
  const { findings } = await buildCheckedStack(inMemoryRoot(), config, settings);
  releaseTokens();
  // The rule's requirement travels with the finding: reports (SARIF) describe rules without
  // loading the policy code themselves.
  return findings.map((finding) => ({ ...finding, title: POLICY_RULE_INDEX.ruleById(finding.ruleId)?.title ?? finding.ruleId }));
}
