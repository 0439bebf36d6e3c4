// The four phases a stack is built in. Foundation and Networking are derived from the declared
// sections; Infrastructure and Compute run the declared capabilities.

export const PHASES = ["foundation", "infrastructure", "compute", "networking"] as const;
export type Phase = (typeof PHASES)[number];

/** Phases in which declared sections run their own capability. */
export type SectionPhase = Extract<Phase, "infrastructure" | "compute">;
