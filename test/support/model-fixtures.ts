/**
 * Hand-built SchemaModel values for the DDL renderer's golden tests (test/golden/ddl/<name>.sql).
 * They are plain objects on purpose: the DSL must produce values like these, not the other way
 * round. Type names are canonical (as `format_type` prints them), lists are sorted by name as the
 * model requires, so the DDL they render can be compared with the catalog of the database it builds.
 * The helpers below only fill in the fields a fixture leaves at their defaults.
 */
import type {
  CheckModel,
  ColumnModel,
  EnumModel,
  ForeignKeyModel,
  IndexColumnElement,
  IndexExpressionElement,
  IndexModel,
  PrimaryKeyModel,
  SchemaModel,
  SequenceModel,
  SqlType,
  TableModel,
  UniqueModel,
} from '../../src/model/index.js';
import { sqlType } from '../../src/model/index.js';

type Extra<T, K extends keyof T> = Partial<Omit<T, 'kind' | K>>;

function column(name: string, type: SqlType, extra: Extra<ColumnModel, 'name' | 'type'> = {}): ColumnModel {
  return { kind: 'column', name, type, notNull: false, ...extra };
}

function primaryKey(name: string, columns: readonly string[]): PrimaryKeyModel {
  return { kind: 'primaryKey', name, columns };
}

function unique(
  name: string,
  columns: readonly string[],
  extra: Extra<UniqueModel, 'name' | 'columns'> = {},
): UniqueModel {
  return {
    kind: 'unique',
    name,
    columns,
    nullsNotDistinct: false,
    deferrable: false,
    initiallyDeferred: false,
    ...extra,
  };
}

function check(name: string, expression: string, notValid = false): CheckModel {
  return { kind: 'check', name, expression, notValid };
}

function foreignKey(
  name: string,
  columns: readonly string[],
  references: ForeignKeyModel['references'],
  extra: Extra<ForeignKeyModel, 'name' | 'columns' | 'references'> = {},
): ForeignKeyModel {
  return {
    kind: 'foreignKey',
    name,
    columns,
    references,
    onDelete: 'no action',
    onUpdate: 'no action',
    match: 'simple',
    deferrable: false,
    initiallyDeferred: false,
    notValid: false,
    ...extra,
  };
}

function on(column: string, extra: Extra<IndexColumnElement, 'column'> = {}): IndexColumnElement {
  return { kind: 'indexColumn', column, ...extra };
}

function onExpression(
  expression: string,
  extra: Extra<IndexExpressionElement, 'expression'> = {},
): IndexExpressionElement {
  return { kind: 'indexExpression', expression, ...extra };
}

function index(
  name: string,
  elements: IndexModel['elements'],
  extra: Extra<IndexModel, 'name' | 'elements'> = {},
): IndexModel {
  return {
    kind: 'index',
    name,
    method: 'btree',
    unique: false,
    nullsNotDistinct: false,
    elements,
    include: [],
    with: {},
    ...extra,
  };
}

function table(schema: string, name: string, parts: Extra<TableModel, 'schema' | 'name'>): TableModel {
  return {
    kind: 'table',
    schema,
    name,
    columns: [],
    uniques: [],
    checks: [],
    foreignKeys: [],
    indexes: [],
    ...parts,
  };
}

function model(parts: Partial<Omit<SchemaModel, 'kind'>>): SchemaModel {
  return { kind: 'schemaModel', extensions: [], schemas: [], enums: [], sequences: [], tables: [], ...parts };
}

const uuid = sqlType('uuid');
const text = sqlType('text');
const integer = sqlType('integer');
const bigint = sqlType('bigint');
const timestamptz = sqlType('timestamp with time zone');

/** Users and their posts: uuid keys, a unique email, a cascading foreign key, timestamps. */
export const blog: SchemaModel = model({
  tables: [
    table('public', 'posts', {
      columns: [
        column('id', uuid, { notNull: true, default: 'gen_random_uuid()' }),
        column('author_id', uuid, { notNull: true }),
        column('title', text, { notNull: true }),
        column('body', text, { notNull: true, default: "''::text" }),
        column('published_at', timestamptz),
        column('created_at', timestamptz, { notNull: true, default: 'now()' }),
      ],
      primaryKey: primaryKey('posts_pkey', ['id']),
      foreignKeys: [
        foreignKey(
          'posts_author_id_fkey',
          ['author_id'],
          { schema: 'public', table: 'users', columns: ['id'] },
          {
            onDelete: 'cascade',
          },
        ),
      ],
      indexes: [
        index('posts_author_id_idx', [on('author_id')]),
        index('posts_published_at_idx', [on('published_at', { order: 'desc' })], {
          where: 'published_at IS NOT NULL',
        }),
      ],
    }),
    table('public', 'users', {
      columns: [
        column('id', uuid, { notNull: true, default: 'gen_random_uuid()' }),
        column('email', text, { notNull: true, comment: 'Login name; unique, compared as written.' }),
        column('display_name', sqlType('character varying', [100])),
        column('created_at', timestamptz, { notNull: true, default: 'now()' }),
      ],
      primaryKey: primaryKey('users_pkey', ['id']),
      uniques: [unique('users_email_key', ['email'])],
      comment: 'People who can sign in.',
    }),
  ],
});

/** Documents: jsonb with a jsonb_path_ops GIN index, soft delete with partial indexes, full-text search. */
export const documents: SchemaModel = model({
  tables: [
    table('public', 'documents', {
      columns: [
        column('id', bigint, { notNull: true, identity: { kind: 'identity', always: true, sequence: {} } }),
        column('owner_id', uuid, { notNull: true }),
        column('title', text, { notNull: true }),
        column('body', text, { notNull: true, default: "''::text" }),
        column('data', sqlType('jsonb'), { notNull: true, default: "'{}'::jsonb" }),
        column('tags', sqlType('text', [], { arrayDims: 1 }), { notNull: true, default: "'{}'::text[]" }),
        column('search', sqlType('tsvector'), {
          generated: {
            kind: 'generated',
            expression: "to_tsvector('english'::regconfig, (title || ' '::text) || body)",
          },
        }),
        column('created_at', timestamptz, { notNull: true, default: 'now()' }),
        column('deleted_at', timestamptz, { comment: 'Soft delete: set instead of deleting the row.' }),
      ],
      primaryKey: primaryKey('documents_pkey', ['id']),
      checks: [check('documents_title_check', "btrim(title) <> ''::text")],
      indexes: [
        index('documents_data_idx', [on('data', { opclass: 'jsonb_path_ops' })], { method: 'gin' }),
        index('documents_owner_id_idx', [on('owner_id')], { where: 'deleted_at IS NULL' }),
        index('documents_owner_id_title_key', [on('owner_id'), onExpression('lower(title)')], {
          unique: true,
          where: 'deleted_at IS NULL',
          comment: 'One live document per title and owner, ignoring case.',
        }),
        index('documents_search_idx', [on('search')], { method: 'gin' }),
        index('documents_tags_idx', [on('tags')], { method: 'gin', with: { fastupdate: 'off' } }),
      ],
    }),
  ],
});

/** pgvector: HNSW and IVFFlat, half-precision and binary-quantised expression indexes, sparse vectors. */
export const embeddings: SchemaModel = model({
  extensions: [{ kind: 'extension', name: 'vector' }],
  tables: [
    table('public', 'chunks', {
      columns: [
        column('id', bigint, { notNull: true, serial: true }),
        column('document_id', bigint, { notNull: true }),
        column('position', integer, { notNull: true }),
        column('content', text, { notNull: true }),
        column('embedding', sqlType('vector', [1536]), { notNull: true }),
        column('sparse_embedding', sqlType('sparsevec', [30000])),
      ],
      primaryKey: primaryKey('chunks_pkey', ['id']),
      uniques: [unique('chunks_document_id_position_key', ['document_id', 'position'])],
      indexes: [
        index(
          'chunks_embedding_binary_idx',
          [onExpression('(binary_quantize(embedding))::bit(1536)', { opclass: 'bit_hamming_ops' })],
          {
            method: 'hnsw',
          },
        ),
        index(
          'chunks_embedding_halfvec_idx',
          [onExpression('(embedding)::halfvec(1536)', { opclass: 'halfvec_cosine_ops' })],
          {
            method: 'hnsw',
          },
        ),
        index('chunks_embedding_hnsw_idx', [on('embedding', { opclass: 'vector_cosine_ops' })], {
          method: 'hnsw',
          with: { m: '16', ef_construction: '64' },
          comment: 'Cosine distance, for ORDER BY embedding <=> $1 LIMIT k.',
        }),
        index('chunks_embedding_ivfflat_idx', [on('embedding', { opclass: 'vector_l2_ops' })], {
          method: 'ivfflat',
          with: { lists: '100' },
        }),
        index('chunks_sparse_embedding_idx', [on('sparse_embedding', { opclass: 'sparsevec_ip_ops' })], {
          method: 'hnsw',
        }),
      ],
    }),
    table('public', 'images', {
      columns: [
        column('id', uuid, { notNull: true, default: 'gen_random_uuid()' }),
        column('clip', sqlType('halfvec', [512]), { notNull: true }),
        column('phash', sqlType('bit', [64]), { notNull: true }),
      ],
      primaryKey: primaryKey('images_pkey', ['id']),
      indexes: [
        index('images_clip_idx', [on('clip', { opclass: 'halfvec_l2_ops' })], {
          method: 'hnsw',
          with: { m: '24', ef_construction: '100' },
        }),
        index('images_phash_idx', [on('phash', { opclass: 'bit_jaccard_ops' })], { method: 'hnsw' }),
      ],
    }),
  ],
});

const taskStatus: EnumModel = {
  kind: 'enum',
  schema: 'app',
  name: 'task_status',
  values: ['todo', 'in progress', 'done', "won't do"],
};
const ticketNumbers: SequenceModel = {
  kind: 'sequence',
  schema: 'app',
  name: 'ticket_number_seq',
  dataType: 'bigint',
  start: '1000',
  increment: '1',
  minValue: '1000',
  cache: '20',
};

/** A non-public schema with its own enum, a free-standing sequence and identity columns; a public table referencing it. */
export const tenancy: SchemaModel = model({
  schemas: ['app'],
  enums: [taskStatus],
  sequences: [ticketNumbers],
  tables: [
    table('app', 'projects', {
      columns: [
        column('id', integer, {
          notNull: true,
          identity: {
            kind: 'identity',
            always: false,
            sequence: {
              start: '100',
              increment: '10',
              minValue: '100',
              maxValue: '2147483647',
              cache: '1',
              cycle: false,
            },
          },
        }),
        column('name', text, { notNull: true }),
      ],
      primaryKey: primaryKey('projects_pkey', ['id']),
      uniques: [unique('projects_name_key', ['name'])],
    }),
    table('app', 'tasks', {
      columns: [
        column('id', bigint, {
          notNull: true,
          identity: { kind: 'identity', always: true, sequence: { start: '1' } },
        }),
        column('project_id', integer, { notNull: true }),
        column('ticket', bigint, { notNull: true, default: "nextval('app.ticket_number_seq'::regclass)" }),
        column('status', sqlType('task_status', [], { schema: 'app' }), {
          notNull: true,
          default: "'todo'::app.task_status",
        }),
        column('history', sqlType('task_status', [], { schema: 'app', arrayDims: 1 }), {
          notNull: true,
          default: "'{}'::app.task_status[]",
        }),
        column('title', text, { notNull: true }),
      ],
      primaryKey: primaryKey('tasks_pkey', ['id']),
      uniques: [unique('tasks_ticket_key', ['ticket'])],
      foreignKeys: [
        foreignKey(
          'tasks_project_id_fkey',
          ['project_id'],
          { schema: 'app', table: 'projects', columns: ['id'] },
          {
            onDelete: 'cascade',
          },
        ),
      ],
      indexes: [index('tasks_project_id_status_idx', [on('project_id'), on('status')])],
      comment: 'Work items; ticket numbers are shared by all projects.',
    }),
    table('public', 'audit_events', {
      columns: [
        column('id', bigint, { notNull: true, identity: { kind: 'identity', always: true, sequence: {} } }),
        column('task_id', bigint),
        column('happened_at', timestamptz, { notNull: true, default: 'now()' }),
      ],
      primaryKey: primaryKey('audit_events_pkey', ['id']),
      foreignKeys: [
        foreignKey(
          'audit_events_task_id_fkey',
          ['task_id'],
          { schema: 'app', table: 'tasks', columns: ['id'] },
          {
            onDelete: 'set null',
          },
        ),
      ],
    }),
  ],
});

/** Orders: numeric money, composite keys, checks, NULLS NOT DISTINCT, deferrable keys, covering indexes. */
export const commerce: SchemaModel = model({
  tables: [
    table('public', 'customers', {
      columns: [
        column('id', integer, { notNull: true, serial: true }),
        column('country', sqlType('character', [2]), { notNull: true }),
        column('email', sqlType('character varying', [254]), { notNull: true }),
        column('name', text, { notNull: true, collation: 'C' }),
      ],
      primaryKey: primaryKey('customers_pkey', ['id']),
      uniques: [unique('customers_email_key', ['email'])],
      checks: [check('customers_country_check', 'country = upper(country)')],
    }),
    table('public', 'order_lines', {
      columns: [
        column('order_id', integer, { notNull: true }),
        column('line_no', sqlType('smallint'), { notNull: true }),
        column('sku', sqlType('character varying', [50]), { notNull: true }),
        column('quantity', integer, { notNull: true }),
        column('unit_price', sqlType('numeric', [10, 2]), { notNull: true }),
      ],
      primaryKey: primaryKey('order_lines_pkey', ['order_id', 'line_no']),
      uniques: [unique('order_lines_order_id_sku_key', ['order_id', 'sku'], { deferrable: true })],
      checks: [check('order_lines_quantity_check', 'quantity > 0')],
      foreignKeys: [
        foreignKey(
          'order_lines_order_id_fkey',
          ['order_id'],
          { schema: 'public', table: 'orders', columns: ['id'] },
          {
            onDelete: 'cascade',
            deferrable: true,
            initiallyDeferred: true,
          },
        ),
        foreignKey(
          'order_lines_sku_fkey',
          ['sku'],
          { schema: 'public', table: 'products', columns: ['sku'] },
          {
            onUpdate: 'cascade',
          },
        ),
      ],
      indexes: [index('order_lines_sku_idx', [on('sku')])],
    }),
    table('public', 'orders', {
      columns: [
        column('id', integer, { notNull: true, serial: true }),
        column('customer_id', integer, { notNull: true }),
        column('invoice_number', sqlType('character varying', [20])),
        column('status', text, { notNull: true, default: "'new'::text" }),
        column('total', sqlType('numeric', [10, 2]), { notNull: true, default: '0' }),
        column('placed_at', sqlType('timestamp with time zone', [3]), { notNull: true, default: 'now()' }),
      ],
      primaryKey: primaryKey('orders_pkey', ['id']),
      uniques: [
        unique('orders_customer_id_invoice_number_key', ['customer_id', 'invoice_number'], {
          nullsNotDistinct: true,
        }),
      ],
      checks: [check('orders_total_check', 'total >= (0)::numeric', true)],
      foreignKeys: [
        foreignKey(
          'orders_customer_id_fkey',
          ['customer_id'],
          { schema: 'public', table: 'customers', columns: ['id'] },
          {
            onDelete: 'restrict',
          },
        ),
      ],
      indexes: [
        index(
          'orders_customer_id_placed_at_idx',
          [on('customer_id'), on('placed_at', { order: 'desc', nulls: 'last' })],
          {
            include: ['status', 'total'],
          },
        ),
      ],
    }),
    table('public', 'products', {
      columns: [
        column('sku', sqlType('character varying', [50]), { notNull: true }),
        column('name', text, { notNull: true }),
        column('price', sqlType('numeric', [10, 2]), { notNull: true }),
      ],
      primaryKey: primaryKey('products_pkey', ['sku']),
      checks: [check('products_price_check', 'price >= (0)::numeric')],
      indexes: [
        index('products_name_idx', [on('name', { collation: 'C', opclass: 'text_pattern_ops' })], {
          with: { fillfactor: '90' },
        }),
      ],
    }),
  ],
});

/** One column of most built-in types, with precision modifiers, arrays and the three serial sizes. */
export const columnTypes: SchemaModel = model({
  tables: [
    table('public', 'samples', {
      columns: [
        column('id', sqlType('smallint'), { notNull: true, serial: true }),
        column('counter', bigint, { notNull: true, serial: true }),
        column('flag', sqlType('boolean'), { notNull: true, default: 'false' }),
        column('tiny', sqlType('smallint')),
        column('ratio', sqlType('real')),
        column('score', sqlType('double precision')),
        column('amount', sqlType('numeric', [12, 4])),
        column('exact', sqlType('numeric')),
        column('code', sqlType('character', [2])),
        column('label', sqlType('character varying', [50])),
        column('unbounded', sqlType('character varying')),
        column('letter', sqlType('"char"')),
        column('raw', sqlType('bytea')),
        column('day', sqlType('date')),
        column('starts_at', sqlType('time without time zone')),
        column('starts_at_tz', sqlType('time with time zone', [3])),
        column('seen_at', sqlType('timestamp without time zone', [0])),
        column('seen_at_tz', sqlType('timestamp with time zone', [6])),
        column('span', sqlType('interval')),
        column('span_ms', sqlType('interval', [3])),
        column('flags', sqlType('bit', [8])),
        column('varflags', sqlType('bit varying', [16])),
        column('numbers', sqlType('integer', [], { arrayDims: 1 }), {
          notNull: true,
          default: "'{}'::integer[]",
        }),
        column('prices', sqlType('numeric', [10, 2], { arrayDims: 1 })),
        column('moments', sqlType('timestamp with time zone', [3], { arrayDims: 1 })),
        column('document', sqlType('json')),
        column('meta', sqlType('jsonb')),
        column('token', uuid),
        column('address', sqlType('inet')),
        column('during', sqlType('tstzrange')),
      ],
      primaryKey: primaryKey('samples_pkey', ['id']),
    }),
  ],
});

/** References in every shape: a self-reference, a two-table cycle, MATCH FULL; names that need quotes. */
export const graph: SchemaModel = model({
  tables: [
    table('public', 'Order', {
      columns: [
        column('id', bigint, { notNull: true, identity: { kind: 'identity', always: false, sequence: {} } }),
        column('user', uuid, { notNull: true }),
        column('placed at', timestamptz),
      ],
      primaryKey: primaryKey('Order_pkey', ['id']),
      foreignKeys: [
        foreignKey('Order_user_fkey', ['user'], { schema: 'public', table: 'user', columns: ['id'] }),
      ],
      indexes: [index('Order_placed at_idx', [on('placed at', { order: 'desc' })])],
    }),
    table('public', 'departments', {
      columns: [
        column('id', integer, { notNull: true, identity: { kind: 'identity', always: true, sequence: {} } }),
        column('name', text, { notNull: true }),
        column('head_id', integer),
      ],
      primaryKey: primaryKey('departments_pkey', ['id']),
      foreignKeys: [
        foreignKey(
          'departments_head_id_fkey',
          ['head_id'],
          { schema: 'public', table: 'employees', columns: ['id'] },
          {
            onDelete: 'set null',
            deferrable: true,
            initiallyDeferred: true,
          },
        ),
      ],
    }),
    table('public', 'employees', {
      columns: [
        column('id', integer, { notNull: true, identity: { kind: 'identity', always: true, sequence: {} } }),
        column('department_id', integer, { notNull: true }),
        column('manager_id', integer),
        column('name', text, { notNull: true }),
      ],
      primaryKey: primaryKey('employees_pkey', ['id']),
      checks: [check('employees_manager_id_check', 'manager_id <> id')],
      foreignKeys: [
        foreignKey(
          'employees_department_id_fkey',
          ['department_id'],
          { schema: 'public', table: 'departments', columns: ['id'] },
          {
            match: 'full',
            onDelete: 'restrict',
            onUpdate: 'cascade',
          },
        ),
        foreignKey(
          'employees_manager_id_fkey',
          ['manager_id'],
          { schema: 'public', table: 'employees', columns: ['id'] },
          {
            onDelete: 'set null',
          },
        ),
      ],
      indexes: [index('employees_manager_id_idx', [on('manager_id')])],
    }),
    table('public', 'user', {
      columns: [
        column('id', uuid, { notNull: true, default: 'gen_random_uuid()' }),
        column('select', sqlType('boolean'), { notNull: true, default: 'true' }),
        column('a"b', text, { comment: 'Named a"b on purpose.' }),
        column('Group', text),
      ],
      primaryKey: primaryKey('user_pkey', ['id']),
      uniques: [unique('user_Group_key', ['Group'])],
      comment: 'Quoting: it\'s "user", a reserved word; C:\\ keeps its backslash.',
    }),
  ],
});

/** Every fixture by the name of its golden file (test/golden/ddl/<name>.sql). */
export const MODEL_FIXTURES: Readonly<Record<string, SchemaModel>> = {
  blog,
  documents,
  embeddings,
  tenancy,
  commerce,
  column_types: columnTypes,
  graph,
};
