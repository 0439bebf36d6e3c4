// Writes N copies of a fixture with distinct service names (and the names that must be unique per
// account: Cloud Map namespace, schedule group) into a folder, for the many-specs benchmark cases.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export function generateSpecs(fixture, count, folder) {
  const text = readFileSync(fixture, "utf8");
  const original = /^\s*name:\s*(\S+)\s*$/m.exec(text)?.[1];
  if (!original) throw new Error(`${fixture} has no metadata.name`);
  mkdirSync(folder, { recursive: true });
  const files = [];
  for (let i = 1; i <= count; i++) {
    const name = `svc-${String(i).padStart(4, "0")}`;
    const spec = text
      .replace(new RegExp(`^(\\s*name:\\s*)${original}\\s*$`, "m"), `$1${name}`)
      .replace(/^(\s*namespace:\s*)(\S+)\s*$/m, `$1${name}.$2`)
      .replace(/^(\s*scheduleGroup:\s*)(\S+)\s*$/m, `$1${name}-$2`);
    const file = join(folder, `${name}.yaml`);
    writeFileSync(file, spec);
    files.push(file);
  }
  return files;
}
