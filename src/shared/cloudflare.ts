// The shared Cloudflare zone and account, found from SSM parameters; the API token is read through
// an ephemeral resource (Terraform >= 1.10), so it never lands in state or in the generated JSON.
import { DataAwsSsmParameter } from "../../providers/aws/data-aws-ssm-parameter.js";
import type { TerraformStack } from "../../providers/cdktf.js";
import { DataCloudflareZone } from "../../providers/cloudflare/data-cloudflare-zone.js";
import { CloudflareProvider } from "../../providers/cloudflare/provider.js";
import type { SharedInfrastructure } from "./infrastructure.js";

const TOKEN_EPHEMERAL = "cloudflare_api_token";

export class CloudflareEdge {
  readonly zone: DataCloudflareZone;
  readonly accessPolicyId: string;

  constructor(scope: TerraformStack, infra: SharedInfrastructure) {
    const { settings } = infra;
    scope.addOverride(`ephemeral.aws_ssm_parameter.${TOKEN_EPHEMERAL}`, {
      arn: infra.arn("ssm", `parameter${settings.cloudflareTokenParameter}`),
      with_decryption: true,
    });
    new CloudflareProvider(scope, "cloudflare", { apiToken: `\${ephemeral.aws_ssm_parameter.${TOKEN_EPHEMERAL}.value}` });

    const zoneId = new DataAwsSsmParameter(scope, "cloudflare_zone_id", { name: settings.cloudflareZoneIdParameter });
    this.zone = new DataCloudflareZone(scope, "cloudflare_zone", { zoneId: zoneId.value });
    this.accessPolicyId = new DataAwsSsmParameter(scope, "cloudflare_access_policy_id", { name: settings.cloudflareAccessPolicyParameter }).value;
  }

  get zoneId(): string {
    return this.zone.zoneId;
  }

  get zoneName(): string {
    return this.zone.name;
  }

  get accountId(): string {
    return this.zone.account.id;
  }
}
