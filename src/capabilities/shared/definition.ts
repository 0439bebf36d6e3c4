// What a capability says about itself: the shape of each unit's definition (src/capabilities/<section>/
// definition.ts). The engine's registry (src/engine/registry.ts) is a list of these; every list of
// sections, environment variables, name limits, stateful types and policy rules is derived from it.
// Types only (and a helper): a definition is loaded for every spec, its provisioning only on demand.
import type { DiagnosticCode, SourceRange, SpecPath } from "../../config/diagnostics.js";
import type { PlatformConfig, SectionConfigs, SectionName } from "../../config/platform-config.js";
import type { PolicyRule } from "../../policy/rule.js";
import type { NameClaims } from "./claims.js";
import type { CapabilityContext } from "./context.js";
import type { InjectedName, InjectedVariable } from "./environment.js";
import type { NamedResource } from "./names.js";
import type { RoleNeed, SecurityGroupNeed } from "./needs.js";
import type { Phase, SectionPhase } from "./phases.js";

export type { RoleAudience, RoleKey, RoleNeed, SecurityGroupNeed, SecurityGroupRole, StackRoleKeys } from "./needs.js";

/** A section that must be declared alongside another. */
export interface Precondition {
  /** At least one of these sections must be declared. */
  anyOf: readonly SectionName[];
  /** The precondition applies only when this holds (default: whenever the section is declared). */
  when?: (config: PlatformConfig) => boolean;
  /** Where the error points, below `spec` (default: the section's key). */
  at?: SpecPath;
  /** Why, in the words of the error. */
  because: string;
}

export interface ForceNewAttribute {
  /** Attribute path without list indexes; a change at or below it counts (`encryption_configuration` covers `encryption_configuration.kms_key`). */
  path: string;
  /** Set when the provider replaces only in some cases; such changes are reported as "may replace". */
  when?: string;
}

/**
 * A resource type that holds data: what it is and what its replacement loses. Which attributes
 * force its replacement is in the one force-new table of every emitted type (src/diff/force-new.json);
 * here only the replacements that happen in some cases (a downgrade, a layout change), read from the
 * hashicorp/aws provider's resource docs (website/docs/r/<resource>.html.markdown) and source
 * (CustomizeDiff), citing where.
 */
export interface StatefulType {
  /** What the resource is, in a reviewer's words. */
  kind: string;
  /** What is lost when it is destroyed. */
  loses: string;
  /** Replacements that happen only in some cases; everything certain is in the force-new table. */
  mayReplace: readonly ForceNewAttribute[];
  /** Where the type's replacement behaviour was read. */
  sources: readonly string[];
}

/** An optional spec field that turns a secure default off; the provisioning declares exceptions to `rules` on `on`. */
export interface OptOut {
  /** The field and the value that turns the default off, e.g. `database.deletionProtection: false`. */
  field: string;
  /** The secure default, e.g. `true`. */
  secureDefault: string;
  rules: readonly string[];
  /** The construct(s) marked, in a reader's words. */
  on: string;
}

/**
 * Reports one problem of a spec: its stable code (src/config/codes.ts), its path, what is wrong and
 * how to fix it, positioned on the value (default) or on its key, or at `position` when the rule
 * knows better (a field inside a string).
 */
export type Report = (code: DiagnosticCode, path: SpecPath, message: string, hint: string, where?: "key" | "value", position?: SourceRange) => void;

/** What a unit's rules read and report with (see CapabilityDefinition.check). */
export interface SectionCheck {
  config: PlatformConfig;
  error: Report;
  warning: Report;
  /** Names of every variable the engine injects (a spec may not reuse them). */
  injectedNames: ReadonlySet<string>;
}

export type CapabilityHandler<K extends SectionName> = (section: SectionConfigs[K], ctx: CapabilityContext) => void;
export type StepHandler = (ctx: CapabilityContext) => void;

/** A step no section names, derived from what is declared (Foundation; Networking, with compute). */
export interface DerivedStep {
  name: string;
  phase: Phase;
  summary: string;
  /** The line for this spec when it depends on what the spec declares (default: `summary`). */
  describe?: (config: PlatformConfig) => string;
  appliesTo: (config: PlatformConfig) => boolean;
  /**
   * The step's record also counts what the context's finalizers add after the last phase (the IAM
   * policies Foundation renders from the grants of later steps).
   */
  ownsFinalizers?: boolean;
  load: () => Promise<{ provision: StepHandler }>;
}

export interface CapabilityDefinition<K extends SectionName = SectionName> {
  section: K;
  phase: SectionPhase;
  /** One line for `platform validate` and the docs. */
  summary: string;
  /** The line for this spec's section when it depends on what the section declares (default: `summary`). */
  describe?: (section: SectionConfigs[K], config: PlatformConfig) => string;
  requires?: readonly Precondition[];
  /**
   * False for a section that only wires references into the others (secrets): a spec declaring
   * nothing else provisions nothing and is refused. Default true.
   */
  provisions?: boolean;
  /**
   * Sections whose workloads connect to this one (a data service): when none is declared, the spec
   * gets a warning that nothing in the stack could reach it.
   */
  reachedBy?: readonly SectionName[];
  /**
   * Rules of the section the schema cannot express (combinations of fields, values AWS would refuse
   * at apply time), run with every spec check when the section is declared; in the unit's check.ts.
   */
  check?: (check: SectionCheck) => void;
  /** The security groups Foundation creates for the section. */
  securityGroups?: (section: SectionConfigs[K], config: PlatformConfig) => SecurityGroupNeed[];
  /** The IAM roles Foundation creates for the section. */
  roles?: (section: SectionConfigs[K], config: PlatformConfig) => RoleNeed[];
  /** The environment variables the section injects into workloads (documented in docs/spec.md). */
  environment?: { readonly [N in InjectedName]?: InjectedVariable };
  /**
   * The names the section's stack takes in the account, region or shared VPC, declared with the
   * field each comes from: two specs of one run may not take the same (src/engine/claims.ts).
   */
  claims?: (section: SectionConfigs[K], claims: NameClaims, config: PlatformConfig) => void;
  /** AWS name limits of the resources the section names with `ctx.name(kind, ...)`. */
  nameLimits?: { readonly [N in NamedResource]?: number };
  /** Resource types of the section that hold data, with their replacement-forcing attributes (diff, create). */
  statefulTypes?: Readonly<Record<string, StatefulType>>;
  /** Policy rules that read the section's resources (docs/security.md lists them). */
  policyRules?: readonly PolicyRule[];
  /** Spec fields that turn a secure default off, and the policy exceptions the provisioning then declares (docs/security.md lists them). */
  optOuts?: readonly OptOut[];
  /** Steps the section brings that run in other phases (compute: networking). */
  derivedSteps?: readonly DerivedStep[];
  /**
   * The section as `platform init` writes it: commented lines of a starting point that validates as
   * it stands (indented under `spec:`), for the service `name`.
   */
  starter: (name: string) => string[];
  /** Imports the provisioning (a chunk of its own, loaded only for stacks that declare the section). */
  load: () => Promise<{ provision: CapabilityHandler<K> }>;
}

/** The definition with the typing of its own section kept (the registry widens it). */
export const defineCapability = <K extends SectionName>(definition: CapabilityDefinition<K>): CapabilityDefinition<K> => definition;
