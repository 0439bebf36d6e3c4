// Written by scripts/add-provider-binding.mjs: SecretsmanagerSecretVersion, imported by deep path.
import type * as Binding from "@cdktf/provider-aws/lib/secretsmanager-secret-version/index.js";
import { load } from "../load.js";

export const { SecretsmanagerSecretVersion } = load<typeof Binding>("@cdktf/provider-aws/lib/secretsmanager-secret-version");
export type SecretsmanagerSecretVersion = Binding.SecretsmanagerSecretVersion;
export type * from "@cdktf/provider-aws/lib/secretsmanager-secret-version/index.js";
