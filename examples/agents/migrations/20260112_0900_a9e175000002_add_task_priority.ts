import { defineMigration } from '../../../src/migrate/index.js';

/**
 * add task priority
 *
 * Revision: a9e175000002
 * Parents: a9e175000001
 * Created: 2026-01-12T09:00:00.000Z
 */
export default defineMigration({
  revision: 'a9e175000002',
  parents: ['a9e175000001'],
  message: 'add task priority',
  up(op) {
    op.addColumn('tasks', {
      kind: 'column',
      name: 'priority',
      type: { kind: 'sqlType', name: 'integer', modifiers: [], arrayDims: 0 },
      notNull: true,
      default: '0',
    });
    op.createIndex('tasks', {
      kind: 'index',
      name: 'tasks_project_priority_idx',
      method: 'btree',
      unique: false,
      nullsNotDistinct: false,
      elements: [
        { kind: 'indexColumn', column: 'project_id' },
        { kind: 'indexColumn', column: 'priority', order: 'desc' },
      ],
      include: [],
      with: {},
    });
  },
  down(op) {
    op.dropIndex('tasks', 'tasks_project_priority_idx', {
      model: {
        kind: 'index',
        name: 'tasks_project_priority_idx',
        method: 'btree',
        unique: false,
        nullsNotDistinct: false,
        elements: [
          { kind: 'indexColumn', column: 'project_id' },
          { kind: 'indexColumn', column: 'priority', order: 'desc' },
        ],
        include: [],
        with: {},
      },
    });
    // DESTRUCTIVE: drops column tasks.priority and its data; the downgrade recreates it empty
    op.dropColumn('tasks', 'priority', {
      kind: 'column',
      name: 'priority',
      type: { kind: 'sqlType', name: 'integer', modifiers: [], arrayDims: 0 },
      notNull: true,
      default: '0',
    });
  },
});
