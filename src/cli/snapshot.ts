// Entry of the startup snapshot (see snapshots.ts): the whole engine, for synth and validate --policy.
import "../capabilities/cache.js";
import "../capabilities/compute.js";
import "../capabilities/database.js";
import "../capabilities/foundation/index.js";
import "../capabilities/lambda.js";
import "../capabilities/networking.js";
import "../capabilities/secrets.js";
import "../capabilities/service-discovery.js";
import "../capabilities/storage.js";
import "../capabilities/triggers.js";
import "../engine/policies.js";
import { synth } from "./commands/synth.js";
import { validate } from "./commands/validate.js";
import { prepareSnapshot } from "./snapshots.js";

void prepareSnapshot({ validate: async () => validate, synth: async () => synth }, [
  ["validate", "{fixture}", "--policy"],
  ["synth", "{fixture}", "--out", "{out}"],
]);
