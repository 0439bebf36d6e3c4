// Written by scripts/add-provider-binding.mjs: ServiceDiscoveryPrivateDnsNamespace, imported by deep path.
import type * as Binding from "@cdktf/provider-aws/lib/service-discovery-private-dns-namespace/index.js";
import { load } from "../load.js";

export const { ServiceDiscoveryPrivateDnsNamespace } = load<typeof Binding>("@cdktf/provider-aws/lib/service-discovery-private-dns-namespace");
export type ServiceDiscoveryPrivateDnsNamespace = Binding.ServiceDiscoveryPrivateDnsNamespace;
export type * from "@cdktf/provider-aws/lib/service-discovery-private-dns-namespace/index.js";
