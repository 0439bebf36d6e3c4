// Reading what a command wrote, for comparing two outputs.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** Every file below `folder` (hidden ones too), relative path -> contents. */
export function filesBelow(folder: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (dir: string, prefix: string) => {
    for (const item of readdirSync(dir, { withFileTypes: true })) {
      if (item.isDirectory()) walk(join(dir, item.name), `${prefix}${item.name}/`);
      else files[`${prefix}${item.name}`] = readFileSync(join(dir, item.name), "utf8");
    }
  };
  walk(folder, "");
  return files;
}
