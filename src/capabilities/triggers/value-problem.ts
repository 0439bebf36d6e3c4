// What a validator of one written value (a schedule expression, a time zone, an event pattern) says
// is wrong with it. Validators are pure: the caller knows where the value is written and turns the
// problem into a positioned Diagnostic.

export interface ValueProblem {
  message: string;
  /** How to fix it. */
  hint: string;
  /** 0-based index into the written string where the problem starts (string values only). */
  offset?: number;
  /** Path inside the value (keys and list indexes) to the part at fault (structured values only). */
  path?: ReadonlyArray<string | number>;
}
