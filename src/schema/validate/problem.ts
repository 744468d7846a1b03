/** One thing wrong with a schema: what, how to fix it, and where. */
export interface SchemaProblem {
  readonly kind: 'schemaProblem';
  readonly problem: string;
  readonly fix: string;
  readonly table?: string;
  readonly column?: string;
  readonly index?: string;
  readonly constraint?: string;
}

export function problem(
  text: string,
  fix: string,
  where: Omit<SchemaProblem, 'kind' | 'problem' | 'fix'> = {},
): SchemaProblem {
  return { kind: 'schemaProblem', problem: text, fix, ...where };
}

/** `schema.table`, or `table` in public, for messages. */
export function displayName(schema: string, name: string): string {
  return schema === 'public' ? name : `${schema}.${name}`;
}
