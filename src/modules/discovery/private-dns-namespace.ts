// A Cloud Map private DNS namespace: a Route 53 private hosted zone in one VPC, resolvable only there.
import { ServiceDiscoveryPrivateDnsNamespace } from "../../../providers/aws/service-discovery-private-dns-namespace.js";
import type { TerraformStack } from "../../../providers/cdktf.js";

export function privateDnsNamespace(scope: TerraformStack, id: string, args: { name: string; vpcId: string; description: string }): ServiceDiscoveryPrivateDnsNamespace {
  return new ServiceDiscoveryPrivateDnsNamespace(scope, id, { name: args.name, vpc: args.vpcId, description: args.description });
}
