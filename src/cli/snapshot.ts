// Entry of the startup snapshot (see snapshots.ts): the whole engine, for synth and validate --policy.
import "../engine/policies.js";
import { loadAllSteps } from "../engine/plan.js";
import { synth } from "./commands/synth.js";
import { validate } from "./commands/validate.js";
import { prepareSnapshot } from "./snapshots.js";

// Every capability's code, whether or not the warm-up fixture declares it (the registry lists them).
void loadAllSteps().then(() =>
  prepareSnapshot({ validate: async () => validate, synth: async () => synth }, [
    ["validate", "{fixture}", "--policy"],
    ["synth", "{fixture}", "--out", "{out}"],
  ]),
);
