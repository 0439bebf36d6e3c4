// Builds the built-in webhook gateway's Lambda package, dist/gateway/webhook-gateway.zip: the
// handler (src/gateway/handler.ts) bundled by esbuild into one ES module, index.mjs, in a zip
// written here byte for byte the same on every machine: one entry, stored (not deflated: Node's
// zlib may compress differently on another CPU or Node version, and the zip's hash is what tells
// Terraform the code changed), a fixed time stamp (1980-01-01 00:00, the earliest a zip can hold)
// and fixed permissions (0644). Run by scripts/build.mjs with the rest of the bundle, so
// synth only reads the finished file: no esbuild, no network, nothing to build per stack.
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { crc32 } from "node:zlib";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
export const GATEWAY_ENTRY = "src/gateway/handler.ts";
/** Where the package is written, relative to the project. The engine reads it from there at synth. */
export const GATEWAY_ZIP = "dist/gateway/webhook-gateway.zip";
/** The file in the zip; the function's handler is `index.handler`. */
export const GATEWAY_FILE = "index.mjs";

/** The handler bundled into one ES module for Node.js 22 (readable: it is what runs in the account). */
export async function bundleGateway() {
  const { build } = await import("esbuild");
  const result = await build({
    absWorkingDir: root,
    entryPoints: [GATEWAY_ENTRY],
    bundle: true,
    write: false,
    format: "esm",
    platform: "node",
    target: "node22",
    outfile: GATEWAY_FILE,
    // Nothing from node_modules may creep in: the gateway imports node: built-ins only.
    packages: "external",
    legalComments: "none",
    charset: "utf8",
    logLevel: "error",
  });
  const [file] = result.outputFiles;
  if (!file) throw new Error("esbuild produced no gateway bundle");
  return Buffer.from(file.contents);
}

/** 1980-01-01 00:00:00 in MS-DOS form: date (year-1980)<<9 | month<<5 | day, time 0. */
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
const DOS_TIME = 0;
/** "Made by" Unix (3) so the external attributes carry the permissions, zip version 2.0. */
const MADE_BY = (3 << 8) | 20;
const NEEDED = 20;

/**
 * A zip of the given files, stored, in the given order, with fixed times and permissions: the same
 * input bytes always give the same zip bytes.
 */
export function deterministicZip(files) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const { name, data, mode = 0o644 } of files) {
    const nameBytes = Buffer.from(name, "utf8");
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(NEEDED, 4);
    local.writeUInt16LE(0x0800, 6); // names are UTF-8
    local.writeUInt16LE(0, 8); // stored
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(MADE_BY, 4);
    central.writeUInt16LE(NEEDED, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(0, 10);
    central.writeUInt16LE(DOS_TIME, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt16LE(0, 30); // extra
    central.writeUInt16LE(0, 32); // comment
    central.writeUInt16LE(0, 34); // disk
    central.writeUInt16LE(0, 36); // internal attributes
    central.writeUInt32LE(((0o100000 | mode) << 16) >>> 0, 38); // regular file, permissions
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(0, 4);
  end.writeUInt16LE(0, 6);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  end.writeUInt16LE(0, 20);
  return Buffer.concat([...locals, directory, end]);
}

/** Bundles the gateway and writes its zip (beside, then renamed: never half a file). Returns the zip's path. */
export async function buildGatewayZip(outFile = join(root, GATEWAY_ZIP)) {
  const zip = deterministicZip([{ name: GATEWAY_FILE, data: await bundleGateway() }]);
  mkdirSync(dirname(outFile), { recursive: true });
  const partial = `${outFile}.partial`;
  writeFileSync(partial, zip);
  renameSync(partial, outFile);
  return outFile;
}
