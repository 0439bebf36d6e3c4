#!/usr/bin/env node
// Runs real terraform on a synthesized stack with the stand-in providers, offline:
//
//   node scripts/offline-terraform.mjs [--s3-endpoint http://127.0.0.1:PORT] [--world FILE] [--keep] <stack-dir> <terraform args...>
//
// In a temporary folder it builds a filesystem mirror holding a stand-in for every provider (and
// version) the stack's required_providers ask for, a CLI configuration that installs only from that
// mirror, and a copy of the stack whose S3 backend is replaced by a local one (or pointed at the
// loopback S3 endpoint given). It runs `terraform init`, then `terraform <args>` there, and exits
// with terraform's exit code. See docs/testing.md.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const PROVIDER_SOURCE = join(ROOT, "test-support", "stand-in-provider");
const STATE_FILE = "terraform.tfstate";

/** Providers the stand-ins serve: registry address -> stand-in name. */
const STAND_INS = {
  "registry.terraform.io/hashicorp/aws": "aws",
  "registry.terraform.io/cloudflare/cloudflare": "cloudflare",
};

/** Bundles the stand-in provider once per source change (a cached CommonJS file in the temp folder). */
export async function standInBundle() {
  const hash = createHash("sha256");
  for (const file of readdirSync(PROVIDER_SOURCE).sort()) {
    if (file.endsWith(".ts")) hash.update(file).update(readFileSync(join(PROVIDER_SOURCE, file)));
  }
  const bundle = join(tmpdir(), `platform-stand-in-provider-${hash.digest("hex").slice(0, 16)}.cjs`);
  if (existsSync(bundle)) return bundle;
  const { build } = await import("esbuild");
  const partial = `${bundle}.${process.pid}.tmp`;
  await build({
    entryPoints: [join(PROVIDER_SOURCE, "main.ts")],
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    outfile: partial,
    logLevel: "error",
  });
  renameSync(partial, bundle);
  return bundle;
}

/** Full registry address of a required_providers source ("aws" means hashicorp/aws). */
export function providerAddress(source) {
  const parts = source.split("/");
  if (parts.length === 1) return `registry.terraform.io/hashicorp/${parts[0]}`;
  if (parts.length === 2) return `registry.terraform.io/${parts[0]}/${parts[1]}`;
  return source;
}

const parseVersion = (v) => v.split(".").map((x) => Number(x) || 0).concat([0, 0, 0]).slice(0, 3);
const compare = (a, b) => {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
};

function satisfies(version, constraint) {
  const v = parseVersion(version);
  return constraint
    .split(",")
    .map((c) => c.trim())
    .filter(Boolean)
    .every((c) => {
      const m = /^(~>|>=|<=|!=|>|<|=)?\s*v?([0-9][0-9.]*)$/.exec(c);
      if (!m) throw new Error(`unsupported version constraint "${c}"`);
      const op = m[1] ?? "=";
      const w = parseVersion(m[2]);
      const cmp = compare(v, w);
      if (op === "=") return cmp === 0;
      if (op === "!=") return cmp !== 0;
      if (op === ">") return cmp > 0;
      if (op === ">=") return cmp >= 0;
      if (op === "<") return cmp < 0;
      if (op === "<=") return cmp <= 0;
      // ~> X.Y allows >= X.Y, < X+1; ~> X.Y.Z allows >= X.Y.Z, < X.Y+1
      const segments = m[2].split(".").length;
      const upper = segments >= 3 ? [w[0], w[1] + 1, 0] : [w[0] + 1, 0, 0];
      return cmp >= 0 && compare(v, upper) < 0;
    });
}

/** The version to serve for a constraint: the bindings' version when it fits, else the lowest version the constraint names. */
export function chooseVersion(constraint, bindingsVersion) {
  if (!constraint || satisfies(bindingsVersion, constraint)) return bindingsVersion;
  const candidates = [...constraint.matchAll(/([0-9]+(?:\.[0-9]+)*)/g)].map((m) => parseVersion(m[1]).join("."));
  candidates.sort((a, b) => compare(parseVersion(a), parseVersion(b)));
  const found = candidates.find((c) => satisfies(c, constraint));
  if (!found) throw new Error(`no version satisfies "${constraint}"`);
  return found;
}

function readStack(stackDir) {
  const files = readdirSync(stackDir).filter((f) => f.endsWith(".tf.json"));
  if (files.length === 0) throw new Error(`${stackDir}: no *.tf.json file (synthesize the stack first)`);
  return files.map((f) => ({ file: f, json: JSON.parse(readFileSync(join(stackDir, f), "utf8")) }));
}

/** Provider address -> versions the stack needs (from every *.tf.json's required_providers). */
export function requiredStandIns(stackDir) {
  const out = new Map();
  for (const { json } of readStack(stackDir)) {
    for (const [, req] of Object.entries(json.terraform?.required_providers ?? {})) {
      const address = providerAddress(typeof req === "string" ? req : req.source);
      const name = STAND_INS[address];
      if (!name) continue;
      const bindings = JSON.parse(readFileSync(join(PROVIDER_SOURCE, "schemas", `${name}.json`), "utf8")).bindings_version;
      const version = chooseVersion(typeof req === "string" ? undefined : req.version, bindings);
      if (!out.has(address)) out.set(address, new Set());
      out.get(address).add(version);
    }
  }
  return out;
}

/** Writes the mirror's launchers for every stand-in (and version) the stack needs. */
function writeMirror(mirror, needed, bundle) {
  for (const [address, versions] of needed) {
    const name = STAND_INS[address];
    const type = address.split("/")[2];
    for (const version of versions) {
      const dir = join(mirror, address, version, "linux_amd64");
      mkdirSync(dir, { recursive: true });
      const launcher = join(dir, `terraform-provider-${type}_v${version}`);
      writeFileSync(
        launcher,
        `#!/bin/sh\n# Stand-in ${address} ${version} (test-support/stand-in-provider).\nSTANDIN_ROOT='${ROOT}' exec '${process.execPath}' '${bundle}' --provider ${name} --version ${version}\n`,
      );
      chmodSync(launcher, 0o755);
    }
  }
}

/** Every version the stand-ins serve: the bindings' own and those named by their supplements. */
function allStandIns() {
  const out = new Map();
  for (const [address, name] of Object.entries(STAND_INS)) {
    const schema = JSON.parse(readFileSync(join(PROVIDER_SOURCE, "schemas", `${name}.json`), "utf8"));
    out.set(address, new Set([schema.bindings_version, ...schema.added_in.map((entry) => entry[3])]));
  }
  return out;
}

/**
 * A filesystem mirror of every stand-in version and a CLI config installing only from it, in
 * `dir`: the environment for commands that run terraform themselves (`platform create`, ...).
 */
export async function standInEnvironment(dir, { world } = {}) {
  const mirror = join(dir, "mirror");
  writeMirror(mirror, allStandIns(), await standInBundle());
  const cliConfig = join(dir, "terraform.rc");
  writeFileSync(cliConfig, `provider_installation {\n  filesystem_mirror {\n    path    = "${mirror}"\n    include = ["registry.terraform.io/*/*"]\n  }\n}\n`);
  return { TF_CLI_CONFIG_FILE: cliConfig, CHECKPOINT_DISABLE: "1", STANDIN_ROOT: ROOT, ...(world ? { STANDIN_WORLD: resolve(world) } : {}) };
}

/**
 * Long-lived stand-ins that Terraform attaches to (TF_REATTACH_PROVIDERS) instead of starting its
 * own provider processes several times per command: for test files running many commands. One
 * server per provider version, started on first use. `envFor(stackDir)` gives the variable for a
 * stack's required versions; `stop()` ends the servers.
 */
export async function startSharedStandIns({ world } = {}) {
  const bundle = await standInBundle();
  const servers = new Map();
  const start = (address, version) =>
    new Promise((resolvePromise, reject) => {
      const child = spawn(process.execPath, [bundle, "--provider", STAND_INS[address], "--version", version, "--shared"], {
        env: { ...process.env, STANDIN_ROOT: ROOT, ...(world ? { STANDIN_WORLD: resolve(world) } : {}) },
        stdio: ["pipe", "pipe", "inherit"],
      });
      let out = "";
      child.on("error", reject);
      child.on("exit", (code) => reject(new Error(`the shared stand-in ${address} ${version} exited (${code}) before it was ready`)));
      child.stdout.on("data", (d) => {
        out += d;
        if (out.includes("\n")) resolvePromise({ child, entry: JSON.parse(out.split("\n")[0]) });
      });
    });
  const server = (address, version) => {
    const key = `${address}@${version}`;
    if (!servers.has(key)) servers.set(key, start(address, version));
    return servers.get(key);
  };
  return {
    async envFor(stackDir) {
      const entries = {};
      for (const [address, versions] of requiredStandIns(stackDir)) {
        if (versions.size !== 1) throw new Error(`${stackDir}: several versions of ${address} required (${[...versions].join(", ")})`);
        Object.assign(entries, (await server(address, [...versions][0])).entry);
      }
      return { TF_REATTACH_PROVIDERS: JSON.stringify(entries) };
    },
    async stop() {
      await Promise.all(
        [...servers.values()].map(async (started) => {
          const { child } = await started;
          child.removeAllListeners("exit");
          const exited = new Promise((r) => child.once("exit", r));
          child.stdin.end();
          await exited;
        }),
      );
    },
  };
}

/** The backend block for the copy: local state, or the stack's S3 backend pointed at a loopback endpoint. */
function backendFor(backend, s3Endpoint) {
  if (!backend?.s3) return backend;
  if (!s3Endpoint) return { local: { path: STATE_FILE } };
  if (!/^http:\/\/127\.0\.0\.1:\d+\/?$/.test(s3Endpoint)) throw new Error(`--s3-endpoint must be a loopback address like http://127.0.0.1:4569, not "${s3Endpoint}"`);
  return {
    s3: {
      ...backend.s3,
      endpoints: { s3: s3Endpoint },
      use_path_style: true,
      skip_credentials_validation: true,
      skip_requesting_account_id: true,
      skip_metadata_api_check: true,
      skip_region_validation: true,
      skip_s3_checksum: true,
    },
  };
}

/**
 * Prepares a working folder: mirror, CLI config, and the stack's copy. Returns the folder, the
 * stack copy and the environment to run terraform with.
 */
export async function prepare(stackDir, { s3Endpoint, world, workDir } = {}) {
  const dir = workDir ?? mkdtempSync(join(tmpdir(), "platform-offline-terraform-"));
  const bundle = await standInBundle();
  const mirror = join(dir, "mirror");
  writeMirror(mirror, requiredStandIns(stackDir), bundle);
  const cliConfig = join(dir, "terraform.rc");
  writeFileSync(cliConfig, `provider_installation {\n  filesystem_mirror {\n    path    = "${mirror}"\n    include = ["registry.terraform.io/*/*"]\n  }\n}\n`);
  const stack = join(dir, "stack");
  cpSync(stackDir, stack, { recursive: true, filter: (src) => !src.includes(`${stackDir}/.terraform`) });
  for (const { file, json } of readStack(stack)) {
    if (json.terraform?.backend) json.terraform.backend = backendFor(json.terraform.backend, s3Endpoint);
    writeFileSync(join(stack, file), JSON.stringify(json, null, 2));
  }
  const env = {
    ...process.env,
    TF_CLI_CONFIG_FILE: cliConfig,
    CHECKPOINT_DISABLE: "1",
    TF_IN_AUTOMATION: "1",
    TF_PLUGIN_CACHE_DIR: "",
    STANDIN_ROOT: ROOT,
    ...(world ? { STANDIN_WORLD: resolve(world) } : {}),
    ...(s3Endpoint ? { AWS_ACCESS_KEY_ID: process.env.AWS_ACCESS_KEY_ID ?? "S3RVER", AWS_SECRET_ACCESS_KEY: process.env.AWS_SECRET_ACCESS_KEY ?? "S3RVER", AWS_EC2_METADATA_DISABLED: "true" } : {}),
  };
  delete env.TF_PLUGIN_CACHE_DIR;
  return { dir, stack, env };
}

/** Runs terraform in `cwd`; resolves with the exit code and the output (also streamed when `echo`). */
export function runTerraform(args, { cwd, env, echo = false }) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn("terraform", args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
      if (echo) process.stdout.write(d);
    });
    child.stderr.on("data", (d) => {
      stderr += d;
      if (echo) process.stderr.write(d);
    });
    child.on("error", reject);
    child.on("close", (code) => resolvePromise({ code: code ?? 1, stdout, stderr }));
  });
}

export async function init(prepared, echo = false) {
  return runTerraform(["init", "-input=false", "-no-color"], { cwd: prepared.stack, env: prepared.env, echo });
}

function usage(message) {
  process.stderr.write(`${message ? `offline-terraform: ${message}\n` : ""}usage: node scripts/offline-terraform.mjs [--s3-endpoint http://127.0.0.1:PORT] [--world FILE] [--keep] <stack-dir> <terraform args...>\n`);
  process.exit(2);
}

async function cli(argv) {
  const options = {};
  let keep = false;
  let i = 0;
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--s3-endpoint") options.s3Endpoint = argv[++i];
    else if (a === "--world") options.world = argv[++i];
    else if (a === "--keep") keep = true;
    else if (a === "--help" || a === "-h") usage();
    else break;
  }
  const stackDir = argv[i];
  if (!stackDir) usage("no stack folder given");
  if (!existsSync(stackDir)) usage(`${stackDir}: no such folder`);
  const args = argv.slice(i + 1);
  let prepared;
  try {
    prepared = await prepare(resolve(stackDir), options);
  } catch (error) {
    usage(error instanceof Error ? error.message : String(error));
  }
  let code = 0;
  try {
    const initResult = await init(prepared);
    if (initResult.code !== 0) {
      process.stderr.write(initResult.stdout + initResult.stderr);
      code = initResult.code;
    } else if (args.length > 0) {
      code = (await runTerraform(args, { cwd: prepared.stack, env: prepared.env, echo: true })).code;
    }
  } finally {
    if (keep) process.stderr.write(`offline-terraform: working folder kept at ${prepared.stack}\n`);
    else rmSync(prepared.dir, { recursive: true, force: true });
  }
  process.exit(code);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await cli(process.argv.slice(2));
}
