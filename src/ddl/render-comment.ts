import { assertNever } from '../util/assert-never.js';
import { qualifiedIdent, quoteIdent, quoteLiteral } from './quote.js';

/**
 * What a comment is attached to. A `TableModel` is a valid table target as it is; indexes live in
 * their table's schema.
 */
export type CommentTarget =
  | { readonly kind: 'table'; readonly schema: string; readonly name: string }
  | { readonly kind: 'column'; readonly schema: string; readonly table: string; readonly column: string }
  | { readonly kind: 'index'; readonly schema: string; readonly name: string };

function targetSql(target: CommentTarget): string {
  switch (target.kind) {
    case 'table':
      return `TABLE ${qualifiedIdent(target.schema, target.name)}`;
    case 'column':
      return `COLUMN ${qualifiedIdent(target.schema, target.table)}.${quoteIdent(target.column)}`;
    case 'index':
      return `INDEX ${qualifiedIdent(target.schema, target.name)}`;
    default:
      return assertNever(target, 'comment target kind');
  }
}

/**
 * `COMMENT ON ... IS ...`; `undefined`, `null` and `''` render `IS NULL`, which removes the comment
 * (PostgreSQL stores no empty comments: `IS ''` removes it too, so say so plainly).
 *
 * @example
 * ```ts
 * renderComment({ kind: 'column', schema: 'public', table: 'users', column: 'email' }, "user's login");
 * // COMMENT ON COLUMN users.email IS 'user''s login';
 * renderComment({ kind: 'table', schema: 'app', name: 'tasks' }, undefined);
 * // COMMENT ON TABLE app.tasks IS NULL;
 * ```
 */
export function renderComment(target: CommentTarget, comment: string | null | undefined): string {
  const value = comment === undefined || comment === null || comment === '' ? 'NULL' : quoteLiteral(comment);
  return `COMMENT ON ${targetSql(target)} IS ${value};`;
}
