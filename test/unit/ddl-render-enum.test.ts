import { describe, expect, it } from 'vitest';
import {
  renderAddEnumValue,
  renderCreateEnum,
  renderDropEnum,
  renderRenameEnumValue,
} from '../../src/ddl/index.js';

const status = { schema: 'app', name: 'task_status' };

describe('enum statements', () => {
  it('creates an enum with its labels as literals, in order', () => {
    expect(renderCreateEnum({ kind: 'enum', ...status, values: ['todo', 'in progress', "won't do"] })).toBe(
      "CREATE TYPE app.task_status AS ENUM ('todo', 'in progress', 'won''t do');",
    );
    expect(renderCreateEnum({ kind: 'enum', schema: 'public', name: 'Mood', values: [] })).toBe(
      'CREATE TYPE "Mood" AS ENUM ();',
    );
  });

  it('drops an enum, with IF EXISTS and CASCADE on request', () => {
    expect(renderDropEnum(status)).toBe('DROP TYPE app.task_status;');
    expect(renderDropEnum(status, { ifExists: true, cascade: true })).toBe(
      'DROP TYPE IF EXISTS app.task_status CASCADE;',
    );
  });

  it('adds a value at the end, before or after another one', () => {
    expect(renderAddEnumValue(status, 'blocked')).toBe("ALTER TYPE app.task_status ADD VALUE 'blocked';");
    expect(renderAddEnumValue(status, 'blocked', { before: 'done' })).toBe(
      "ALTER TYPE app.task_status ADD VALUE 'blocked' BEFORE 'done';",
    );
    expect(renderAddEnumValue(status, 'blocked', { after: 'todo' }, { ifNotExists: true })).toBe(
      "ALTER TYPE app.task_status ADD VALUE IF NOT EXISTS 'blocked' AFTER 'todo';",
    );
  });

  it('renames a value', () => {
    expect(renderRenameEnumValue(status, "won't do", 'dropped')).toBe(
      "ALTER TYPE app.task_status RENAME VALUE 'won''t do' TO 'dropped';",
    );
  });
});
