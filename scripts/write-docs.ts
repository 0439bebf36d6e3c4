// Regenerates the generated blocks of docs/spec.md and docs/security.md (tests fail when they are stale).
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { fillGenerated, renderOptOuts, renderPolicyRules, renderReference } from "../src/docs/reference.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const spec = `${root}docs/spec.md`;
writeFileSync(spec, fillGenerated(readFileSync(spec, "utf8"), await renderReference(root)));
console.log(`wrote ${spec}`);
const security = `${root}docs/security.md`;
writeFileSync(security, fillGenerated(readFileSync(security, "utf8"), { "policy-rules": renderPolicyRules(), "opt-outs": renderOptOuts() }));
console.log(`wrote ${security}`);
