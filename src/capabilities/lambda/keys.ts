// Keys the lambda unit's definition and provisioning share (the definition asks Foundation for the
// roles; the provisioning grants to them).
import type { RoleKey } from "../shared/needs.js";

/** Role of the spec function `name`. */
export const functionRoleKey = (name: string): RoleKey => `lambda.${name}`;
