import { defineMigration } from '../../../src/migrate/index.js';

/**
 * add a bio to users
 *
 * Revision: c0ffee000002
 * Parents: c0ffee000001
 * Created: 2026-01-12T09:40:00.000Z
 */
export default defineMigration({
  revision: 'c0ffee000002',
  parents: ['c0ffee000001'],
  message: 'add a bio to users',
  up(op) {
    op.addColumn('users', {
      kind: 'column',
      name: 'bio',
      type: { kind: 'sqlType', name: 'text', modifiers: [], arrayDims: 0 },
      notNull: false,
    });
  },
  down(op) {
    // DESTRUCTIVE: drops column users.bio and its data; the downgrade recreates it empty
    op.dropColumn('users', 'bio', {
      kind: 'column',
      name: 'bio',
      type: { kind: 'sqlType', name: 'text', modifiers: [], arrayDims: 0 },
      notNull: false,
    });
  },
});
