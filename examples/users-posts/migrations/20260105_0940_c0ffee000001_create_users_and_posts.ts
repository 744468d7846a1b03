import { defineMigration } from '../../../src/migrate/index.js';

/**
 * create users and posts
 *
 * Revision: c0ffee000001
 * Parents: (none: a base revision)
 * Created: 2026-01-05T09:40:00.000Z
 */
export default defineMigration({
  revision: 'c0ffee000001',
  parents: [],
  message: 'create users and posts',
  up(op) {
    op.createTable({
      kind: 'table',
      schema: 'public',
      name: 'users',
      columns: [
        {
          kind: 'column',
          name: 'id',
          type: { kind: 'sqlType', name: 'uuid', modifiers: [], arrayDims: 0 },
          notNull: true,
          default: 'gen_random_uuid()',
        },
        {
          kind: 'column',
          name: 'email',
          type: { kind: 'sqlType', name: 'character varying', modifiers: [320], arrayDims: 0 },
          notNull: true,
        },
        {
          kind: 'column',
          name: 'name',
          type: { kind: 'sqlType', name: 'text', modifiers: [], arrayDims: 0 },
          notNull: true,
        },
        {
          kind: 'column',
          name: 'created_at',
          type: { kind: 'sqlType', name: 'timestamp with time zone', modifiers: [], arrayDims: 0 },
          notNull: true,
          default: 'now()',
        },
        {
          kind: 'column',
          name: 'updated_at',
          type: { kind: 'sqlType', name: 'timestamp with time zone', modifiers: [], arrayDims: 0 },
          notNull: true,
          default: 'now()',
        },
      ],
      primaryKey: { kind: 'primaryKey', name: 'users_pkey', columns: ['id'] },
      uniques: [
        {
          kind: 'unique',
          name: 'users_email_key',
          columns: ['email'],
          nullsNotDistinct: false,
          deferrable: false,
          initiallyDeferred: false,
        },
      ],
      checks: [],
      foreignKeys: [],
      indexes: [],
    });
    op.createTable({
      kind: 'table',
      schema: 'public',
      name: 'posts',
      columns: [
        {
          kind: 'column',
          name: 'id',
          type: { kind: 'sqlType', name: 'uuid', modifiers: [], arrayDims: 0 },
          notNull: true,
          default: 'gen_random_uuid()',
        },
        {
          kind: 'column',
          name: 'author_id',
          type: { kind: 'sqlType', name: 'uuid', modifiers: [], arrayDims: 0 },
          notNull: true,
        },
        {
          kind: 'column',
          name: 'title',
          type: { kind: 'sqlType', name: 'character varying', modifiers: [300], arrayDims: 0 },
          notNull: true,
        },
        {
          kind: 'column',
          name: 'body',
          type: { kind: 'sqlType', name: 'text', modifiers: [], arrayDims: 0 },
          notNull: true,
        },
        {
          kind: 'column',
          name: 'published',
          type: { kind: 'sqlType', name: 'boolean', modifiers: [], arrayDims: 0 },
          notNull: true,
          default: 'false',
        },
        {
          kind: 'column',
          name: 'created_at',
          type: { kind: 'sqlType', name: 'timestamp with time zone', modifiers: [], arrayDims: 0 },
          notNull: true,
          default: 'now()',
        },
        {
          kind: 'column',
          name: 'updated_at',
          type: { kind: 'sqlType', name: 'timestamp with time zone', modifiers: [], arrayDims: 0 },
          notNull: true,
          default: 'now()',
        },
      ],
      primaryKey: { kind: 'primaryKey', name: 'posts_pkey', columns: ['id'] },
      uniques: [],
      checks: [],
      foreignKeys: [],
      indexes: [
        {
          kind: 'index',
          name: 'posts_author_created_idx',
          method: 'btree',
          unique: false,
          nullsNotDistinct: false,
          elements: [
            { kind: 'indexColumn', column: 'author_id' },
            { kind: 'indexColumn', column: 'created_at', order: 'desc' },
          ],
          include: [],
          with: {},
        },
      ],
    });
    op.addConstraint('posts', {
      kind: 'foreignKey',
      name: 'posts_author_id_fkey',
      columns: ['author_id'],
      references: { schema: 'public', table: 'users', columns: ['id'] },
      onDelete: 'cascade',
      onUpdate: 'no action',
      match: 'simple',
      deferrable: false,
      initiallyDeferred: false,
      notValid: false,
    });
  },
  down(op) {
    op.dropConstraint('posts', 'posts_author_id_fkey', {
      kind: 'foreignKey',
      name: 'posts_author_id_fkey',
      columns: ['author_id'],
      references: { schema: 'public', table: 'users', columns: ['id'] },
      onDelete: 'cascade',
      onUpdate: 'no action',
      match: 'simple',
      deferrable: false,
      initiallyDeferred: false,
      notValid: false,
    });
    // DESTRUCTIVE: drops table posts with all its rows; the downgrade recreates it empty
    op.dropTable('posts', {
      kind: 'table',
      schema: 'public',
      name: 'posts',
      columns: [
        {
          kind: 'column',
          name: 'id',
          type: { kind: 'sqlType', name: 'uuid', modifiers: [], arrayDims: 0 },
          notNull: true,
          default: 'gen_random_uuid()',
        },
        {
          kind: 'column',
          name: 'author_id',
          type: { kind: 'sqlType', name: 'uuid', modifiers: [], arrayDims: 0 },
          notNull: true,
        },
        {
          kind: 'column',
          name: 'title',
          type: { kind: 'sqlType', name: 'character varying', modifiers: [300], arrayDims: 0 },
          notNull: true,
        },
        {
          kind: 'column',
          name: 'body',
          type: { kind: 'sqlType', name: 'text', modifiers: [], arrayDims: 0 },
          notNull: true,
        },
        {
          kind: 'column',
          name: 'published',
          type: { kind: 'sqlType', name: 'boolean', modifiers: [], arrayDims: 0 },
          notNull: true,
          default: 'false',
        },
        {
          kind: 'column',
          name: 'created_at',
          type: { kind: 'sqlType', name: 'timestamp with time zone', modifiers: [], arrayDims: 0 },
          notNull: true,
          default: 'now()',
        },
        {
          kind: 'column',
          name: 'updated_at',
          type: { kind: 'sqlType', name: 'timestamp with time zone', modifiers: [], arrayDims: 0 },
          notNull: true,
          default: 'now()',
        },
      ],
      primaryKey: { kind: 'primaryKey', name: 'posts_pkey', columns: ['id'] },
      uniques: [],
      checks: [],
      foreignKeys: [],
      indexes: [
        {
          kind: 'index',
          name: 'posts_author_created_idx',
          method: 'btree',
          unique: false,
          nullsNotDistinct: false,
          elements: [
            { kind: 'indexColumn', column: 'author_id' },
            { kind: 'indexColumn', column: 'created_at', order: 'desc' },
          ],
          include: [],
          with: {},
        },
      ],
    });
    // DESTRUCTIVE: drops table users with all its rows; the downgrade recreates it empty
    op.dropTable('users', {
      kind: 'table',
      schema: 'public',
      name: 'users',
      columns: [
        {
          kind: 'column',
          name: 'id',
          type: { kind: 'sqlType', name: 'uuid', modifiers: [], arrayDims: 0 },
          notNull: true,
          default: 'gen_random_uuid()',
        },
        {
          kind: 'column',
          name: 'email',
          type: { kind: 'sqlType', name: 'character varying', modifiers: [320], arrayDims: 0 },
          notNull: true,
        },
        {
          kind: 'column',
          name: 'name',
          type: { kind: 'sqlType', name: 'text', modifiers: [], arrayDims: 0 },
          notNull: true,
        },
        {
          kind: 'column',
          name: 'created_at',
          type: { kind: 'sqlType', name: 'timestamp with time zone', modifiers: [], arrayDims: 0 },
          notNull: true,
          default: 'now()',
        },
        {
          kind: 'column',
          name: 'updated_at',
          type: { kind: 'sqlType', name: 'timestamp with time zone', modifiers: [], arrayDims: 0 },
          notNull: true,
          default: 'now()',
        },
      ],
      primaryKey: { kind: 'primaryKey', name: 'users_pkey', columns: ['id'] },
      uniques: [
        {
          kind: 'unique',
          name: 'users_email_key',
          columns: ['email'],
          nullsNotDistinct: false,
          deferrable: false,
          initiallyDeferred: false,
        },
      ],
      checks: [],
      foreignKeys: [],
      indexes: [],
    });
  },
});
