/**
 * A schema with zod's `safeParse` (zod 3 and 4 fit, and so do libraries that copy it).
 * On success its `data` is what gets stored, so defaults and transforms apply.
 */
export interface SafeParseValidator<T = unknown> {
  safeParse(
    value: unknown,
  ): { readonly success: true; readonly data: T } | { readonly success: false; readonly error: unknown };
}

/** A schema with a `parse` that returns the value or throws (zod, superstruct's `create`-like wrappers, …). */
export interface ParseValidator<T = unknown> {
  parse(value: unknown): T;
}

/** A Standard Schema (`~standard`, implemented by zod ≥ 3.24, Valibot, ArkType). */
export interface StandardSchemaValidator<T = unknown> {
  readonly '~standard': {
    validate(value: unknown): StandardResult<T> | Promise<StandardResult<T>>;
  };
}

type StandardResult<T> =
  | { readonly value: T; readonly issues?: undefined }
  | { readonly issues: readonly { readonly message: string; readonly path?: readonly unknown[] }[] };

/**
 * A plain function: it returns the problems it found (a message or a list of them), or
 * nothing (or `true`) when the value is valid; `false` rejects without saying why.
 */
export type ValidationFunction = (
  value: unknown,
) =>
  | readonly string[]
  | string
  | boolean
  | null
  | undefined
  | Promise<readonly string[] | string | boolean | null | undefined>;

/** Anything the configuration store accepts as a module's schema. */
export type ConfigValidator<T = unknown> =
  | SafeParseValidator<T>
  | ParseValidator<T>
  | StandardSchemaValidator<T>
  | ValidationFunction;

/** The outcome of validating a configuration: the value to store, or what is wrong with it. */
export type ValidationOutcome<T = unknown> =
  | { readonly kind: 'valid'; readonly value: T }
  | { readonly kind: 'invalid'; readonly issues: readonly string[] };

function pathText(path: readonly unknown[] | undefined): string {
  if (!path || path.length === 0) return '';
  return path
    .map((segment) => {
      const key =
        typeof segment === 'object' && segment !== null && 'key' in segment
          ? (segment as { key: unknown }).key
          : segment;
      return typeof key === 'number' ? `[${key}]` : `.${String(key)}`;
    })
    .join('')
    .replace(/^\./, '');
}

function issueText(issue: { readonly message?: unknown; readonly path?: readonly unknown[] }): string {
  const message = typeof issue.message === 'string' ? issue.message : 'invalid';
  const path = pathText(issue.path);
  return path === '' ? message : `${path}: ${message}`;
}

/** Messages of a zod-like error (`issues` with paths), or of any thrown value. */
export function errorIssues(error: unknown): string[] {
  if (typeof error === 'object' && error !== null) {
    const issues = (error as { issues?: unknown }).issues;
    if (Array.isArray(issues) && issues.length > 0) {
      return issues.map((issue: unknown) =>
        typeof issue === 'object' && issue !== null
          ? issueText(issue as { message?: unknown; path?: unknown[] })
          : String(issue),
      );
    }
    if (error instanceof Error) return [error.message];
  }
  return [String(error)];
}

/**
 * Runs any supported validator, so a store needs no particular schema library.
 *
 * @example
 * ```ts
 * import { runValidator } from 'strata/configuration';
 *
 * const positive = (v: unknown) => (typeof v === 'number' && v > 0 ? [] : ['must be a positive number']);
 * await runValidator(positive, -1); // { kind: 'invalid', issues: ['must be a positive number'] }
 * // A zod schema fits as it is: runValidator(z.object({ topK: z.number().default(5) }), {}).
 * const withDefaults = { parse: (v: unknown) => ({ topK: 5, ...(v as object) }) };
 * await runValidator(withDefaults, {}); // { kind: 'valid', value: { topK: 5 } }
 * ```
 */
export async function runValidator<T>(
  validator: ConfigValidator<T>,
  value: unknown,
): Promise<ValidationOutcome<T>> {
  if (typeof validator === 'function') {
    const result = await validator(value);
    if (result === undefined || result === null || result === true)
      return { kind: 'valid', value: value as T };
    if (result === false) return { kind: 'invalid', issues: ['rejected by the validator'] };
    const issues = typeof result === 'string' ? [result] : [...result];
    return issues.length === 0 ? { kind: 'valid', value: value as T } : { kind: 'invalid', issues };
  }
  if ('safeParse' in validator && typeof validator.safeParse === 'function') {
    const result = validator.safeParse(value);
    return result.success
      ? { kind: 'valid', value: result.data }
      : { kind: 'invalid', issues: errorIssues(result.error) };
  }
  if ('~standard' in validator && typeof validator['~standard']?.validate === 'function') {
    const result = await validator['~standard'].validate(value);
    return result.issues === undefined
      ? { kind: 'valid', value: result.value }
      : { kind: 'invalid', issues: result.issues.map(issueText) };
  }
  if ('parse' in validator && typeof validator.parse === 'function') {
    try {
      return { kind: 'valid', value: validator.parse(value) };
    } catch (error) {
      return { kind: 'invalid', issues: errorIssues(error) };
    }
  }
  throw new TypeError('A validator must be a function or have safeParse, parse or ~standard.validate.');
}

/** Whether a value is something `runValidator` can run. */
export function isConfigValidator(value: unknown): value is ConfigValidator {
  if (typeof value === 'function') return true;
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as { safeParse?: unknown; parse?: unknown; '~standard'?: { validate?: unknown } };
  return (
    typeof candidate.safeParse === 'function' ||
    typeof candidate.parse === 'function' ||
    typeof candidate['~standard']?.validate === 'function'
  );
}
