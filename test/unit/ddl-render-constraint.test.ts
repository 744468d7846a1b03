import { describe, expect, it } from 'vitest';
import {
  renderAddConstraint,
  renderConstraintBody,
  renderConstraintClause,
  renderDropConstraint,
  renderValidateConstraint,
} from '../../src/ddl/index.js';
import { isStrataError } from '../../src/errors/strata-error.js';
import type { ForeignKeyAction, ForeignKeyModel, UniqueModel } from '../../src/model/index.js';

function unique(extra: Partial<UniqueModel> = {}): UniqueModel {
  return {
    kind: 'unique',
    name: 'users_email_key',
    columns: ['email'],
    nullsNotDistinct: false,
    deferrable: false,
    initiallyDeferred: false,
    ...extra,
  };
}

function foreignKey(extra: Partial<ForeignKeyModel> = {}): ForeignKeyModel {
  return {
    kind: 'foreignKey',
    name: 'posts_author_id_fkey',
    columns: ['author_id'],
    references: { schema: 'public', table: 'users', columns: ['id'] },
    onDelete: 'no action',
    onUpdate: 'no action',
    match: 'simple',
    deferrable: false,
    initiallyDeferred: false,
    notValid: false,
    ...extra,
  };
}

function schemaError(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (isStrataError(error, 'SCHEMA_INVALID')) return error.message;
    throw error;
  }
  throw new Error('expected a SCHEMA_INVALID error');
}

describe('renderConstraintBody', () => {
  it('renders primary keys, quoting their columns', () => {
    expect(renderConstraintBody({ kind: 'primaryKey', name: 'pk', columns: ['order_id', 'Line'] })).toBe(
      'PRIMARY KEY (order_id, "Line")',
    );
  });

  it('renders UNIQUE with NULLS NOT DISTINCT before the columns and deferrability after', () => {
    expect(renderConstraintBody(unique())).toBe('UNIQUE (email)');
    expect(renderConstraintBody(unique({ nullsNotDistinct: true }))).toBe(
      'UNIQUE NULLS NOT DISTINCT (email)',
    );
    expect(renderConstraintBody(unique({ deferrable: true }))).toBe('UNIQUE (email) DEFERRABLE');
    expect(renderConstraintBody(unique({ deferrable: true, initiallyDeferred: true }))).toBe(
      'UNIQUE (email) DEFERRABLE INITIALLY DEFERRED',
    );
  });

  it('renders CHECK with its expression in parentheses, and NOT VALID when asked', () => {
    expect(
      renderConstraintBody({ kind: 'check', name: 'c', expression: 'price >= 0', notValid: false }),
    ).toBe('CHECK (price >= 0)');
    expect(renderConstraintBody({ kind: 'check', name: 'c', expression: 'price >= 0', notValid: true })).toBe(
      'CHECK (price >= 0) NOT VALID',
    );
  });

  it('renders a foreign key without the defaults NO ACTION and MATCH SIMPLE', () => {
    expect(renderConstraintBody(foreignKey())).toBe('FOREIGN KEY (author_id) REFERENCES users (id)');
  });

  it.each<[ForeignKeyAction, string]>([
    ['restrict', ' ON DELETE RESTRICT'],
    ['cascade', ' ON DELETE CASCADE'],
    ['set null', ' ON DELETE SET NULL'],
    ['set default', ' ON DELETE SET DEFAULT'],
    ['no action', ''],
  ])('renders onDelete %s', (action, clause) => {
    expect(renderConstraintBody(foreignKey({ onDelete: action }))).toBe(
      `FOREIGN KEY (author_id) REFERENCES users (id)${clause}`,
    );
  });

  it('renders every foreign key clause in PostgreSQL order, referencing other schemas qualified', () => {
    const fk = foreignKey({
      columns: ['tenant_id', 'user'],
      references: { schema: 'auth', table: 'Accounts', columns: ['tenant_id', 'id'] },
      match: 'full',
      onDelete: 'cascade',
      onUpdate: 'set null',
      deferrable: true,
      initiallyDeferred: true,
      notValid: true,
    });
    expect(renderConstraintBody(fk)).toBe(
      'FOREIGN KEY (tenant_id, "user") REFERENCES auth."Accounts" (tenant_id, id) MATCH FULL ON DELETE CASCADE ' +
        'ON UPDATE SET NULL DEFERRABLE INITIALLY DEFERRED NOT VALID',
    );
  });

  it('refuses constraints without columns, naming them', () => {
    expect(schemaError(() => renderConstraintBody({ kind: 'primaryKey', name: 'pk', columns: [] }))).toMatch(
      /Constraint pk has no columns/,
    );
    expect(schemaError(() => renderConstraintBody(unique({ columns: [] })))).toMatch(
      /users_email_key has no columns/,
    );
  });

  it('refuses a foreign key whose column lists differ in length', () => {
    const fk = foreignKey({ references: { schema: 'public', table: 'users', columns: ['id', 'tenant_id'] } });
    expect(schemaError(() => renderConstraintBody(fk))).toMatch(/has 1 column\(s\) but references 2/);
  });

  it('refuses INITIALLY DEFERRED without DEFERRABLE', () => {
    expect(schemaError(() => renderConstraintBody(foreignKey({ initiallyDeferred: true })))).toMatch(
      /make it deferrable/,
    );
    expect(schemaError(() => renderConstraintBody(unique({ initiallyDeferred: true })))).toMatch(
      /make it deferrable/,
    );
  });

  it('refuses an empty check expression', () => {
    expect(
      schemaError(() =>
        renderConstraintBody({ kind: 'check', name: 'c', expression: '  ', notValid: false }),
      ),
    ).toMatch(/empty expression/);
  });
});

describe('constraint clauses and statements', () => {
  const posts = { schema: 'public', name: 'posts' };

  it('prefixes the body with CONSTRAINT and the quoted name', () => {
    expect(renderConstraintClause({ kind: 'primaryKey', name: 'Order_pkey', columns: ['id'] })).toBe(
      'CONSTRAINT "Order_pkey" PRIMARY KEY (id)',
    );
  });

  it('adds a constraint with ALTER TABLE', () => {
    expect(renderAddConstraint(posts, foreignKey({ onDelete: 'cascade' }))).toBe(
      'ALTER TABLE posts ADD CONSTRAINT posts_author_id_fkey FOREIGN KEY (author_id) REFERENCES users (id) ON DELETE CASCADE;',
    );
    expect(
      renderAddConstraint(
        { schema: 'app', name: 'tasks' },
        unique({ name: 'tasks_key', columns: ['ticket'] }),
      ),
    ).toBe('ALTER TABLE app.tasks ADD CONSTRAINT tasks_key UNIQUE (ticket);');
  });

  it('drops a constraint, with IF EXISTS and CASCADE on request', () => {
    expect(renderDropConstraint(posts, 'posts_author_id_fkey')).toBe(
      'ALTER TABLE posts DROP CONSTRAINT posts_author_id_fkey;',
    );
    expect(
      renderDropConstraint({ schema: 'app', name: 'user' }, 'Key', { ifExists: true, cascade: true }),
    ).toBe('ALTER TABLE app."user" DROP CONSTRAINT IF EXISTS "Key" CASCADE;');
  });

  it('validates a NOT VALID constraint', () => {
    expect(renderValidateConstraint(posts, 'posts_author_id_fkey')).toBe(
      'ALTER TABLE posts VALIDATE CONSTRAINT posts_author_id_fkey;',
    );
  });
});
