// `overrides`: the reviewable escape hatch. Patches on resources of the generated stack, each named by
// its Terraform address, with a reason; checked against the synthesized stack by `platform synth`
// and `platform validate --policy` (src/engine/overrides.ts), applied before the policy checks.
import Type, { type Static } from "typebox";
import { strict } from "./shared.js";

/** `aws_ecs_task_definition.compute_task_definition`: a resource type, a dot, a logical id. */
export const RESOURCE_ADDRESS_PATTERN = "^[a-z][a-z0-9_]*\\.[A-Za-z_][A-Za-z0-9_-]*$";
/** A policy rule id (`PLT-ECS-003`). */
export const RULE_ID_PATTERN = "^PLT-[A-Z0-9]+-[0-9]{3}$";

const Reason = (description: string) => Type.String({ minLength: 3, maxLength: 500, description });

export const AllowedPolicy = Type.Object(
  {
    rule: Type.String({ pattern: RULE_ID_PATTERN, description: "Id of the policy rule this patch is allowed to break (`PLT-ECS-003`); docs/security.md lists them." }),
    reason: Reason("Why breaking the rule is acceptable here; printed with the finding, in the exceptions summary of `platform synth` and in `platform diff`."),
  },
  { ...strict, description: "A policy rule the patched resource may break, with the reason." },
);

export const Override = Type.Object(
  {
    resource: Type.String({
      pattern: RESOURCE_ADDRESS_PATTERN,
      description: "Terraform address of a resource in the generated stack, `<type>.<logical id>` (see `platform preview` or the synthesized cdk.tf.json).",
    }),
    reason: Reason("Why the patch is needed (and, ideally, the issue asking for a spec field); shown by `platform preview` and `platform diff`."),
    set: Type.Optional(
      Type.Record(Type.String({ minLength: 1, maxLength: 300 }), Type.Unknown(), {
        description:
          "Attribute paths (Terraform names, as in the provider docs) to the values they take: `ephemeral_storage.size_in_gib`, `tags.team`, `ingress[0].description`, and inside the container definitions `container_definitions[name=app].ulimits`. Absent: nothing is set.",
      }),
    ),
    remove: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: 300 }), {
        maxItems: 50,
        description: "Attribute paths to remove (written like the keys of `set`). Absent: nothing is removed.",
      }),
    ),
    allowPolicies: Type.Optional(
      Type.Array(AllowedPolicy, {
        maxItems: 20,
        description: "Policy rules the patched resource may break, each with its reason. Absent: every rule applies, and a patch that breaks one fails synthesis.",
      }),
    ),
  },
  { ...strict, description: "One patch on one generated resource." },
);
export type Override = Static<typeof Override>;

export const Overrides = Type.Array(Override, {
  maxItems: 100,
  description:
    "Patches on the generated resources, for a setting the spec has no field for (docs/spec.md, \"Overrides\"). Checked against the synthesized stack and applied before the policy checks. Absent: no patch.",
});
export type Overrides = Static<typeof Overrides>;
