// Written by scripts/add-provider-binding.mjs: DataCloudflareZeroTrustOrganization, imported by deep path.
import type * as Binding from "@cdktf/provider-cloudflare/lib/data-cloudflare-zero-trust-organization/index.js";
import { load } from "../load.js";

export const { DataCloudflareZeroTrustOrganization } = load<typeof Binding>("@cdktf/provider-cloudflare/lib/data-cloudflare-zero-trust-organization");
export type DataCloudflareZeroTrustOrganization = Binding.DataCloudflareZeroTrustOrganization;
export type * from "@cdktf/provider-cloudflare/lib/data-cloudflare-zero-trust-organization/index.js";
