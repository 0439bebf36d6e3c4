#!/usr/bin/env node
// Checks that the baseline app builds the same stack as the engine: synthesizes both (the engine
// through bin/platform.mjs, the baseline through `cdktf synth`) and compares the address sets of
// resources, data sources, ephemeral resources, outputs, variables, providers and the backend.
// Attribute differences are counted and listed for information only.
// Exit 0 when the address sets are equal, 1 when they differ.
//   node bench/baseline/compare.mjs [--keep] [--attributes]
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { isDeepStrictEqual } from "node:util";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "../..");
// The frozen copy main.ts builds (not the live fixture, which gains every new section).
const fixture = join(here, "platform-agent-factory.yaml");
const args = process.argv.slice(2);
const env = { ...process.env, CI: "true", CHECKPOINT_DISABLE: "1", DISABLE_VERSION_CHECK: "1" };

const work = mkdtempSync(join(tmpdir(), "baseline-compare-"));
const oursDir = join(work, "ours");
const baseDir = join(work, "baseline");
execFileSync(process.execPath, [join(root, "bin/platform.mjs"), "synth", fixture, "--out", oursDir], { cwd: root, env, stdio: ["ignore", "ignore", "inherit"] });
execFileSync(process.execPath, [join(root, "node_modules/cdktf-cli/bundle/bin/cdktf"), "synth", "--output", baseDir], { cwd: here, env, stdio: ["ignore", "ignore", "pipe"] });

const stackJson = (dir) => JSON.parse(readFileSync(join(dir, "stacks/agent-factory/cdk.tf.json"), "utf8"));
const ours = stackJson(oursDir);
const base = stackJson(baseDir);

/** Every addressable block of a cdk.tf.json, as `address -> body` (cdktf metadata stripped). */
function addresses(json) {
  const found = new Map();
  const strip = (body) => {
    if (body && typeof body === "object" && !Array.isArray(body)) {
      const { "//": _metadata, ...rest } = body;
      return rest;
    }
    return body;
  };
  for (const kind of ["resource", "data", "ephemeral"]) {
    const prefix = kind === "resource" ? "" : `${kind}.`;
    for (const [type, blocks] of Object.entries(json[kind] ?? {})) {
      for (const [name, body] of Object.entries(blocks)) found.set(`${prefix}${type}.${name}`, strip(body));
    }
  }
  for (const [name, body] of Object.entries(json.output ?? {})) found.set(`output.${name}`, body);
  for (const [name, body] of Object.entries(json.variable ?? {})) found.set(`var.${name}`, body);
  for (const [name, blocks] of Object.entries(json.provider ?? {})) {
    blocks.forEach((body, i) => found.set(`provider.${name}${blocks.length > 1 ? `[${i}]` : ""}`, body));
  }
  for (const [name, body] of Object.entries(json.terraform?.backend ?? {})) found.set(`backend.${name}`, body);
  for (const [name, body] of Object.entries(json.terraform?.required_providers ?? {})) found.set(`required_providers.${name}`, body);
  if (json.terraform?.required_version) found.set("required_version", json.terraform.required_version);
  return found;
}

const a = addresses(ours);
const b = addresses(base);
const onlyOurs = [...a.keys()].filter((k) => !b.has(k)).sort();
const onlyBase = [...b.keys()].filter((k) => !a.has(k)).sort();
const differing = [...a.keys()].filter((k) => b.has(k) && !isDeepStrictEqual(a.get(k), b.get(k))).sort();

const PREFIXES = {
  "data.": "data sources",
  "ephemeral.": "ephemeral",
  "output.": "outputs",
  "var.": "variables",
  "provider.": "providers",
  "backend.": "terraform settings",
  "required_providers.": "terraform settings",
  required_version: "terraform settings",
};
const summary = (map) => {
  const counts = { resources: 0, "data sources": 0, ephemeral: 0, outputs: 0, variables: 0, providers: 0, "terraform settings": 0 };
  for (const key of map.keys()) {
    const prefix = Object.keys(PREFIXES).find((p) => key.startsWith(p));
    if (prefix) counts[PREFIXES[prefix]]++;
    else counts.resources++;
  }
  return Object.entries(counts).map(([kind, n]) => `${n} ${kind}`).join(", ");
};
console.log(`engine:   ${summary(a)}`);
console.log(`baseline: ${summary(b)}`);
for (const k of onlyOurs) console.log(`  only in the engine's stack:   ${k}`);
for (const k of onlyBase) console.log(`  only in the baseline's stack: ${k}`);
console.log(`${a.size} addresses compared; ${onlyOurs.length + onlyBase.length} differ in presence; ${differing.length} of the common ones differ in attributes (information only)`);
for (const k of differing) {
  console.log(`  attributes differ: ${k}`);
  if (args.includes("--attributes")) {
    console.log(`    engine:   ${JSON.stringify(a.get(k))}`);
    console.log(`    baseline: ${JSON.stringify(b.get(k))}`);
  }
}

if (args.includes("--keep")) console.log(`outputs kept in ${work}`);
else rmSync(work, { recursive: true, force: true });
process.exit(onlyOurs.length + onlyBase.length === 0 ? 0 : 1);
