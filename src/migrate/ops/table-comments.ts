import { renderComment } from '../../ddl/render-comment.js';
import type { ColumnModel } from '../../model/column.js';
import type { TableModel } from '../../model/table.js';
import type { ObjectName } from './refs.js';

/** `COMMENT ON COLUMN` for a column that has a comment, else nothing. */
export function columnCommentSql(table: ObjectName, column: ColumnModel): string[] {
  if (column.comment === undefined) return [];
  const target = { kind: 'column', schema: table.schema, table: table.name, column: column.name } as const;
  return [renderComment(target, column.comment)];
}

/** The `COMMENT ON` statements of a table, its columns and its indexes, as `toSql` writes them. */
export function tableCommentSql(table: TableModel): string[] {
  return [
    ...(table.comment === undefined
      ? []
      : [renderComment({ kind: 'table', schema: table.schema, name: table.name }, table.comment)]),
    ...table.columns.flatMap((column) => columnCommentSql(table, column)),
  ];
}
