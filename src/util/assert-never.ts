/**
 * Exhaustiveness guard for switches over `kind` unions: a new kind that is not
 * handled makes the call site fail to compile.
 */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`Unhandled ${what}: ${JSON.stringify(value)}`);
}
