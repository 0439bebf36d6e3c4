// Reading what a command wrote, for comparing two outputs.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

/**
 * Every file below `folder` (hidden ones too) as a reader sees it, relative path -> contents:
 * symbolic links followed (`<out>/stacks` links to the published generation), and the engine's
 * own bookkeeping (`.platform-stacks`, the generation folders that link points into) left out.
 */
export function filesBelow(folder: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (dir: string, prefix: string) => {
    for (const item of readdirSync(dir, { withFileTypes: true })) {
      if (item.name === ".platform-stacks") continue;
      const isDirectory = item.isDirectory() || (item.isSymbolicLink() && statSync(join(dir, item.name)).isDirectory());
      if (isDirectory) walk(join(dir, item.name), `${prefix}${item.name}/`);
      else files[`${prefix}${item.name}`] = readFileSync(join(dir, item.name), "utf8");
    }
  };
  walk(folder, "");
  return files;
}
