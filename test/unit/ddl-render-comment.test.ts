import { describe, expect, it } from 'vitest';
import { renderComment } from '../../src/ddl/index.js';
import type { TableModel } from '../../src/model/index.js';

describe('renderComment', () => {
  it('comments on a table, a column and an index, qualified outside public', () => {
    expect(renderComment({ kind: 'table', schema: 'app', name: 'tasks' }, 'Work items.')).toBe(
      "COMMENT ON TABLE app.tasks IS 'Work items.';",
    );
    expect(renderComment({ kind: 'column', schema: 'public', table: 'user', column: 'a"b' }, "it's")).toBe(
      `COMMENT ON COLUMN "user"."a""b" IS 'it''s';`,
    );
    expect(renderComment({ kind: 'index', schema: 'app', name: 'tasks_idx' }, 'Serves the board.')).toBe(
      "COMMENT ON INDEX app.tasks_idx IS 'Serves the board.';",
    );
  });

  it('removes a comment with IS NULL', () => {
    expect(renderComment({ kind: 'table', schema: 'public', name: 'users' }, undefined)).toBe(
      'COMMENT ON TABLE users IS NULL;',
    );
    expect(renderComment({ kind: 'table', schema: 'public', name: 'users' }, null)).toBe(
      'COMMENT ON TABLE users IS NULL;',
    );
  });

  it('renders an empty comment as IS NULL, since PostgreSQL removes the comment either way', () => {
    expect(renderComment({ kind: 'table', schema: 'public', name: 'users' }, '')).toBe(
      'COMMENT ON TABLE users IS NULL;',
    );
  });

  it('accepts a TableModel as the table target', () => {
    const table: TableModel = {
      kind: 'table',
      schema: 'app',
      name: 'tasks',
      columns: [],
      uniques: [],
      checks: [],
      foreignKeys: [],
      indexes: [],
      comment: 'C:\\work',
    };
    expect(renderComment(table, table.comment)).toBe("COMMENT ON TABLE app.tasks IS E'C:\\\\work';");
  });
});
