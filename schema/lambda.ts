// `spec.lambda`: container-image functions in the stack's VPC, each with a Function URL.
import Type, { type Static } from "typebox";
import { ENV_VAR_NAME_PATTERN, ShortName, strict, type Resolved } from "./shared.js";

export const LambdaFunction = Type.Object(
  {
    name: ShortName("Function name suffix; the function is named <service>-<name>. Unique in the stack."),
    image: ShortName("ECR repository suffix; the repository is <service>-<image>. Functions may share an image."),
    memory: Type.Optional(
      Type.Integer({ minimum: 128, maximum: 10240, default: 2048, description: "Memory in MB, 128 to 10240; CPU is allotted in proportion." }),
    ),
    timeout: Type.Optional(Type.Integer({ minimum: 1, maximum: 900, default: 120, description: "Maximum run time of one invocation in seconds, 1 to 900." })),
    environment: Type.Optional(
      Type.Record(Type.String({ pattern: ENV_VAR_NAME_PATTERN }), Type.String({ maxLength: 4096 }), {
        additionalProperties: false,
        default: {},
        description:
          "Plain environment variables (names: a letter first, then letters, digits, underscores; at least two characters). Never put secrets here: declare them under spec.secrets.",
      }),
    ),
    invokeMode: Type.Optional(
      Type.Enum(["RESPONSE_STREAM", "BUFFERED"], {
        default: "RESPONSE_STREAM",
        description: "Function URL invoke mode. Streaming needs a streaming-capable image (Node.js natively, others through an adapter).",
      }),
    ),
    urlAuth: Type.Optional(
      Type.Enum(["AWS_IAM", "NONE"], {
        default: "AWS_IAM",
        description: "Function URL authorization. `NONE` makes the URL public; the function must then authenticate callers itself.",
      }),
    ),
  },
  { ...strict, description: "One container-image Lambda function." },
);
export type LambdaFunction = Static<typeof LambdaFunction>;

export const Lambda = Type.Object(
  {
    functions: Type.Array(LambdaFunction, { minItems: 1, maxItems: 20, description: "The stack's functions; they share one security group and the EFS mount." }),
  },
  { ...strict, description: "Container-image Lambda functions in the private subnets, with Function URLs." },
);
export type Lambda = Static<typeof Lambda>;

/** `spec.lambda` with every default applied. */
export type LambdaFunctionConfig = Resolved<LambdaFunction>;
export type LambdaConfig = { functions: LambdaFunctionConfig[] };

declare module "./index.js" {
  interface SectionConfigs {
    lambda: LambdaConfig;
  }
}
