// Written by scripts/add-provider-binding.mjs: ZeroTrustAccessApplication, imported by deep path.
import type * as Binding from "@cdktf/provider-cloudflare/lib/zero-trust-access-application/index.js";
import { load } from "../load.js";

export const { ZeroTrustAccessApplication } = load<typeof Binding>("@cdktf/provider-cloudflare/lib/zero-trust-access-application");
export type ZeroTrustAccessApplication = Binding.ZeroTrustAccessApplication;
export type * from "@cdktf/provider-cloudflare/lib/zero-trust-access-application/index.js";
