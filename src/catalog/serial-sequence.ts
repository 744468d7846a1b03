/**
 * When a sequence is a serial column's own: the column is smallint/integer/bigint, its
 * default is exactly `nextval('<that sequence>'::regclass)` and the sequence is OWNED BY
 * it. Such a column is modelled as `serial: true` and its sequence is left out of the
 * model's sequences; both readers use this one definition so they always agree.
 */

/**
 * SQL condition: column `attribute` (a pg_attribute alias) is a serial column drawing
 * from sequence `sequenceOid`. The caller joins the OWNED BY dependency (pg_depend
 * deptype 'a') between the two.
 *
 * @example
 * ```ts
 * `exists (select 1 from pg_depend d where ... and ${serialColumnDrawsFrom('a', 'd.objid')})`
 * ```
 */
export function serialColumnDrawsFrom(attribute: string, sequenceOid: string): string {
  // pg_get_expr and the regclass cast print the sequence name the same way (both follow search_path).
  return `(${attribute}.atttypid in ('pg_catalog.int2'::regtype, 'pg_catalog.int4'::regtype, 'pg_catalog.int8'::regtype)
    and ${attribute}.attidentity = '' and ${attribute}.attgenerated = ''
    and exists (
      select 1 from pg_attrdef sd
      where sd.adrelid = ${attribute}.attrelid and sd.adnum = ${attribute}.attnum
        and pg_get_expr(sd.adbin, sd.adrelid) = 'nextval(' || quote_literal(${sequenceOid}::regclass::text) || '::regclass)'
    ))`;
}

/** SQL condition: the pg_depend row `dependency` says a sequence is OWNED BY a column. */
export function ownedByColumn(dependency: string): string {
  return `(${dependency}.classid = 'pg_class'::regclass and ${dependency}.refclassid = 'pg_class'::regclass and ${dependency}.refobjsubid > 0 and ${dependency}.deptype = 'a')`;
}
