import { StrataError } from '../errors/strata-error.js';
import { formatArrayLiteral } from '../query/array-literal.js';
import { compileWhere } from '../query/compile-filter.js';
import {
  afterCursorCondition,
  cursorField,
  cursorNeedsText,
  decodeCursor,
  encodeCursor,
  totalOrder,
} from '../query/keyset.js';
import { orderBySql, resolveOrderBy, type SortKey } from '../query/order-by.js';
import { joinConditions, Param, type SqlParts, writeParts } from '../query/sql-parts.js';
import { TextSqlWriter } from '../query/sql-writer.js';
import { type ColumnMeta, columnOf, type TableMeta, tableMeta } from '../query/table-meta.js';
import { describeValue, valueInvalid } from '../query/value-error.js';
import type { AnyTable } from '../schema/table.js';
import { loadRows } from './bulk-load.js';
import type { LoadOptions, LoadResult, LockMode } from './options.js';
import { decodeRows, type Projection, Projections, stripHidden } from './projection.js';
import type { Relation, RelationLoad, RelationMap } from './relations.js';
import type { AnySession } from './session.js';
import { StatementCache } from './statement-cache.js';

type Row = Record<string, unknown>;

/** Loose forms of the public option types: the core checks what it reads. */
interface ReadOpts {
  readonly select?: unknown;
  readonly withDeleted?: boolean;
  readonly onlyDeleted?: boolean;
}
interface FindOpts extends ReadOpts {
  readonly where?: unknown;
  readonly orderBy?: unknown;
  readonly limit?: number;
  readonly offset?: number;
  readonly with?: Readonly<Record<string, unknown>>;
  readonly lock?: LockMode;
  readonly skipLocked?: boolean;
}
interface KeysetOpts extends FindOpts {
  readonly after?: string | null;
}

/** Most parameters one statement may have (the protocol counts them in an int16). */
const MAX_PARAMS = 65_535;
/** Rows per multi-row INSERT: past this, longer statements stop paying off. */
const MAX_ROWS_PER_INSERT = 1000;

const LOCKS: Readonly<Record<LockMode, string>> = {
  update: 'FOR UPDATE',
  noKeyUpdate: 'FOR NO KEY UPDATE',
  share: 'FOR SHARE',
  keyShare: 'FOR KEY SHARE',
};

/** One relation loaded with a JOIN in the main statement. */
interface JoinPlan {
  readonly name: string;
  readonly alias: string;
  readonly core: RepositoryCore;
  readonly relation: Relation;
  readonly projection: Projection;
  readonly prefix: string;
}

const cores = new WeakMap<AnyTable, RepositoryCore>();

/** The core of a table's repositories (cached per table): precomputed SQL and the statements. */
export function coreOf(table: AnyTable): RepositoryCore {
  let core = cores.get(table);
  if (core === undefined) {
    core = new RepositoryCore(table);
    cores.set(table, core);
  }
  return core;
}

function isPlainObject(value: unknown): value is Row {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof Date) &&
    !(value instanceof Uint8Array)
  );
}

/** A map key for a value read from or written to a key column. */
export function keyString(value: unknown): string {
  if (value instanceof Date) return `d${value.getTime()}`;
  if (value instanceof Uint8Array) return `b${Buffer.from(value).toString('hex')}`;
  return `${typeof value}:${String(value)}`;
}

function checkCount(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new StrataError(
      'USAGE',
      `${name} must be a whole number of 0 or more; got ${describeValue(value)}.`,
    );
  }
  return value;
}

/**
 * The statements of a repository, on loosely typed values (the public classes add the types).
 * Everything that can be computed from the table alone is computed once here.
 */
export class RepositoryCore {
  readonly meta: TableMeta;
  readonly projections: Projections;
  readonly #singleKey: ColumnMeta | undefined;
  /** `SELECT <default columns> FROM t WHERE pk = $1 [AND not deleted]`: the hot path of `get`. */
  readonly #getSql: string | undefined;
  readonly #notDeleted: string | undefined;
  readonly #onlyDeleted: string | undefined;
  /** `create` statements by the columns a row gives. */
  readonly #inserts = new StatementCache();
  /** `update` statements by the columns a patch sets and its options. */
  readonly #updates = new StatementCache();

  constructor(table: AnyTable) {
    this.meta = tableMeta(table);
    this.projections = new Projections(this.meta);
    const meta = this.meta;
    this.#singleKey = meta.primaryKey.length === 1 ? meta.primaryKey[0] : undefined;
    const soft = meta.softDelete;
    this.#notDeleted =
      soft === undefined
        ? undefined
        : soft.kind === 'deletedAt'
          ? `${soft.column.sql} IS NULL`
          : soft.column.sql;
    this.#onlyDeleted =
      soft === undefined
        ? undefined
        : soft.kind === 'deletedAt'
          ? `${soft.column.sql} IS NOT NULL`
          : `NOT ${soft.column.sql}`;
    this.#getSql =
      this.#singleKey === undefined
        ? undefined
        : `SELECT ${this.projections.default.sql} FROM ${meta.sql} WHERE ${this.#singleKey.sql} = $1` +
          (this.#notDeleted === undefined ? '' : ` AND ${this.#notDeleted}`);
  }

  // ---------------------------------------------------------------------------------------
  // Shared pieces

  /** The soft-delete condition reads get, if any (qualified with `alias.`). */
  softCondition(options: ReadOpts | undefined, alias?: string): string | undefined {
    const soft = this.meta.softDelete;
    if (soft === undefined) {
      if (options?.onlyDeleted === true) {
        throw new StrataError('USAGE', `onlyDeleted: ${this.meta.label} has no soft-delete column.`, {
          table: this.meta.label,
        });
      }
      return undefined;
    }
    if (options?.withDeleted === true) return undefined;
    const condition = options?.onlyDeleted === true ? this.#onlyDeleted! : this.#notDeleted!;
    return alias === undefined
      ? condition
      : condition.replace(soft.column.sql, `${alias}.${soft.column.sql}`);
  }

  #requireKey(): readonly ColumnMeta[] {
    if (this.meta.primaryKey.length === 0) {
      throw new StrataError(
        'USAGE',
        `${this.meta.label} has no primary key: use the *Where methods instead.`,
        {
          table: this.meta.label,
        },
      );
    }
    return this.meta.primaryKey;
  }

  /** `"id" = $n` (or each column of a composite key), the key's values checked. */
  keyCondition(key: unknown, alias?: string): SqlParts {
    const values: unknown[] = [];
    const columns = this.#keyValues(key, values);
    const parts: SqlParts = [];
    columns.forEach((column, i) => {
      if (i > 0) parts.push(' AND ');
      parts.push(`${alias === undefined ? column.sql : `${alias}.${column.sql}`} = `, new Param(values[i]));
    });
    return parts;
  }

  /** Checks a primary key (a value, or an object for a composite key) and appends its values to `params`, in key column order. */
  #keyValues(key: unknown, params: unknown[]): readonly ColumnMeta[] {
    const columns = this.#requireKey();
    if (columns.length === 1 && !isPlainObject(key)) {
      params.push(this.#keyValue(columns[0]!, key));
      return columns;
    }
    if (!isPlainObject(key)) {
      throw new StrataError(
        'USAGE',
        `${this.meta.label} has a composite primary key: pass { ${columns.map((c) => c.name).join(', ')} }.`,
        { table: this.meta.label },
      );
    }
    for (const column of columns) params.push(this.#keyValue(column, key[column.name]));
    return columns;
  }

  /** `"a" = $first AND "b" = $first+1 …` over the primary key: the text `#keyValues` fills. */
  #keySql(first: number): string {
    return this.meta.primaryKey.map((column, i) => `${column.sql} = $${first + i}`).join(' AND ');
  }

  #keyValue(column: ColumnMeta, value: unknown): unknown {
    if (value === null || value === undefined) {
      throw valueInvalid({ table: this.meta.label, column: column.name }, 'a primary key value is required.');
    }
    return column.prepare(value);
  }

  /** The key of a row as a map key. */
  rowKey(row: Row): string {
    return this.meta.primaryKey.map((c) => keyString(row[c.name])).join('\u0000');
  }

  #keyOfInput(key: unknown): string {
    const columns = this.meta.primaryKey;
    if (columns.length === 1 && !isPlainObject(key))
      return keyString(this.#keyValueForMatch(columns[0]!, key));
    const object = key as Row;
    return columns.map((c) => keyString(this.#keyValueForMatch(c, object[c.name]))).join('\u0000');
  }

  /** A key value as the driver will return it, for matching rows to the keys asked for. */
  #keyValueForMatch(column: ColumnMeta, value: unknown): unknown {
    const prepared = this.#keyValue(column, value);
    if (column.kind.kind === 'bigint') {
      const big = BigInt(prepared as bigint | number);
      return column.decode === undefined ? big : column.decode(big);
    }
    return column.kind.kind === 'uuid' ? (prepared as string).toLowerCase() : prepared;
  }

  /** A value to write into a column: null checked against NOT NULL, anything else by the column's checks. */
  writeValue(column: ColumnMeta, value: unknown): unknown {
    if (value === null) {
      if (column.notNull) {
        throw valueInvalid(
          { table: this.meta.label, column: column.name },
          'the column is NOT NULL; give it a value (or leave it out to get its default).',
        );
      }
      return null;
    }
    return column.prepare(value);
  }

  /** A column that may be written, or a USAGE error. */
  writableColumn(name: string): ColumnMeta {
    const column = columnOf(this.meta, name);
    if (column.generated) {
      throw new StrataError(
        'USAGE',
        `${this.meta.label}.${name} is computed by the database (generated or identity always); leave it out.`,
        { table: this.meta.label, column: name },
      );
    }
    return column;
  }

  #run(
    session: AnySession,
    sql: string,
    params: readonly unknown[],
  ): Promise<{ rows: Row[]; rowCount: number }> {
    return session.executor.query<Row>(sql, params);
  }

  #returning(projection: Projection): string {
    return ` RETURNING ${projection.sql}`;
  }

  // ---------------------------------------------------------------------------------------
  // Reads

  async get(session: AnySession, key: unknown, options?: ReadOpts): Promise<Row | undefined> {
    if (options === undefined && this.#getSql !== undefined && !isPlainObject(key)) {
      const result = await this.#run(session, this.#getSql, [this.#keyValue(this.#singleKey!, key)]);
      const rows = result.rows;
      decodeRows(rows, this.projections.default);
      return rows[0];
    }
    const projection = this.projections.of(options?.select);
    const w = new TextSqlWriter();
    w.text(`SELECT ${projection.sql} FROM ${this.meta.sql} WHERE `);
    writeParts(w, this.keyCondition(key));
    const soft = this.softCondition(options);
    if (soft !== undefined) w.text(` AND ${soft}`);
    const { rows } = await this.#run(session, w.sql, w.params);
    decodeRows(rows, projection);
    return rows[0];
  }

  async getMany(session: AnySession, keys: readonly unknown[], options?: ReadOpts): Promise<Row[]> {
    if (!Array.isArray(keys)) throw new StrataError('USAGE', 'getMany takes an array of keys.');
    if (keys.length === 0) return [];
    const columns = this.#requireKey();
    const projection = this.projections.of(
      options?.select,
      columns.map((c) => c.name),
    );
    const w = new TextSqlWriter();
    w.text(`SELECT ${projection.sql} FROM ${this.meta.sql} WHERE `);
    if (columns.length === 1) {
      const column = columns[0]!;
      const values = keys.map((key) => this.#keyValue(column, isPlainObject(key) ? key[column.name] : key));
      w.text(`${column.sql} = ANY(`);
      w.param(formatArrayLiteral(values));
      w.text(')');
    } else {
      w.text('(');
      writeParts(
        w,
        joinConditions(
          keys.map((key) => this.keyCondition(key)),
          ' OR ',
        ),
      );
      w.text(')');
    }
    const soft = this.softCondition(options);
    if (soft !== undefined) w.text(` AND ${soft}`);
    const { rows } = await this.#run(session, w.sql, w.params);
    decodeRows(rows, projection);
    const byKey = new Map<string, Row>();
    for (const row of rows) byKey.set(this.rowKey(row), row);
    const ordered: Row[] = [];
    const seen = new Set<string>();
    for (const key of keys) {
      const k = this.#keyOfInput(key);
      const row = byKey.get(k);
      if (row !== undefined && !seen.has(k)) {
        seen.add(k);
        ordered.push(row);
      }
    }
    stripHidden(ordered, projection);
    return ordered;
  }

  /** Relation names and how to load them, checked against the repository's relations. */
  #relationPlan(
    relations: RelationMap,
    spec: Readonly<Record<string, unknown>> | undefined,
  ): {
    joins: JoinPlan[];
    selectIn: Array<{ name: string; relation: Relation; load: RelationLoad<AnyTable> }>;
  } {
    const joins: JoinPlan[] = [];
    const selectIn: Array<{ name: string; relation: Relation; load: RelationLoad<AnyTable> }> = [];
    if (spec === undefined) return { joins, selectIn };
    for (const name of Object.keys(spec)) {
      const value = spec[name];
      if (value === undefined || value === false) continue;
      const relation = Object.hasOwn(relations, name) ? relations[name] : undefined;
      if (relation === undefined) {
        const known = Object.keys(relations);
        throw new StrataError(
          'USAGE',
          `Unknown relation ${JSON.stringify(name)} on ${this.meta.label}; ${known.length === 0 ? 'the repository declares none' : `it has: ${known.join(', ')}`}.`,
          { table: this.meta.label, relation: name },
        );
      }
      const load = (value === true ? {} : value) as RelationLoad<AnyTable>;
      if (typeof load !== 'object' || load === null) {
        throw new StrataError('USAGE', `with.${name} must be true or an object of load options.`);
      }
      if (load.join === true || load.required === true) {
        if (relation.kind !== 'one') {
          throw new StrataError(
            'USAGE',
            `with.${name}: only a one-row relation can be joined; load it without join.`,
            {
              relation: name,
            },
          );
        }
        const core = coreOf(relation.target);
        const alias = `"j${joins.length}"`;
        joins.push({
          name,
          alias,
          core,
          relation,
          projection: core.projections.of(load.select, [relation.to]),
          prefix: `__strata_j${joins.length}_`,
        });
      } else {
        selectIn.push({ name, relation, load });
      }
    }
    return { joins, selectIn };
  }

  /**
   * `FROM … [JOIN …] WHERE …` shared by find, count, exists and pages. With joins the table is
   * aliased `"t"` and every column is qualified.
   */
  #writeFromWhere(w: TextSqlWriter, options: FindOpts, joins: readonly JoinPlan[], extra?: SqlParts): void {
    const alias = joins.length > 0 ? '"t"' : undefined;
    w.text(` FROM ${this.meta.sql}${alias === undefined ? '' : ` AS ${alias}`}`);
    for (const join of joins) {
      const load = (options.with?.[join.name] ?? {}) as RelationLoad<AnyTable>;
      const target = join.core;
      const from = columnOf(this.meta, join.relation.from);
      const to = columnOf(target.meta, join.relation.to);
      w.text(
        ` ${load.required === true ? 'INNER' : 'LEFT'} JOIN ${target.meta.sql} AS ${join.alias} ON ${join.alias}.${to.sql} = ${alias}.${from.sql}`,
      );
      const soft = target.softCondition(load, join.alias);
      if (soft !== undefined) w.text(` AND ${soft}`);
      const where = compileWhere(target.meta, load.where, join.alias);
      if (where !== undefined) {
        w.text(' AND (');
        writeParts(w, where);
        w.text(')');
      }
    }
    const conditions: SqlParts[] = [];
    const soft = this.softCondition(options, alias);
    if (soft !== undefined) conditions.push([soft]);
    const where = compileWhere(this.meta, options.where, alias);
    if (where !== undefined) conditions.push(where);
    if (extra !== undefined) conditions.push(extra);
    if (conditions.length > 0) {
      w.text(' WHERE ');
      writeParts(w, joinConditions(conditions, ' AND '));
    }
  }

  async find(session: AnySession, relations: RelationMap, options: FindOpts = {}): Promise<Row[]> {
    return (await this.#select(session, relations, options)).rows;
  }

  async #select(
    session: AnySession,
    relations: RelationMap,
    options: FindOpts,
    keyset?: { readonly keys: readonly SortKey[]; readonly after: SqlParts | undefined },
  ): Promise<{ rows: Row[]; cursorValues: unknown[][] }> {
    const { joins, selectIn } = this.#relationPlan(relations, options.with);
    const extra = selectIn.map((s) => s.relation.from);
    const projection = this.projections.of(options.select, extra);
    const alias = joins.length > 0 ? '"t"' : undefined;
    const q = (column: ColumnMeta) => (alias === undefined ? column.sql : `${alias}.${column.sql}`);
    const w = new TextSqlWriter();
    w.text(`SELECT ${alias === undefined ? projection.sql : projection.columns.map(q).join(', ')}`);
    for (const join of joins) {
      for (const column of join.projection.columns) {
        w.text(`, ${join.alias}.${column.sql} AS "${join.prefix}${column.name.replaceAll('"', '""')}"`);
      }
    }
    // Keyset pages read sort keys for the cursor: timestamps as text (microseconds), unselected ones at all.
    const cursorFields: Array<{ field: string; column: ColumnMeta }> = [];
    keyset?.keys.forEach((key, i) => {
      const read = projection.columns.includes(key.column) && !cursorNeedsText(key);
      const field = read ? key.column.name : cursorField(i);
      if (!read) w.text(`, ${q(key.column)}${cursorNeedsText(key) ? '::text' : ''} AS "${field}"`);
      cursorFields.push({ field, column: key.column });
    });
    this.#writeFromWhere(w, options, joins, keyset?.after);
    const orderKeys = keyset?.keys ?? resolveOrderBy(this.meta, options.orderBy);
    if (orderKeys.length > 0) w.text(` ORDER BY ${orderBySql(orderKeys, alias)}`);
    if (options.limit !== undefined) {
      w.text(' LIMIT ');
      w.param(checkCount('limit', options.limit));
    }
    if (options.offset !== undefined) {
      w.text(' OFFSET ');
      w.param(checkCount('offset', options.offset));
    }
    if (options.lock !== undefined) {
      const lock = Object.hasOwn(LOCKS, options.lock) ? LOCKS[options.lock] : undefined;
      if (lock === undefined) {
        throw new StrataError(
          'USAGE',
          `lock must be one of ${Object.keys(LOCKS).join(', ')}; got ${describeValue(options.lock)}.`,
        );
      }
      w.text(
        ` ${lock}${alias === undefined ? '' : ` OF ${alias}`}${options.skipLocked === true ? ' SKIP LOCKED' : ''}`,
      );
    }
    const { rows } = await this.#run(session, w.sql, w.params);
    decodeRows(rows, projection);
    const cursorValues: unknown[][] = [];
    if (keyset !== undefined && rows.length > 0) {
      // Only the last row's keys make a cursor, but every row loses the helper fields.
      for (const row of rows) {
        cursorValues.push(cursorFields.map(({ field }) => row[field]));
        for (const { field, column } of cursorFields) if (field !== column.name) delete row[field];
      }
    }
    if (joins.length > 0) for (const join of joins) this.#nestJoined(rows, join);
    for (const { name, relation, load } of selectIn)
      await this.#loadSelectIn(session, rows, name, relation, load);
    stripHidden(rows, projection);
    return { rows, cursorValues };
  }

  #nestJoined(rows: Row[], join: JoinPlan): void {
    const columns = join.projection.columns;
    const toField = `${join.prefix}${join.relation.to}`;
    for (const row of rows) {
      const matched = row[toField] !== null && row[toField] !== undefined;
      const related: Row | null = matched ? {} : null;
      for (const column of columns) {
        const field = `${join.prefix}${column.name}`;
        if (related !== null) related[column.name] = row[field];
        delete row[field];
      }
      if (related !== null) {
        decodeRows([related], join.projection);
        stripHidden([related], join.projection);
      }
      row[join.name] = related;
    }
  }

  /** Loads one relation for all rows with one query (`WHERE to = ANY($1)`), then attaches it. */
  async #loadSelectIn(
    session: AnySession,
    rows: Row[],
    name: string,
    relation: Relation,
    load: RelationLoad<AnyTable>,
  ): Promise<void> {
    const empty = () => (relation.kind === 'one' ? null : []);
    const values = new Map<string, unknown>();
    for (const row of rows) {
      const value = row[relation.from];
      if (value !== null && value !== undefined) values.set(keyString(value), value);
    }
    if (values.size === 0) {
      for (const row of rows) row[name] = empty();
      return;
    }
    const target = coreOf(relation.target);
    const to = columnOf(target.meta, relation.to);
    const projection = target.projections.of(load.select, [relation.to]);
    const w = new TextSqlWriter();
    w.text(`SELECT ${projection.sql} FROM ${target.meta.sql} WHERE ${to.sql} = ANY(`);
    w.param(formatArrayLiteral([...values.values()]));
    w.text(')');
    const soft = target.softCondition(load);
    if (soft !== undefined) w.text(` AND ${soft}`);
    const where = compileWhere(target.meta, load.where);
    if (where !== undefined) {
      w.text(' AND (');
      writeParts(w, where);
      w.text(')');
    }
    const order = resolveOrderBy(target.meta, load.orderBy);
    if (order.length > 0) w.text(` ORDER BY ${orderBySql(order)}`);
    const { rows: related } = await this.#run(session, w.sql, w.params);
    decodeRows(related, projection);
    const groups = new Map<string, Row[]>();
    for (const child of related) {
      const k = keyString(child[relation.to]);
      const group = groups.get(k);
      if (group === undefined) groups.set(k, [child]);
      else group.push(child);
    }
    stripHidden(related, projection);
    for (const row of rows) {
      const value = row[relation.from];
      const group = value === null || value === undefined ? undefined : groups.get(keyString(value));
      row[name] = relation.kind === 'one' ? (group?.[0] ?? null) : (group ?? []);
    }
  }

  async count(session: AnySession, relations: RelationMap, options: FindOpts = {}): Promise<number> {
    const { joins } = this.#relationPlan(relations, onlyRequiredJoins(options.with));
    const w = new TextSqlWriter();
    w.text('SELECT count(*) AS count');
    this.#writeFromWhere(w, { ...options, with: onlyRequiredJoins(options.with) }, joins);
    const { rows } = await this.#run(session, w.sql, w.params);
    return Number(rows[0]?.count ?? 0);
  }

  async exists(session: AnySession, relations: RelationMap, options: FindOpts = {}): Promise<boolean> {
    const { joins } = this.#relationPlan(relations, onlyRequiredJoins(options.with));
    const w = new TextSqlWriter();
    w.text('SELECT EXISTS (SELECT 1');
    this.#writeFromWhere(w, { ...options, with: onlyRequiredJoins(options.with) }, joins);
    w.text(') AS found');
    const { rows } = await this.#run(session, w.sql, w.params);
    return rows[0]?.found === true;
  }

  async page(
    session: AnySession,
    relations: RelationMap,
    options: FindOpts & { limit: number },
  ): Promise<{ rows: Row[]; total: number; limit: number; offset: number }> {
    const limit = checkCount('limit', options.limit);
    const offset = checkCount('offset', options.offset ?? 0);
    const pageOptions = { ...options, limit, offset };
    // On a pool the two statements run side by side; a transaction has one connection, so in turn.
    const [rows, total] = session.isTransaction
      ? [await this.find(session, relations, pageOptions), await this.count(session, relations, options)]
      : await Promise.all([
          this.find(session, relations, pageOptions),
          this.count(session, relations, options),
        ]);
    return { rows, total, limit, offset };
  }

  async keysetPage(
    session: AnySession,
    relations: RelationMap,
    options: KeysetOpts & { limit: number },
  ): Promise<{ rows: Row[]; nextCursor: string | null; hasMore: boolean }> {
    const limit = checkCount('limit', options.limit);
    if (limit === 0) throw new StrataError('USAGE', 'A keyset page needs a limit of at least 1.');
    const keys = totalOrder(this.meta, resolveOrderBy(this.meta, options.orderBy));
    const joined = Object.values(options.with ?? {}).some(
      (load) =>
        typeof load === 'object' &&
        load !== null &&
        ((load as RelationLoad<AnyTable>).join === true ||
          (load as RelationLoad<AnyTable>).required === true),
    );
    const after =
      options.after === undefined || options.after === null
        ? undefined
        : afterCursorCondition(keys, decodeCursor(keys, options.after), joined ? '"t"' : undefined);
    const { rows, cursorValues } = await this.#select(
      session,
      relations,
      { ...options, limit: limit + 1, offset: undefined },
      { keys, after },
    );
    const hasMore = rows.length > limit;
    if (hasMore) rows.length = limit;
    const last = cursorValues[rows.length - 1];
    return { rows, hasMore, nextCursor: hasMore && last !== undefined ? encodeCursor(keys, last) : null };
  }

  // ---------------------------------------------------------------------------------------
  // Writes

  /** Column list and parameters of one row to insert. */
  #insertColumns(values: unknown): { columns: ColumnMeta[]; params: unknown[]; signature: string } {
    if (!isPlainObject(values)) {
      throw new StrataError(
        'USAGE',
        `A row to write must be an object of column values; got ${describeValue(values)}.`,
        {
          table: this.meta.label,
        },
      );
    }
    const columns: ColumnMeta[] = [];
    const params: unknown[] = [];
    let signature = '';
    for (const name of Object.keys(values)) {
      const value = values[name];
      if (value === undefined) continue;
      const column = this.writableColumn(name);
      params.push(this.writeValue(column, value));
      columns.push(column);
      signature += `${name}\u0000`;
    }
    return { columns, params, signature };
  }

  async create(session: AnySession, values: unknown, options?: ReadOpts): Promise<Row> {
    const projection = this.projections.of(options?.select);
    const { columns, params, signature } = this.#insertColumns(values);
    const sql =
      this.#inserts.get(projection, signature) ??
      this.#inserts.set(projection, signature, this.#insertSql(columns, projection));
    const { rows } = await this.#run(session, sql, params);
    decodeRows(rows, projection);
    return rows[0]!;
  }

  /** `INSERT INTO t (a, b) VALUES ($1, $2) RETURNING …` for one row giving these columns. */
  #insertSql(columns: readonly ColumnMeta[], projection: Projection): string {
    return columns.length === 0
      ? `INSERT INTO ${this.meta.sql} DEFAULT VALUES${this.#returning(projection)}`
      : `INSERT INTO ${this.meta.sql} (${columns.map((c) => c.sql).join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})${this.#returning(projection)}`;
  }

  /**
   * Multi-row INSERTs, one per run of rows that give the same columns (so defaults apply to
   * the columns left out), each within the parameter limit. Several statements run in one
   * transaction.
   */
  async createMany(session: AnySession, rows: readonly unknown[], options?: ReadOpts): Promise<Row[]> {
    return this.#insertBatches(session, rows, options, undefined);
  }

  async #insertBatches(
    session: AnySession,
    rows: readonly unknown[],
    options: ReadOpts | undefined,
    conflict: ((columns: readonly ColumnMeta[]) => string) | undefined,
  ): Promise<Row[]> {
    if (!Array.isArray(rows)) throw new StrataError('USAGE', 'Pass an array of rows.');
    if (rows.length === 0) return [];
    const projection = this.projections.of(options?.select);
    const prepared = rows.map((row, index) => {
      try {
        return this.#insertColumns(row);
      } catch (error) {
        if (error instanceof StrataError && error.code === 'VALUE_INVALID') {
          throw new StrataError('VALUE_INVALID', `Row ${index}: ${error.message}`, {
            ...error.details,
            row: index,
          });
        }
        throw error;
      }
    });
    const batches: Array<typeof prepared> = [];
    let current: typeof prepared = [];
    for (const row of prepared) {
      const first = current[0];
      const full =
        first !== undefined &&
        (first.signature !== row.signature ||
          current.length >= MAX_ROWS_PER_INSERT ||
          (current.length + 1) * Math.max(1, row.columns.length) > MAX_PARAMS);
      if (full) {
        batches.push(current);
        current = [];
      }
      current.push(row);
    }
    batches.push(current);
    const runBatch = async (target: AnySession, batch: typeof prepared): Promise<Row[]> => {
      const columns = batch[0]!.columns;
      const params: unknown[] = [];
      if (columns.length === 0) {
        // Rows with no values at all: one DEFAULT VALUES insert each is all SQL offers.
        const out: Row[] = [];
        for (let i = 0; i < batch.length; i += 1) {
          const { rows: inserted } = await this.#run(
            target,
            `INSERT INTO ${this.meta.sql} DEFAULT VALUES${conflict?.(columns) ?? ''}${this.#returning(projection)}`,
            [],
          );
          out.push(...inserted);
        }
        return out;
      }
      const tuples: string[] = [];
      for (const row of batch) {
        const placeholders: string[] = [];
        for (const value of row.params) {
          params.push(value);
          placeholders.push(`$${params.length}`);
        }
        tuples.push(`(${placeholders.join(', ')})`);
      }
      const sql = `INSERT INTO ${this.meta.sql} (${columns.map((c) => c.sql).join(', ')}) VALUES ${tuples.join(', ')}${conflict?.(columns) ?? ''}${this.#returning(projection)}`;
      const { rows: inserted } = await this.#run(target, sql, params);
      return inserted;
    };
    const runAll = async (target: AnySession): Promise<Row[]> => {
      const out: Row[] = [];
      for (const batch of batches) out.push(...(await runBatch(target, batch)));
      return out;
    };
    const result =
      batches.length === 1 || session.isTransaction
        ? await runAll(session)
        : await session.transaction((tx) => runAll(tx));
    decodeRows(result, projection);
    return result;
  }

  /** `UPDATE … SET` of a patch into the writer (its values as parameters); false when the patch sets nothing. */
  #setClause(w: TextSqlWriter, patch: unknown): boolean {
    const first = w.params.length + 1;
    const { columns } = this.#patchColumns(patch, w.params);
    if (columns.length === 0) return false;
    w.text(this.#updateHead(columns, first));
    return true;
  }

  /**
   * Checks a patch and appends its values to `params`: the columns it sets, in order, and their
   * names as a shape key.
   */
  #patchColumns(patch: unknown, params: unknown[]): { columns: ColumnMeta[]; signature: string } {
    if (!isPlainObject(patch)) {
      throw new StrataError(
        'USAGE',
        `An update takes an object of column values; got ${describeValue(patch)}.`,
        {
          table: this.meta.label,
        },
      );
    }
    const version = this.meta.roles.version;
    const columns: ColumnMeta[] = [];
    let signature = '';
    for (const name of Object.keys(patch)) {
      const value = patch[name];
      if (value === undefined) continue;
      const column = this.writableColumn(name);
      if (column === version) {
        throw new StrataError(
          'USAGE',
          `${this.meta.label}.${name} is the version column: repositories increment it; pass expectedVersion to check it.`,
          { table: this.meta.label, column: name },
        );
      }
      params.push(this.writeValue(column, value));
      columns.push(column);
      signature += `${name}\u0000`;
    }
    return { columns, signature };
  }

  /**
   * `UPDATE t SET a = $first, b = $first+1 …`, plus `updated_at = now()` (unless the patch sets it)
   * and `version = version + 1` when the table has them.
   */
  #updateHead(columns: readonly ColumnMeta[], first: number): string {
    const { updatedAt, version } = this.meta.roles;
    const assignments = columns.map((column, i) => `${column.sql} = $${first + i}`);
    if (updatedAt !== undefined && !columns.includes(updatedAt)) assignments.push(`${updatedAt.sql} = now()`);
    if (version !== undefined) assignments.push(`${version.sql} = ${version.sql} + 1`);
    return `UPDATE ${this.meta.sql} SET ${assignments.join(', ')}`;
  }

  /** The version column, for `expectedVersion`; a USAGE error when the table has none. */
  #versionColumn(): ColumnMeta {
    const version = this.meta.roles.version;
    if (version === undefined) {
      throw new StrataError(
        'USAGE',
        `expectedVersion: ${this.meta.label} has no version column (add ...versionColumn() to the table).`,
        { table: this.meta.label },
      );
    }
    return version;
  }

  #expectedVersion(w: TextSqlWriter, expected: number | undefined): void {
    if (expected === undefined) return;
    const version = this.#versionColumn();
    w.text(` AND ${version.sql} = `);
    w.param(version.prepare(expected));
  }

  /** After a keyed write touched no row: NOT_FOUND, or CONFLICT when the row is there with another version. */
  async #missedWrite(
    session: AnySession,
    key: unknown,
    expected: number | undefined,
    options?: ReadOpts,
  ): Promise<StrataError> {
    const version = this.meta.roles.version;
    if (expected !== undefined && version !== undefined) {
      const w = new TextSqlWriter();
      w.text(`SELECT ${version.sql} AS version FROM ${this.meta.sql} WHERE `);
      writeParts(w, this.keyCondition(key));
      const soft = this.softCondition(options);
      if (soft !== undefined) w.text(` AND ${soft}`);
      const { rows } = await this.#run(session, w.sql, w.params);
      const actual = rows[0]?.version;
      if (actual !== undefined) {
        return new StrataError(
          'CONFLICT',
          `${this.meta.label} row was changed by someone else: expected version ${expected}, found ${String(actual)}. Reload it and apply the change again.`,
          { table: this.meta.label, expectedVersion: expected, actualVersion: actual },
        );
      }
    }
    return new StrataError(
      'NOT_FOUND',
      `No ${this.meta.label} row with that key${options?.withDeleted === true ? '' : ' (soft-deleted rows are left out)'}.`,
      {
        table: this.meta.label,
      },
    );
  }

  async update(
    session: AnySession,
    key: unknown,
    patch: unknown,
    options: ReadOpts & { readonly expectedVersion?: number } = {},
  ): Promise<Row> {
    const projection = this.projections.of(options.select);
    // Parameters: the patch's values, then the key's, then the expected version; the SQL of
    // each shape (which columns, which options) is built once, numbering them in that order.
    const params: unknown[] = [];
    const { columns, signature } = this.#patchColumns(patch, params);
    if (columns.length === 0) {
      const row = await this.get(session, key, options);
      if (row === undefined) throw await this.#missedWrite(session, key, undefined, options);
      return row;
    }
    this.#keyValues(key, params);
    const expected = options.expectedVersion;
    if (expected !== undefined) params.push(this.#versionColumn().prepare(expected));
    const withDeleted = options.withDeleted === true;
    const shape = `${signature}${expected === undefined ? '' : '\u0001version'}${withDeleted ? '\u0001withDeleted' : ''}`;
    const sql =
      this.#updates.get(projection, shape) ??
      this.#updates.set(
        projection,
        shape,
        this.#updateSql(columns, expected !== undefined, withDeleted, projection),
      );
    const { rows } = await this.#run(session, sql, params);
    if (rows.length === 0) throw await this.#missedWrite(session, key, expected, options);
    decodeRows(rows, projection);
    return rows[0]!;
  }

  /** The statement of `update` for a patch setting `columns`, keyed by the primary key. */
  #updateSql(
    columns: readonly ColumnMeta[],
    versioned: boolean,
    withDeleted: boolean,
    projection: Projection,
  ): string {
    const keyFirst = columns.length + 1;
    let sql = `${this.#updateHead(columns, 1)} WHERE ${this.#keySql(keyFirst)}`;
    if (versioned) sql += ` AND ${this.#versionColumn().sql} = $${keyFirst + this.meta.primaryKey.length}`;
    const soft = this.softCondition({ withDeleted });
    if (soft !== undefined) sql += ` AND ${soft}`;
    return sql + this.#returning(projection);
  }

  #whereForWrite(
    w: TextSqlWriter,
    where: unknown,
    options: { readonly withDeleted?: boolean; readonly all?: boolean },
    soft: boolean,
  ): void {
    const compiled = compileWhere(this.meta, where);
    if (compiled === undefined && options.all !== true) {
      throw new StrataError(
        'USAGE',
        `The filter is empty, which would write every row of ${this.meta.label}; pass { all: true } if that is meant.`,
        { table: this.meta.label },
      );
    }
    const conditions: SqlParts[] = [];
    const softCondition = soft ? this.softCondition({ withDeleted: options.withDeleted }) : undefined;
    if (softCondition !== undefined) conditions.push([softCondition]);
    if (compiled !== undefined) conditions.push(compiled);
    if (conditions.length > 0) {
      w.text(' WHERE ');
      writeParts(w, joinConditions(conditions, ' AND '));
    }
  }

  async updateWhere(
    session: AnySession,
    where: unknown,
    patch: unknown,
    options: { readonly withDeleted?: boolean; readonly all?: boolean } = {},
  ): Promise<number> {
    const w = new TextSqlWriter();
    if (!this.#setClause(w, patch)) {
      throw new StrataError('USAGE', `updateWhere on ${this.meta.label} was given no column to set.`, {
        table: this.meta.label,
      });
    }
    this.#whereForWrite(w, where, options, true);
    const { rowCount } = await this.#run(session, w.sql, w.params);
    return rowCount;
  }

  #conflictClause(onConflict: unknown, update: unknown): (columns: readonly ColumnMeta[]) => string {
    if (!Array.isArray(onConflict) || onConflict.length === 0) {
      throw new StrataError(
        'USAGE',
        `upsert needs onConflict: the columns of a unique key of ${this.meta.label}.`,
        {
          table: this.meta.label,
        },
      );
    }
    const target = onConflict.map((name) => columnOf(this.meta, name as string, 'conflict column'));
    const names = new Set(target.map((c) => c.name));
    const matches = this.meta.uniqueKeys.some(
      (key) => key.length === names.size && key.every((n) => names.has(n)),
    );
    if (!matches) {
      throw new StrataError(
        'USAGE',
        `onConflict (${[...names].join(', ')}) is not a unique key of ${this.meta.label}; its unique keys are: ${
          this.meta.uniqueKeys.map((k) => `(${k.join(', ')})`).join(', ') || 'none'
        }.`,
        { table: this.meta.label, onConflict: [...names] },
      );
    }
    const explicit =
      update === undefined
        ? undefined
        : (update as unknown[]).map((name) => this.writableColumn(name as string));
    const { updatedAt, version, createdAt } = this.meta.roles;
    return (columns) => {
      const given = new Set(columns);
      let updated: ColumnMeta[];
      if (explicit === undefined) {
        updated = columns.filter((c) => !names.has(c.name) && c !== createdAt && c !== version);
      } else {
        for (const column of explicit) {
          if (!given.has(column)) {
            throw new StrataError(
              'USAGE',
              `upsert update lists ${column.name}, which the row does not give; give it a value or leave it out of update.`,
              { table: this.meta.label, column: column.name },
            );
          }
        }
        updated = explicit;
      }
      const assignments = updated.map((c) => `${c.sql} = EXCLUDED.${c.sql}`);
      if (assignments.length === 0) {
        // Nothing to change: a no-op assignment still locks and returns the existing row.
        const first = target[0]!;
        return ` ON CONFLICT (${target.map((c) => c.sql).join(', ')}) DO UPDATE SET ${first.sql} = EXCLUDED.${first.sql}`;
      }
      if (updatedAt !== undefined && !updated.includes(updatedAt))
        assignments.push(`${updatedAt.sql} = now()`);
      if (version !== undefined) assignments.push(`${version.sql} = ${this.meta.sql}.${version.sql} + 1`);
      return ` ON CONFLICT (${target.map((c) => c.sql).join(', ')}) DO UPDATE SET ${assignments.join(', ')}`;
    };
  }

  async upsert(
    session: AnySession,
    values: unknown,
    options: ReadOpts & { readonly onConflict: unknown; readonly update?: unknown },
  ): Promise<Row> {
    const rows = await this.upsertMany(session, [values], options);
    return rows[0]!;
  }

  async upsertMany(
    session: AnySession,
    rows: readonly unknown[],
    options: ReadOpts & { readonly onConflict: unknown; readonly update?: unknown },
  ): Promise<Row[]> {
    const conflict = this.#conflictClause(options.onConflict, options.update);
    // One statement cannot update the same row twice: say which rows collide instead of PostgreSQL's 21000.
    const keyColumns = (options.onConflict as string[]).map((name) => columnOf(this.meta, name));
    const seen = new Map<string, number>();
    rows.forEach((row, index) => {
      if (!isPlainObject(row)) return;
      const key = keyColumns.map((c) => keyString(row[c.name])).join('\u0000');
      const previous = seen.get(key);
      if (previous !== undefined) {
        throw new StrataError(
          'VALUE_INVALID',
          `Rows ${previous} and ${index} have the same ${keyColumns.map((c) => c.name).join(', ')}; an upsert can write each key once.`,
          { table: this.meta.label, rows: [previous, index] },
        );
      }
      seen.set(key, index);
    });
    return this.#insertBatches(session, rows, options, conflict);
  }

  async delete(
    session: AnySession,
    key: unknown,
    options: { readonly expectedVersion?: number } = {},
  ): Promise<boolean> {
    const soft = this.meta.softDelete;
    const w = new TextSqlWriter();
    if (soft === undefined) {
      w.text(`DELETE FROM ${this.meta.sql} WHERE `);
      writeParts(w, this.keyCondition(key));
      this.#expectedVersion(w, options.expectedVersion);
    } else {
      this.#softDeleteSet(w, true);
      w.text(' WHERE ');
      writeParts(w, this.keyCondition(key));
      this.#expectedVersion(w, options.expectedVersion);
      w.text(` AND ${this.#notDeleted!}`);
    }
    const { rowCount } = await this.#run(session, w.sql, w.params);
    if (rowCount === 0 && options.expectedVersion !== undefined) {
      const error = await this.#missedWrite(session, key, options.expectedVersion);
      if (error.code === 'CONFLICT') throw error;
    }
    return rowCount > 0;
  }

  async deleteWhere(
    session: AnySession,
    where: unknown,
    options: { readonly all?: boolean } = {},
  ): Promise<number> {
    const soft = this.meta.softDelete;
    const w = new TextSqlWriter();
    if (soft === undefined) {
      w.text(`DELETE FROM ${this.meta.sql}`);
      this.#whereForWrite(w, where, options, false);
    } else {
      this.#softDeleteSet(w, true);
      this.#whereForWrite(w, where, { all: options.all }, true);
    }
    const { rowCount } = await this.#run(session, w.sql, w.params);
    return rowCount;
  }

  /** `UPDATE t SET deleted_at = now()` (or `is_active = false`), or the reverse to restore. */
  #softDeleteSet(w: TextSqlWriter, deleted: boolean): void {
    const soft = this.#requireSoft(deleted ? 'deleteWhere' : 'restore');
    const { updatedAt, version } = this.meta.roles;
    const assignments = [
      soft.kind === 'deletedAt'
        ? `${soft.column.sql} = ${deleted ? 'now()' : 'NULL'}`
        : `${soft.column.sql} = ${deleted ? 'false' : 'true'}`,
    ];
    if (updatedAt !== undefined) assignments.push(`${updatedAt.sql} = now()`);
    if (version !== undefined) assignments.push(`${version.sql} = ${version.sql} + 1`);
    w.text(`UPDATE ${this.meta.sql} SET ${assignments.join(', ')}`);
  }

  #requireSoft(operation: string): NonNullable<TableMeta['softDelete']> {
    const soft = this.meta.softDelete;
    if (soft === undefined) {
      throw new StrataError(
        'USAGE',
        `${operation}: ${this.meta.label} has no soft-delete column (add ...softDelete('deletedAt') to the table).`,
        { table: this.meta.label },
      );
    }
    return soft;
  }

  async restore(session: AnySession, key: unknown, options?: ReadOpts): Promise<Row> {
    const projection = this.projections.of(options?.select);
    const w = new TextSqlWriter();
    this.#softDeleteSet(w, false);
    w.text(' WHERE ');
    writeParts(w, this.keyCondition(key));
    w.text(` AND ${this.#onlyDeleted!}`);
    w.text(this.#returning(projection));
    const { rows } = await this.#run(session, w.sql, w.params);
    if (rows.length === 0) {
      const current = await this.get(session, key, { ...options, withDeleted: true });
      if (current === undefined) {
        throw new StrataError('NOT_FOUND', `No ${this.meta.label} row with that key.`, {
          table: this.meta.label,
        });
      }
      return current;
    }
    decodeRows(rows, projection);
    return rows[0]!;
  }

  async purge(session: AnySession, key: unknown): Promise<boolean> {
    const w = new TextSqlWriter();
    w.text(`DELETE FROM ${this.meta.sql} WHERE `);
    writeParts(w, this.keyCondition(key));
    const { rowCount } = await this.#run(session, w.sql, w.params);
    return rowCount > 0;
  }

  async purgeWhere(
    session: AnySession,
    where: unknown,
    options: { readonly all?: boolean } = {},
  ): Promise<number> {
    const w = new TextSqlWriter();
    w.text(`DELETE FROM ${this.meta.sql}`);
    this.#whereForWrite(w, where, options, false);
    const { rowCount } = await this.#run(session, w.sql, w.params);
    return rowCount;
  }

  load(
    session: AnySession,
    source: Iterable<unknown> | AsyncIterable<unknown>,
    options: LoadOptions = {},
  ): Promise<LoadResult> {
    return loadRows(this, session, source, options);
  }
}

/** The relations of a `with` option that filter parents (required joins): the only ones a count needs. */
function onlyRequiredJoins(
  spec: Readonly<Record<string, unknown>> | undefined,
): Readonly<Record<string, unknown>> | undefined {
  if (spec === undefined) return undefined;
  const out: Record<string, unknown> = {};
  for (const [name, load] of Object.entries(spec)) {
    if (typeof load === 'object' && load !== null && (load as RelationLoad<AnyTable>).required === true)
      out[name] = load;
  }
  return out;
}
