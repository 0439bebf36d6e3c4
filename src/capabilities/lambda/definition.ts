// `lambda`: the spec's container-image functions, each with its own role.
import { defineCapability, type RoleNeed } from "../shared/definition.js";
import { checkLambda } from "./check.js";
import { functionRoleKey } from "./keys.js";

declare module "../shared/needs.js" {
  interface StackRoleKeys {
    /** Each spec function's role: `lambda.<name>`. */
    [key: `lambda.${string}`]: true;
  }
}

export const lambda = defineCapability({
  section: "lambda",
  phase: "compute",
  summary: "per function: container-image Lambda in the private subnets, log group, Function URL, ECR repository per image; EFS mount with storage",
  // For `preview`: a function with `url: false` has no Function URL.
  describe: (lambda) => {
    const withUrl = lambda.functions.filter((fn) => fn.url !== false).length;
    const urls = withUrl === lambda.functions.length ? "Function URL" : withUrl === 0 ? "no Function URL (url: false)" : `Function URL (${withUrl} of ${lambda.functions.length} functions)`;
    return `per function: container-image Lambda in the private subnets, log group, ${urls}, ECR repository per image; EFS mount with storage`;
  },
  check: ({ config, injectedNames, error }) => checkLambda(config, injectedNames, error),
  securityGroups: () => [{ role: "lambda", client: true }],
  roles: (lambda) =>
    lambda.functions.map(
      (fn): RoleNeed => ({
        key: functionRoleKey(fn.name),
        service: "lambda.amazonaws.com",
        audience: "function",
        // `lambda-` keeps it apart from the stack's other role names.
        nameSuffix: `lambda-${fn.name}`,
        description: `The ${fn.name} function runs with this role.`,
      }),
    ),
  optOuts: [
    { field: "lambda.functions[].urlAuth: NONE", secureDefault: "AWS_IAM", rules: ["PLT-LMB-003", "PLT-LMB-005"], on: "the Function URL; the two public invoke permissions" },
  ],
  claims: (lambda, claims) => {
    const images = new Set<string>();
    lambda.functions.forEach((f, index) => {
      claims.functionNames(f.name, ["spec", "lambda", "functions", index, "name"]);
      // Functions sharing an image share its repository.
      if (!images.has(f.image)) claims.claim("ECR repository", claims.name("ecrRepository", f.image), ["spec", "lambda", "functions", index, "image"]);
      images.add(f.image);
    });
  },
  starter: (name) => ["  # Container-image Lambda functions in the private subnets.", "  lambda:", "    functions:", "      - name: worker", "        image: worker # the function's image is in the ECR repository <service>-worker"],
  load: () => import("./provision.js"),
});
