/** Map key of a column: schema, table and column name. */
export function columnKey(schema: string, table: string, column: string): string {
  return `${schema}\u0000${table}\u0000${column}`;
}

/** Map key of a schema-qualified object. */
export function objectKey(schema: string, name: string): string {
  return `${schema}\u0000${name}`;
}
