// Written by scripts/add-provider-binding.mjs: DataCloudflareZone, imported by deep path.
import type * as Binding from "@cdktf/provider-cloudflare/lib/data-cloudflare-zone/index.js";
import { load } from "../load.js";

export const { DataCloudflareZone } = load<typeof Binding>("@cdktf/provider-cloudflare/lib/data-cloudflare-zone");
export type DataCloudflareZone = Binding.DataCloudflareZone;
export type * from "@cdktf/provider-cloudflare/lib/data-cloudflare-zone/index.js";
