// One Terraform stack per service: the AWS provider (region and default tags from the settings),
// the state backend, and the Terraform version the generated configuration needs.
import { AwsProvider } from "../../providers/aws/provider.js";
import { CloudBackend, NamedCloudWorkspace, S3Backend, TerraformStack, type Construct } from "../../providers/cdktf.js";
import { stateRegionOf, type EngineSettings } from "../settings/settings.js";

/** Ephemeral resources and S3-native state locking need Terraform 1.10. */
export const REQUIRED_TERRAFORM_VERSION = ">= 1.10";
export const ENGINE_TAG_VALUE = "platform-engine";

/**
 * Where a service's state lives in the state bucket: `platform/<name>/terraform.tfstate`, or
 * `platform/<name>/<environment>/terraform.tfstate` for one environment of a spec with environments.
 */
export const stateKey = (service: string, environment?: string) =>
  environment === undefined ? `platform/${service}/terraform.tfstate` : `platform/${service}/${environment}/terraform.tfstate`;

/** Which environment of which service a stack is (absent for a spec without environments). */
export interface StackEnvironment {
  /** `metadata.name`. */
  service: string;
  environment: string;
}

/**
 * `stackName` is the stack id: the service name, or `<service>-<environment>` for an environment,
 * whose tags then name the service and the environment apart.
 */
export function createStack(root: Construct, stackName: string, settings: EngineSettings, environment?: StackEnvironment): TerraformStack {
  const stack = new TerraformStack(root, stackName);
  const service = environment?.service ?? stackName;
  new AwsProvider(stack, "aws", {
    region: settings.region,
    // The provider refuses credentials of any other account (absent: any account, as before).
    ...(settings.allowedAccountIds.length > 0 ? { allowedAccountIds: [...settings.allowedAccountIds] } : {}),
    defaultTags: [
      {
        tags: {
          "platform:service": service,
          ...(environment ? { "platform:environment": environment.environment } : {}),
          "platform:managed-by": ENGINE_TAG_VALUE,
        },
      },
    ],
  });
  stack.addOverride("terraform.required_version", REQUIRED_TERRAFORM_VERSION);

  if (settings.backend === "cloud") {
    new CloudBackend(stack, {
      hostname: settings.cloudHostname,
      organization: settings.cloudOrganization,
      workspaces: new NamedCloudWorkspace(`${settings.cloudWorkspacePrefix}${stackName}`),
    });
    return stack;
  }
  const endpoint = settings.stateEndpoint;
  new S3Backend(stack, {
    bucket: settings.stateBucket,
    key: stateKey(service, environment?.environment),
    region: stateRegionOf(settings),
    encrypt: true,
    ...(endpoint
      ? {
          endpoints: { s3: endpoint },
          usePathStyle: true,
          // An S3-compatible server has no STS, IMDS or account to check.
          skipCredentialsValidation: true,
          skipRequestingAccountId: true,
          skipMetadataApiCheck: true,
          skipRegionValidation: true,
        }
      : {}),
  });
  // S3-native locking (a .tflock object beside the state); cdktf 0.21 has no typed option for it.
  stack.addOverride("terraform.backend.s3.use_lockfile", true);
  return stack;
}
