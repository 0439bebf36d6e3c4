// Reads terraform's own error text and says, in one line plus a hint, what went wrong and what to
// do: a held state lock, providers that cannot be installed, a missing state bucket, credentials,
// deletion protection, repositories that still hold images. Anything else: terraform's first error.
import { readFileSync } from "node:fs";
import { join } from "node:path";

export interface Explanation {
  message: string;
  hint?: string;
}

/** Output as terraform prints it, without colors or the box drawn around diagnostics. */
export function plainText(output: string): string {
  return output
    .replace(/\u001b\[[0-9;]*m/g, "")
    .split("\n")
    .map((line) => line.replace(/^[│╷╵]\s?/, ""))
    .join("\n");
}

/** The lines of the first `Error: ...` diagnostic: its summary and the detail below it. */
export function firstError(text: string): { summary: string; detail: string } | undefined {
  const match = /^Error: (.+)$/m.exec(text);
  if (!match) return undefined;
  const rest = text.slice(match.index + match[0].length).split("\n");
  const detail = rest
    .map((line) => line.trim())
    .filter((line) => line !== "" && !/^with |^on .+ line \d+|^\d+:/.test(line))
    .slice(0, 3)
    .join(" ");
  return { summary: match[1]!.trim(), detail };
}

const field = (text: string, name: string) => new RegExp(`^\\s*${name}:\\s*(.*)$`, "m").exec(text)?.[1]?.trim();

/**
 * The service and environment of the stack in `dir`, from the default tags its AWS provider sets
 * (`platform:service`, `platform:environment`); undefined when the stack cannot be read.
 */
function stackIdentity(dir: string): { service: string; environment?: string } | undefined {
  try {
    const stack = JSON.parse(readFileSync(join(dir, "cdk.tf.json"), "utf8")) as { provider?: { aws?: Array<{ default_tags?: Array<{ tags?: Record<string, string> }> }> } };
    const tags = stack.provider?.aws?.[0]?.default_tags?.[0]?.tags ?? {};
    const service = tags["platform:service"];
    if (service === undefined) return undefined;
    const environment = tags["platform:environment"];
    return environment === undefined ? { service } : { service, environment };
  } catch {
    return undefined;
  }
}

interface Rule {
  test: RegExp;
  explain: (text: string, step: string, dir: string) => Explanation;
}

const RULES: Rule[] = [
  {
    test: /Error acquiring the state lock/,
    explain: (text, _step, dir) => {
      const id = field(text, "ID");
      const who = field(text, "Who");
      const created = field(text, "Created");
      const operation = field(text, "Operation")?.replace(/^OperationType/, "").toLowerCase();
      const holder = [who ? `by ${who}` : "", operation ? `(${operation})` : "", created ? `since ${created}` : ""].filter(Boolean).join(" ");
      return {
        message: `the stack's state is locked${holder ? ` ${holder}` : ""}${id ? `, lock ${id}` : ""}: another terraform run is using it`,
        hint: `wait for that run to finish and retry; if it crashed, release the lock with \`terraform -chdir=${dir} force-unlock ${id ?? "<lock id>"}\``,
      };
    },
  },
  {
    test: /Unsupported Terraform Core version/,
    explain: (text) => ({
      message: `this terraform is too old for the stack (${/This configuration does not support Terraform version ([^\s.]+\.[^\s.]+\.[^\s.]+)/.exec(text)?.[1] ?? "see above"}); it needs >= 1.10`,
      hint: "install Terraform >= 1.10, or point PLATFORM_TERRAFORM at one",
    }),
  },
  {
    test: /Failed to (query available provider packages|install provider)/,
    explain: (text) => {
      const named = [...text.matchAll(/(?:versions for|install) provider\s+(?:registry\.terraform\.io\/)?([a-z0-9-]+\/[a-z0-9-]+)/gi)].map((match) => match[1]!);
      const providers = [...new Set(named)].sort();
      const provider = providers.length === 0 ? "a provider" : `${providers.length === 1 ? "provider" : "providers"} ${providers.join(", ")}`;
      const unreachable = /could not connect to|no such host|dial tcp|i\/o timeout|TLS handshake|connection refused/i.test(text);
      const notInMirror = /not found in any of the\s+search locations/i.test(text);
      const reason = unreachable ? "the provider registry cannot be reached" : notInMirror ? "it is not in the configured provider mirror" : "installation failed";
      return {
        message: `terraform could not install ${provider}: ${reason}`,
        hint: "the first init of a stack downloads its providers: allow access to registry.terraform.io, or configure a provider mirror or plugin cache (provider_installation in the Terraform CLI config, TF_PLUGIN_CACHE_DIR)",
      };
    },
  },
  {
    test: /S3 bucket "?[^"\s]*"? does not exist|NoSuchBucket/,
    explain: (text) => {
      const bucket = /S3 bucket "?([^"\s]+)"? does not exist/.exec(text)?.[1] ?? /bucket[ =:"]+([a-z0-9.-]{3,63})/i.exec(text)?.[1];
      return {
        message: `the state bucket${bucket ? ` ${bucket}` : ""} does not exist`,
        hint: "run `platform setup` (same --state-bucket / --state-region) to create it",
      };
    },
  },
  {
    test: /No valid credential sources found|failed to refresh cached credentials|NoCredentialProviders|no EC2 IMDS role found/,
    explain: () => ({
      message: "terraform found no AWS credentials",
      hint: "configure credentials the usual way (AWS_PROFILE, `aws sso login`, AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or an instance/container role)",
    }),
  },
  {
    test: /InvalidClientTokenId|ExpiredToken|SignatureDoesNotMatch|InvalidAccessKeyId|security token included in the request is (invalid|expired)/,
    explain: () => ({ message: "AWS rejected the credentials terraform used (invalid or expired)", hint: "refresh them (e.g. `aws sso login`) and retry" }),
  },
  {
    test: /Cannot delete protected DB Instance|deletion protection/i,
    explain: (text, _step, dir) => {
      const address = /with (aws_db_instance\.[A-Za-z0-9_-]+)/.exec(text)?.[1];
      const identifier = /deleting RDS DB Instance \(([^)]+)\)/.exec(text)?.[1];
      const what = [identifier, address ? `(${address})` : ""].filter(Boolean).join(" ");
      // A stack of one environment: the field may be set in its overlay, and both commands need --env.
      const stack = stackIdentity(dir);
      const env = stack?.environment;
      const setting = env ? `environments.${env}.database.deletionProtection: false (or spec.database.deletionProtection for every environment)` : "spec.database.deletionProtection: false";
      const withEnv = env ? ` --env ${env}` : "";
      return {
        message: `the database${what ? ` ${what}` : ""} has deletion protection on, so it was not destroyed`,
        hint: `destroying it takes two steps: set ${setting} and run \`platform create <spec>${withEnv}\` (this only turns the protection off; the final snapshot is still taken), then run \`platform destroy ${stack?.service ?? "<name>"}${withEnv}\` again`,
      };
    },
  },
  {
    test: /RepositoryNotEmptyException|ECR Repository \([^)]+\) not empty/,
    explain: (text) => {
      const repository = /ECR Repository \(([^)]+)\) not empty/.exec(text)?.[1] ?? /repository with name '([^']+)'/.exec(text)?.[1] ?? "<repository>";
      return {
        message: `ECR repository ${repository} still holds images, so it was not destroyed (the engine never deletes images implicitly)`,
        hint: `delete the images first (aws ecr batch-delete-image --repository-name ${repository} --image-ids "$(aws ecr list-images --repository-name ${repository} --query imageIds --output json)"), then run \`platform destroy\` again`,
      };
    },
  },
  {
    test: /DBSnapshotAlreadyExists/,
    explain: () => ({
      message: "the database's final snapshot name is already taken by an earlier snapshot",
      hint: "delete or rename the old snapshot (aws rds describe-db-snapshots), then run `platform destroy` again",
    }),
  },
  {
    test: /AccessDenied|UnauthorizedOperation|not authorized to perform|StatusCode: 403/,
    explain: (text) => {
      const action = /not authorized to perform: ([a-z0-9-]+:[A-Za-z0-9]+)/.exec(text)?.[1];
      const first = firstError(text);
      return {
        message: `access denied${action ? ` to ${action}` : ""}${first ? `: ${first.summary}` : ""}`,
        hint: "the identity terraform runs as lacks a permission; check `aws sts get-caller-identity` and its IAM policies",
      };
    },
  },
  {
    // The AWS provider refuses any change of an ECS service's capacity provider strategy without
    // force_new_deployment; the engine writes one for spot and mixed, none (launch_type FARGATE)
    // for on-demand, so this is a service going back from Spot. See docs/spec.md (compute.capacity).
    test: /force_new_deployment should be true when capacity_provider_strategy is being updated/,
    explain: (text) => {
      const address = /with (aws_ecs_service\.[A-Za-z0-9_-]+)/.exec(text)?.[1] ?? "aws_ecs_service.compute_ecs_service";
      return {
        message: `the AWS provider cannot take the ECS service ${address} off its Fargate Spot capacity provider strategy in place (spec.compute.capacity went from spot or mixed to on-demand)`,
        hint:
          "keep spec.compute.capacity spot or mixed, or return the service to its launch type outside Terraform first: " +
          "`aws ecs update-service --cluster <cluster> --service <service> --capacity-provider-strategy '[]' --force-new-deployment` " +
          "(names: `platform outputs <name>`, compute.cluster_name and compute.service_name), then run this command again; " +
          "if the plan then replaces the service, it is down until the new one is running (its autoscaling is replaced with it)",
      };
    },
  },
  {
    test: /No value for required variable/,
    explain: (text) => {
      const variable = /variable "([^"]+)"/.exec(text)?.[1];
      return { message: `no value for the terraform variable ${variable ?? "(see above)"}`, hint: `pass --var ${variable ?? "<name>"}=<value>` };
    },
  },
];

/** One line (and a hint) for a failed terraform step, from the text terraform printed. */
export function explainTerraformFailure(step: string, output: string, dir: string): Explanation {
  const plain = plainText(output);
  // Match only terraform's diagnostics, not the plan or progress printed before them.
  const errorsAt = plain.search(/^Error: /m);
  const text = errorsAt >= 0 ? plain.slice(errorsAt) : plain;
  for (const rule of RULES) if (rule.test.test(text)) return rule.explain(text, step, dir);
  const first = firstError(text);
  return {
    message: `terraform ${step} failed${first ? `: ${first.summary}${first.detail ? ` (${first.detail})` : ""}` : " (no error message; see terraform's output above)"}`,
    hint: "terraform's full output is above",
  };
}
