function describe(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'object' && value !== null)
    return `a ${value.constructor?.name ?? 'null-prototype'} object`;
  return `a ${typeof value}`;
}

/**
 * What in a value would not survive a trip through JSON unchanged: `undefined`, functions,
 * symbols, bigints, NaN and ±Infinity, class instances (a `Date` would come back a string),
 * cycles. Empty when the value is plain JSON.
 *
 * @example
 * ```ts
 * jsonProblems({ topK: 5, since: new Date() }); // ['since is a Date object: use an ISO string']
 * ```
 */
export function jsonProblems(value: unknown, path = '', seen: Set<object> = new Set()): string[] {
  const where = path === '' ? 'the configuration' : path;
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return [];
  if (typeof value === 'number') {
    return Number.isFinite(value) ? [] : [`${where} is ${describe(value)}, which JSON cannot hold`];
  }
  if (typeof value !== 'object') {
    return [`${where} is ${describe(value)}, which JSON cannot hold`];
  }
  if (seen.has(value)) return [`${where} refers back to itself`];
  seen.add(value);
  try {
    if (Array.isArray(value)) {
      return value.flatMap((item, i) => jsonProblems(item, `${path}[${i}]`, seen));
    }
    const prototype = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null) {
      const hint = value instanceof Date ? ': use an ISO string' : ': use a plain object';
      return [`${where} is ${describe(value)}${hint}`];
    }
    return Object.entries(value).flatMap(([key, item]) =>
      jsonProblems(item, path === '' ? key : `${path}.${key}`, seen),
    );
  } finally {
    seen.delete(value);
  }
}
