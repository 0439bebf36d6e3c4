// Valid Fargate task sizes: for each CPU value, the memory sizes (MiB) AWS accepts.

interface MemoryRange {
  min: number;
  max: number;
  step: number;
}

/** From the ECS task-size table: CPU units -> accepted memory. */
const FARGATE_MEMORY: Record<number, readonly number[] | MemoryRange> = {
  256: [512, 1024, 2048],
  512: { min: 1024, max: 4096, step: 1024 },
  1024: { min: 2048, max: 8192, step: 1024 },
  2048: { min: 4096, max: 16384, step: 1024 },
  4096: { min: 8192, max: 30720, step: 1024 },
  8192: { min: 16384, max: 61440, step: 4096 },
  16384: { min: 32768, max: 122880, step: 8192 },
};

export function isValidFargatePair(cpu: number, memory: number): boolean {
  const accepted = FARGATE_MEMORY[cpu];
  if (accepted === undefined) return false;
  if (Array.isArray(accepted)) return accepted.includes(memory);
  const range = accepted as MemoryRange;
  return memory >= range.min && memory <= range.max && (memory - range.min) % range.step === 0;
}

/** Words for the memory a CPU value accepts, e.g. "1024-4096 in steps of 1024". */
export function describeFargateMemory(cpu: number): string {
  const accepted = FARGATE_MEMORY[cpu];
  if (accepted === undefined) return "no memory size (not a Fargate CPU value)";
  if (Array.isArray(accepted)) return accepted.join(", ");
  const range = accepted as MemoryRange;
  return `${range.min}-${range.max} in steps of ${range.step}`;
}
