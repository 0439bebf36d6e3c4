// Entry of the validate snapshot (see snapshots.ts): spec checking without cdktf, for validate
// (without --policy) and schema.
import { schema } from "./commands/schema.js";
import { validate } from "./commands/validate.js";
import { prepareSnapshot } from "./snapshots.js";

void prepareSnapshot("validate", { validate: async () => validate, schema: async () => schema }, [["validate", "{fixture}"], ["schema"]]);
