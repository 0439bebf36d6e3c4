// Written by scripts/add-provider-binding.mjs: ServiceDiscoveryService, imported by deep path.
import type * as Binding from "@cdktf/provider-aws/lib/service-discovery-service/index.js";
import { load } from "../load.js";

export const { ServiceDiscoveryService } = load<typeof Binding>("@cdktf/provider-aws/lib/service-discovery-service");
export type ServiceDiscoveryService = Binding.ServiceDiscoveryService;
export type * from "@cdktf/provider-aws/lib/service-discovery-service/index.js";
