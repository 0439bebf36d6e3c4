// `platform init`: writes a commented platform.yaml to start from, with the schema modeline and the
// sections asked for; asks for both on a terminal. Never overwrites a file.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import { Spec } from "../../../schema/index.js";
import { CAPABILITIES } from "../../engine/registry.js";
import type { Command } from "../command.js";
import { EXIT, UsageError } from "../errors.js";
import { closest } from "../suggest.js";
import { engineRoot } from "../version.js";

const NAME = /^[a-z](-?[a-z0-9])+$/;
type Section = keyof typeof Spec.properties;
/** Every section of the spec, in the schema's order. */
export const SECTIONS = Object.keys(Spec.properties) as Section[];

/** The text of a new platform.yaml; `schemaPath` is the modeline's path to the JSON Schema. */
export function initialSpec(name: string, sections: readonly Section[], schemaPath: string): string {
  const ordered = SECTIONS.filter((section) => sections.includes(section));
  return [
    `# yaml-language-server: $schema=${schemaPath}`,
    `# The platform spec of ${name}: \`platform validate\` checks it, \`platform preview\` shows what it creates.`,
    "# Every section and field: docs/spec.md in the platform engine.",
    "apiVersion: platform.althq.com/v1",
    "kind: Service",
    "metadata:",
    `  name: ${name}`,
    `  description: ${name}`,
    "spec:",
    ...(ordered.length === 0 ? ["  {}"] : ordered.flatMap((section) => CAPABILITIES[section].starter(name))),
    "",
  ].join("\n");
}

/**
 * The sections with what they need (docs/spec.md): service discovery registers the ECS service, and
 * every other spec needs a workload (compute or lambda) to run and to reach its data, or the engine
 * refuses or warns. Returns the sections and, when compute was added, why, for the message.
 */
export function withRequirements(sections: readonly Section[]): { sections: Section[]; added: string | undefined } {
  const has = (section: Section) => sections.includes(section);
  if (has("compute") || (has("lambda") && !has("serviceDiscovery"))) return { sections: [...sections], added: undefined };
  const why = has("serviceDiscovery") ? "serviceDiscovery registers the ECS service" : "a spec needs a workload (compute or lambda) to run and to reach its data";
  return { sections: [...sections, "compute"], added: `compute added: ${why}` };
}

function parseSections(text: string): Section[] {
  const names = text.split(",").map((item) => item.trim()).filter(Boolean);
  for (const name of names) {
    if (!(SECTIONS as string[]).includes(name)) {
      const meant = closest(name, SECTIONS);
      throw new UsageError(`--with: unknown section "${name}"${meant ? `; did you mean "${meant}"?` : ""}`, `sections: ${SECTIONS.join(", ")}`);
    }
  }
  return names as Section[];
}

function checkName(name: string): string {
  if (!NAME.test(name) || name.length > 40) throw new UsageError(`--name: "${name}" is not a service name`, "2-40 characters: lowercase letters, digits and single hyphens, starting with a letter");
  return name;
}

/** A service name made from a folder's name, if one can be. */
function nameFrom(folder: string): string | undefined {
  const name = basename(folder).toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^[^a-z]+|-+$/g, "").slice(0, 40);
  return NAME.test(name) ? name : undefined;
}

export const init: Command = {
  name: "init",
  summary: "write a commented platform.yaml with the chosen sections (asks on a terminal); never overwrites a file",
  usage: `platform init [--name NAME] [--with ${SECTIONS.slice(0, 2).join(",")},...] [--out platform.yaml]`,
  options: { name: { type: "string" }, with: { type: "string" }, out: { type: "string", short: "o" } },
  withSettings: false,
  async run({ values, positionals }, io) {
    if (positionals.length > 0) throw new UsageError(`init takes no arguments; got ${positionals.join(" ")}`, `usage: ${init.usage}`);
    const out = resolve(io.cwd, typeof values.out === "string" ? values.out : "platform.yaml");
    const shown = relative(io.cwd, out) || out;
    if (existsSync(out)) throw new UsageError(`${shown} already exists; init never overwrites a file`, "choose another path with --out, or edit the file");
    let name = typeof values.name === "string" ? checkName(values.name) : undefined;
    let sections = typeof values.with === "string" ? parseSections(values.with) : undefined;
    if (io.interactive) {
      while (name === undefined) {
        const suggested = nameFrom(dirname(out));
        const answer = (await io.readLine(`service name${suggested ? ` [${suggested}]` : ""}: `))?.trim();
        if (answer === undefined) throw new UsageError("no service name given", "pass --name NAME");
        try {
          name = checkName(answer || suggested || "");
        } catch (error) {
          io.stderr(`${(error as Error).message}\n`);
        }
      }
      while (sections === undefined) {
        const answer = (await io.readLine(`sections (${SECTIONS.join(", ")}) [compute]: `))?.trim();
        if (answer === undefined) throw new UsageError("no sections given", "pass --with compute,...");
        try {
          sections = parseSections(answer || "compute");
        } catch (error) {
          io.stderr(`${(error as Error).message}\n`);
        }
      }
    }
    if (name === undefined) throw new UsageError("no service name given (and no terminal to ask on)", "pass --name NAME, e.g. platform init --name orders --with compute,database");
    const completed = withRequirements(sections ?? ["compute"]);
    if (completed.added) io.stderr(`${completed.added}\n`);
    sections = completed.sections;
    const root = engineRoot();
    const schema = root ? relative(dirname(out), join(root, "schema/platform-spec-v1.json")) : "https://platform.althq.com/schema/platform-spec-v1.json";
    mkdirSync(dirname(out), { recursive: true });
    // "wx": fails rather than overwrite a file created meanwhile.
    writeFileSync(out, initialSpec(name, sections, schema), { flag: "wx" });
    io.stdout(`wrote ${shown} (service ${name}: ${sections.length > 0 ? sections.join(", ") : "no sections"}); next: platform validate ${shown}\n`);
    return EXIT.ok;
  },
};
