/**
 * Agent orchestration: projects, tasks in waves with dependencies, sessions, decisions,
 * conflicts and context snapshots.
 */
import {
  check,
  defineSchema,
  index,
  integer,
  jsonb,
  pgEnum,
  primaryKey,
  sql,
  table,
  text,
  timestamps,
  timestamptz,
  uuid,
  uuidPrimaryKey,
  varchar,
} from '../../src/schema/index.js';

export const taskStatus = pgEnum('task_status', ['pending', 'in_progress', 'blocked', 'done', 'failed']);
export const sessionStatus = pgEnum('agent_session_status', ['running', 'completed', 'aborted']);
export const conflictStatus = pgEnum('conflict_status', ['open', 'resolved']);

export const projects = table('projects', {
  id: uuidPrimaryKey(),
  name: varchar(200).notNull().unique(),
  description: text(),
  ...timestamps(),
});

export const tasks = table(
  'tasks',
  {
    id: uuidPrimaryKey(),
    project_id: uuid()
      .notNull()
      .references(() => projects.columns.id, { onDelete: 'cascade' }),
    wave: integer().notNull().default(0),
    title: text().notNull(),
    status: taskStatus().notNull().default('pending'),
    assignee: text(),
    /** Added by the second migration: higher runs first within a wave. */
    priority: integer().notNull().default(0),
    ...timestamps(),
  },
  (t) => [
    index('tasks_project_wave_idx').on(t.project_id, t.wave),
    index('tasks_status_idx').on(t.status),
    index('tasks_project_priority_idx').on(t.project_id, t.priority.desc()),
  ],
);

export const taskDependencies = table(
  'task_dependencies',
  {
    task_id: uuid()
      .notNull()
      .references(() => tasks.columns.id, { onDelete: 'cascade' }),
    depends_on_id: uuid()
      .notNull()
      .references(() => tasks.columns.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey(t.task_id, t.depends_on_id),
    check('task_dependencies_not_self', sql`${t.task_id} <> ${t.depends_on_id}`),
    index('task_dependencies_depends_on_idx').on(t.depends_on_id),
  ],
);

export const agentSessions = table(
  'agent_sessions',
  {
    id: uuidPrimaryKey(),
    project_id: uuid()
      .notNull()
      .references(() => projects.columns.id, { onDelete: 'cascade' }),
    task_id: uuid().references(() => tasks.columns.id, { onDelete: 'set null' }),
    agent: text().notNull(),
    status: sessionStatus().notNull().default('running'),
    started_at: timestamptz().notNull().defaultNow(),
    ended_at: timestamptz(),
  },
  (t) => [index('agent_sessions_project_idx').on(t.project_id, t.started_at.desc())],
);

export const decisions = table(
  'decisions',
  {
    id: uuidPrimaryKey(),
    project_id: uuid()
      .notNull()
      .references(() => projects.columns.id, { onDelete: 'cascade' }),
    session_id: uuid().references(() => agentSessions.columns.id, { onDelete: 'set null' }),
    decision: text().notNull(),
    rationale: text().notNull(),
    ...timestamps(),
  },
  (t) => [
    index('decisions_project_idx').on(t.project_id),
    index('decisions_fulltext_idx').using(
      'gin',
      sql`to_tsvector('english'::regconfig, ((${t.decision} || ' '::text) || ${t.rationale}))`,
    ),
  ],
);

export const conflicts = table(
  'conflicts',
  {
    id: uuidPrimaryKey(),
    project_id: uuid()
      .notNull()
      .references(() => projects.columns.id, { onDelete: 'cascade' }),
    task_a_id: uuid()
      .notNull()
      .references(() => tasks.columns.id, { onDelete: 'cascade' }),
    task_b_id: uuid()
      .notNull()
      .references(() => tasks.columns.id, { onDelete: 'cascade' }),
    description: text().notNull(),
    status: conflictStatus().notNull().default('open'),
    resolution: text(),
    ...timestamps(),
  },
  (t) => [index('conflicts_project_status_idx').on(t.project_id, t.status)],
);

export const contextSnapshots = table(
  'context_snapshots',
  {
    id: uuidPrimaryKey(),
    session_id: uuid()
      .notNull()
      .references(() => agentSessions.columns.id, { onDelete: 'cascade' }),
    sequence: integer().notNull(),
    context: jsonb<Record<string, unknown>>().notNull(),
    created_at: timestamptz().notNull().defaultNow(),
  },
  (t) => [index('context_snapshots_session_seq_idx').on(t.session_id, t.sequence).unique()],
);

export const schema = defineSchema({
  projects,
  tasks,
  taskDependencies,
  agentSessions,
  decisions,
  conflicts,
  contextSnapshots,
});
