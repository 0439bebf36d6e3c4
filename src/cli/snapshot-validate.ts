// Entry of the validate snapshot (see snapshots.ts): spec checking and diff without cdktf, for
// validate (without --policy), schema and diff.
import { diff } from "./commands/diff.js";
import { schema } from "./commands/schema.js";
import { validate } from "./commands/validate.js";
import { prepareSnapshot } from "./snapshots.js";

void prepareSnapshot("validate", { validate: async () => validate, schema: async () => schema, diff: async () => diff }, [
  ["validate", "{fixture}"],
  ["schema"],
  // Two empty outputs: diff's own code, reading and comparing, is what a real diff runs.
  ["diff", "{out}", "{out}"],
]);
