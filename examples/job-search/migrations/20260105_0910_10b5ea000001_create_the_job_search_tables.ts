import { defineMigration } from '../../../src/migrate/index.js';

/**
 * create the job search tables
 *
 * Revision: 10b5ea000001
 * Parents: (none: a base revision)
 * Created: 2026-01-05T09:10:00.000Z
 */
export default defineMigration({
  revision: '10b5ea000001',
  parents: [],
  message: 'create the job search tables',
  up(op) {
    op.createExtension('vector');
    op.createTable({
      kind: 'table',
      schema: 'public',
      name: 'job_postings',
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
          name: 'company',
          type: { kind: 'sqlType', name: 'character varying', modifiers: [200], arrayDims: 0 },
          notNull: true,
        },
        {
          kind: 'column',
          name: 'title',
          type: { kind: 'sqlType', name: 'character varying', modifiers: [200], arrayDims: 0 },
          notNull: true,
        },
        {
          kind: 'column',
          name: 'description',
          type: { kind: 'sqlType', name: 'text', modifiers: [], arrayDims: 0 },
          notNull: true,
        },
        {
          kind: 'column',
          name: 'location',
          type: { kind: 'sqlType', name: 'text', modifiers: [], arrayDims: 0 },
          notNull: false,
        },
        {
          kind: 'column',
          name: 'salary_min',
          type: { kind: 'sqlType', name: 'numeric', modifiers: [12, 2], arrayDims: 0 },
          notNull: false,
        },
        {
          kind: 'column',
          name: 'salary_max',
          type: { kind: 'sqlType', name: 'numeric', modifiers: [12, 2], arrayDims: 0 },
          notNull: false,
        },
        {
          kind: 'column',
          name: 'culture_embedding',
          type: { kind: 'sqlType', name: 'vector', modifiers: [1536], arrayDims: 0 },
          notNull: false,
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
      primaryKey: { kind: 'primaryKey', name: 'job_postings_pkey', columns: ['id'] },
      uniques: [],
      checks: [],
      foreignKeys: [],
      indexes: [
        {
          kind: 'index',
          name: 'job_postings_company_idx',
          method: 'btree',
          unique: false,
          nullsNotDistinct: false,
          elements: [{ kind: 'indexColumn', column: 'company' }],
          include: [],
          with: {},
        },
        {
          kind: 'index',
          name: 'job_postings_culture_idx',
          method: 'hnsw',
          unique: false,
          nullsNotDistinct: false,
          elements: [{ kind: 'indexColumn', column: 'culture_embedding', opclass: 'vector_cosine_ops' }],
          include: [],
          with: { m: '16', ef_construction: '64' },
        },
      ],
    });
    op.createTable({
      kind: 'table',
      schema: 'public',
      name: 'personas',
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
          name: 'name',
          type: { kind: 'sqlType', name: 'character varying', modifiers: [200], arrayDims: 0 },
          notNull: true,
        },
        {
          kind: 'column',
          name: 'headline',
          type: { kind: 'sqlType', name: 'text', modifiers: [], arrayDims: 0 },
          notNull: false,
        },
        {
          kind: 'column',
          name: 'skills',
          type: { kind: 'sqlType', name: 'jsonb', modifiers: [], arrayDims: 0 },
          notNull: true,
          default: '\'{"skills": []}\'',
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
      primaryKey: { kind: 'primaryKey', name: 'personas_pkey', columns: ['id'] },
      uniques: [],
      checks: [],
      foreignKeys: [],
      indexes: [
        {
          kind: 'index',
          name: 'personas_skills_idx',
          method: 'gin',
          unique: false,
          nullsNotDistinct: false,
          elements: [{ kind: 'indexColumn', column: 'skills', opclass: 'jsonb_path_ops' }],
          include: [],
          with: {},
        },
      ],
    });
    op.createTable({
      kind: 'table',
      schema: 'public',
      name: 'resume_versions',
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
          name: 'persona_id',
          type: { kind: 'sqlType', name: 'uuid', modifiers: [], arrayDims: 0 },
          notNull: true,
        },
        {
          kind: 'column',
          name: 'version',
          type: { kind: 'sqlType', name: 'integer', modifiers: [], arrayDims: 0 },
          notNull: true,
        },
        {
          kind: 'column',
          name: 'file_name',
          type: { kind: 'sqlType', name: 'text', modifiers: [], arrayDims: 0 },
          notNull: true,
        },
        {
          kind: 'column',
          name: 'content_type',
          type: { kind: 'sqlType', name: 'text', modifiers: [], arrayDims: 0 },
          notNull: true,
          default: "'application/pdf'",
        },
        {
          kind: 'column',
          name: 'pdf',
          type: { kind: 'sqlType', name: 'bytea', modifiers: [], arrayDims: 0 },
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
      primaryKey: { kind: 'primaryKey', name: 'resume_versions_pkey', columns: ['id'] },
      uniques: [],
      checks: [],
      foreignKeys: [],
      indexes: [
        {
          kind: 'index',
          name: 'resume_versions_persona_version_idx',
          method: 'btree',
          unique: true,
          nullsNotDistinct: false,
          elements: [
            { kind: 'indexColumn', column: 'persona_id' },
            { kind: 'indexColumn', column: 'version' },
          ],
          include: [],
          with: {},
        },
      ],
    });
    op.addConstraint('resume_versions', {
      kind: 'foreignKey',
      name: 'resume_versions_persona_id_fkey',
      columns: ['persona_id'],
      references: { schema: 'public', table: 'personas', columns: ['id'] },
      onDelete: 'cascade',
      onUpdate: 'no action',
      match: 'simple',
      deferrable: false,
      initiallyDeferred: false,
      notValid: false,
    });
  },
  down(op) {
    op.dropConstraint('resume_versions', 'resume_versions_persona_id_fkey', {
      kind: 'foreignKey',
      name: 'resume_versions_persona_id_fkey',
      columns: ['persona_id'],
      references: { schema: 'public', table: 'personas', columns: ['id'] },
      onDelete: 'cascade',
      onUpdate: 'no action',
      match: 'simple',
      deferrable: false,
      initiallyDeferred: false,
      notValid: false,
    });
    // DESTRUCTIVE: drops table resume_versions with all its rows; the downgrade recreates it empty
    op.dropTable('resume_versions', {
      kind: 'table',
      schema: 'public',
      name: 'resume_versions',
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
          name: 'persona_id',
          type: { kind: 'sqlType', name: 'uuid', modifiers: [], arrayDims: 0 },
          notNull: true,
        },
        {
          kind: 'column',
          name: 'version',
          type: { kind: 'sqlType', name: 'integer', modifiers: [], arrayDims: 0 },
          notNull: true,
        },
        {
          kind: 'column',
          name: 'file_name',
          type: { kind: 'sqlType', name: 'text', modifiers: [], arrayDims: 0 },
          notNull: true,
        },
        {
          kind: 'column',
          name: 'content_type',
          type: { kind: 'sqlType', name: 'text', modifiers: [], arrayDims: 0 },
          notNull: true,
          default: "'application/pdf'",
        },
        {
          kind: 'column',
          name: 'pdf',
          type: { kind: 'sqlType', name: 'bytea', modifiers: [], arrayDims: 0 },
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
      primaryKey: { kind: 'primaryKey', name: 'resume_versions_pkey', columns: ['id'] },
      uniques: [],
      checks: [],
      foreignKeys: [],
      indexes: [
        {
          kind: 'index',
          name: 'resume_versions_persona_version_idx',
          method: 'btree',
          unique: true,
          nullsNotDistinct: false,
          elements: [
            { kind: 'indexColumn', column: 'persona_id' },
            { kind: 'indexColumn', column: 'version' },
          ],
          include: [],
          with: {},
        },
      ],
    });
    // DESTRUCTIVE: drops table personas with all its rows; the downgrade recreates it empty
    op.dropTable('personas', {
      kind: 'table',
      schema: 'public',
      name: 'personas',
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
          name: 'name',
          type: { kind: 'sqlType', name: 'character varying', modifiers: [200], arrayDims: 0 },
          notNull: true,
        },
        {
          kind: 'column',
          name: 'headline',
          type: { kind: 'sqlType', name: 'text', modifiers: [], arrayDims: 0 },
          notNull: false,
        },
        {
          kind: 'column',
          name: 'skills',
          type: { kind: 'sqlType', name: 'jsonb', modifiers: [], arrayDims: 0 },
          notNull: true,
          default: '\'{"skills": []}\'',
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
      primaryKey: { kind: 'primaryKey', name: 'personas_pkey', columns: ['id'] },
      uniques: [],
      checks: [],
      foreignKeys: [],
      indexes: [
        {
          kind: 'index',
          name: 'personas_skills_idx',
          method: 'gin',
          unique: false,
          nullsNotDistinct: false,
          elements: [{ kind: 'indexColumn', column: 'skills', opclass: 'jsonb_path_ops' }],
          include: [],
          with: {},
        },
      ],
    });
    // DESTRUCTIVE: drops table job_postings with all its rows; the downgrade recreates it empty
    op.dropTable('job_postings', {
      kind: 'table',
      schema: 'public',
      name: 'job_postings',
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
          name: 'company',
          type: { kind: 'sqlType', name: 'character varying', modifiers: [200], arrayDims: 0 },
          notNull: true,
        },
        {
          kind: 'column',
          name: 'title',
          type: { kind: 'sqlType', name: 'character varying', modifiers: [200], arrayDims: 0 },
          notNull: true,
        },
        {
          kind: 'column',
          name: 'description',
          type: { kind: 'sqlType', name: 'text', modifiers: [], arrayDims: 0 },
          notNull: true,
        },
        {
          kind: 'column',
          name: 'location',
          type: { kind: 'sqlType', name: 'text', modifiers: [], arrayDims: 0 },
          notNull: false,
        },
        {
          kind: 'column',
          name: 'salary_min',
          type: { kind: 'sqlType', name: 'numeric', modifiers: [12, 2], arrayDims: 0 },
          notNull: false,
        },
        {
          kind: 'column',
          name: 'salary_max',
          type: { kind: 'sqlType', name: 'numeric', modifiers: [12, 2], arrayDims: 0 },
          notNull: false,
        },
        {
          kind: 'column',
          name: 'culture_embedding',
          type: { kind: 'sqlType', name: 'vector', modifiers: [1536], arrayDims: 0 },
          notNull: false,
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
      primaryKey: { kind: 'primaryKey', name: 'job_postings_pkey', columns: ['id'] },
      uniques: [],
      checks: [],
      foreignKeys: [],
      indexes: [
        {
          kind: 'index',
          name: 'job_postings_company_idx',
          method: 'btree',
          unique: false,
          nullsNotDistinct: false,
          elements: [{ kind: 'indexColumn', column: 'company' }],
          include: [],
          with: {},
        },
        {
          kind: 'index',
          name: 'job_postings_culture_idx',
          method: 'hnsw',
          unique: false,
          nullsNotDistinct: false,
          elements: [{ kind: 'indexColumn', column: 'culture_embedding', opclass: 'vector_cosine_ops' }],
          include: [],
          with: { m: '16', ef_construction: '64' },
        },
      ],
    });
    op.dropExtension('vector');
  },
});
