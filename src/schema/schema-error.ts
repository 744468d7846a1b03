import { StrataError, type StrataErrorDetails } from '../errors/strata-error.js';

/** A SCHEMA_INVALID error whose message says what is wrong, then how to fix it. */
export function schemaError(problem: string, fix: string, details: StrataErrorDetails = {}): StrataError {
  return new StrataError('SCHEMA_INVALID', `${problem}. ${fix}`, { ...details, problem, fix });
}
