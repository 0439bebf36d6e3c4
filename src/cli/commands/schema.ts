// `platform schema`: prints the JSON Schema of platform.yaml.
import { renderJsonSchema } from "../../../schema/export.js";
import type { Command } from "../command.js";
import { EXIT, UsageError } from "../errors.js";

export const schema: Command = {
  name: "schema",
  summary: "print the JSON Schema of platform.yaml",
  usage: "platform schema",
  options: {},
  withSettings: false,
  async run({ positionals }, io) {
    if (positionals.length > 0) throw new UsageError("schema takes no arguments");
    io.stdout(renderJsonSchema());
    return EXIT.ok;
  },
};
