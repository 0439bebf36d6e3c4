#!/usr/bin/env node
// Writes providers/<provider>/<resource>.ts: a typed, deep CommonJS import of one prebuilt
// provider class, so stacks load only the classes they use. Usage:
//   node scripts/add-provider-binding.mjs aws ecs-service lb-target-group ...
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const packages = { aws: "@cdktf/provider-aws", cloudflare: "@cdktf/provider-cloudflare" };
const [provider, ...resources] = process.argv.slice(2);
const pkg = packages[provider];
if (!pkg || resources.length === 0) {
  console.error("usage: add-provider-binding.mjs <aws|cloudflare> <lib-folder>...");
  process.exit(2);
}
for (const resource of resources) {
  const index = join(root, "node_modules", pkg, "lib", resource, "index.d.ts");
  if (!existsSync(index)) {
    console.error(`${pkg} has no lib/${resource}`);
    process.exit(1);
  }
  const className = /export declare class (\w+) extends cdktf\.Terraform(?:Resource|DataSource|Provider)/.exec(
    readFileSync(index, "utf8"),
  )?.[1];
  if (!className) {
    console.error(`no resource class found in ${index}`);
    process.exit(1);
  }
  const target = join(root, "providers", provider, `${resource}.ts`);
  const spec = `${pkg}/lib/${resource}`;
  writeFileSync(
    target,
    [
      `// Written by scripts/add-provider-binding.mjs: ${className}, imported by deep path.`,
      `import type * as Binding from "${spec}/index.js";`,
      `import { load } from "../load.js";`,
      ``,
      `export const { ${className} } = load<typeof Binding>("${spec}");`,
      `export type ${className} = Binding.${className};`,
      `export type * from "${spec}/index.js";`,
      ``,
    ].join("\n"),
  );
  console.log(`providers/${provider}/${resource}.ts -> ${className}`);
}
