// `metadata`: who the service is. Extra keys (labels, owners) are allowed here and ignored.
import Type, { type Static } from "typebox";
import { SERVICE_NAME_PATTERN } from "./shared.js";

export const Metadata = Type.Object(
  {
    name: Type.String({
      minLength: 2,
      maxLength: 40,
      pattern: SERVICE_NAME_PATTERN,
      description:
        "Service name: 2-40 characters, lowercase letters, digits and single hyphens, starting with a letter. Used for the stack id, DNS, ECR, IAM and database identifiers.",
    }),
    description: Type.Optional(Type.String({ maxLength: 256, description: "What the service is for. Absent: no description (it is documentation only)." })),
  },
  {
    additionalProperties: true,
    description: "Identity of the service. Keys other than name and description (labels, owners) are allowed and ignored.",
  },
);
export type Metadata = Static<typeof Metadata>;
