// Written by scripts/add-provider-binding.mjs: CloudflareProvider, imported by deep path.
import type * as Binding from "@cdktf/provider-cloudflare/lib/provider/index.js";
import { load } from "../load.js";

export const { CloudflareProvider } = load<typeof Binding>("@cdktf/provider-cloudflare/lib/provider");
export type CloudflareProvider = Binding.CloudflareProvider;
export type * from "@cdktf/provider-cloudflare/lib/provider/index.js";
