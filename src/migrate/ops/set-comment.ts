import { type CommentTarget, renderComment } from '../../ddl/render-comment.js';
import { assertNever } from '../../util/assert-never.js';
import type { OperationHandler } from './handler.js';
import { displayName } from './refs.js';
import { statement } from './rendered-statement.js';

/**
 * `COMMENT ON TABLE | COLUMN | INDEX … IS …`. Left out, `comment` removes the comment
 * (`IS NULL`); `previous` is the comment there was, for the inverse.
 */
export interface SetCommentOperation {
  readonly kind: 'setComment';
  readonly target: CommentTarget;
  readonly comment?: string;
  readonly previous?: string;
}

function targetName(target: CommentTarget): string {
  switch (target.kind) {
    case 'table':
      return `table ${displayName(target)}`;
    case 'column':
      return `column ${displayName({ schema: target.schema, name: target.table })}.${target.column}`;
    case 'index':
      return `index ${displayName(target)}`;
    default:
      return assertNever(target, 'comment target kind');
  }
}

export const setCommentHandler: OperationHandler<SetCommentOperation> = {
  render: (op) => [statement(renderComment(op.target, op.comment))],
  invert: (op) => ({
    kind: 'setComment',
    target: op.target,
    ...(op.previous === undefined ? {} : { comment: op.previous }),
    ...(op.comment === undefined ? {} : { previous: op.comment }),
  }),
  destructive: () => false,
  call: (op) => ({
    method: 'setComment',
    args:
      op.previous === undefined
        ? [op.target, op.comment ?? null]
        : [op.target, op.comment ?? null, { previous: op.previous }],
  }),
  describe: (op) =>
    `${op.comment === undefined ? 'remove the comment on' : 'comment on'} ${targetName(op.target)}`,
};
