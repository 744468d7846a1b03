/**
 * How the agent orchestrator uses Strata: repositories with relations for the everyday reads
 * and writes, Kysely for the two queries a repository does not express (ready tasks, and the
 * full-text search through the decisions' expression index).
 */
import { sql } from 'kysely';
import type { Session } from '../../src/db/index.js';
import { repository } from '../../src/repo/index.js';
import type { DatabaseOf, Row } from '../../src/schema/index.js';
import {
  agentSessions,
  conflicts,
  contextSnapshots,
  decisions,
  projects,
  type schema,
  taskDependencies,
  tasks,
} from './schema.js';

/** The Kysely database type of the example. */
export type AgentsDB = DatabaseOf<typeof schema>;

/** A task's status, as the `task_status` enum spells it. */
export type TaskStatus = Row<typeof tasks>['status'];

export const projectsRepo = repository(projects, {
  key: 'id',
  relations: (r) => ({
    tasks: r.hasMany(tasks, { to: 'project_id' }),
    sessions: r.hasMany(agentSessions, { to: 'project_id' }),
    decisions: r.hasMany(decisions, { to: 'project_id' }),
    conflicts: r.hasMany(conflicts, { to: 'project_id' }),
  }),
});

export const tasksRepo = repository(tasks, {
  key: 'id',
  relations: (r) => ({
    project: r.belongsTo(projects, { from: 'project_id' }),
    dependencies: r.hasMany(taskDependencies, { to: 'task_id' }),
  }),
});

export const taskDependenciesRepo = repository(taskDependencies);
export const agentSessionsRepo = repository(agentSessions, {
  key: 'id',
  relations: (r) => ({ snapshots: r.hasMany(contextSnapshots, { to: 'session_id' }) }),
});
export const decisionsRepo = repository(decisions, { key: 'id' });
export const conflictsRepo = repository(conflicts, { key: 'id' });
export const contextSnapshotsRepo = repository(contextSnapshots, { key: 'id' });

/**
 * A project with its tasks in plan order (wave, then priority): two queries, however many
 * tasks there are.
 *
 * @example
 * ```ts
 * const project = await loadProjectWithTasks(db, projectId);
 * project?.tasks.map((t) => `${t.wave}: ${t.title}`);
 * ```
 */
export function loadProjectWithTasks(session: Session<AgentsDB>, projectId: string) {
  return projectsRepo.with(session).findFirst({
    where: { id: projectId },
    with: { tasks: { orderBy: ['wave', ['priority', 'desc'], 'title'] } },
  });
}

/** The tasks of one wave of a project, highest priority first (served by `tasks_project_wave_idx`). */
export function waveTasks(session: Session<AgentsDB>, projectId: string, wave: number) {
  return tasksRepo.with(session).find({
    where: { project_id: projectId, wave },
    orderBy: [['priority', 'desc'], 'title'],
  });
}

/**
 * Sets the status of every task of a wave in one `UPDATE … WHERE`; returns how many changed.
 *
 * @example
 * ```ts
 * await setWaveStatus(db, projectId, 0, 'done');
 * ```
 */
export function setWaveStatus(
  session: Session<AgentsDB>,
  projectId: string,
  wave: number,
  status: TaskStatus,
): Promise<number> {
  return tasksRepo.with(session).updateWhere({ project_id: projectId, wave }, { status });
}

/** Pending tasks of a project whose dependencies are all done: what the agents may pick up next. */
export function readyTasks(session: Session<AgentsDB>, projectId: string) {
  return session.kysely
    .selectFrom('tasks')
    .selectAll('tasks')
    .where('tasks.project_id', '=', projectId)
    .where('tasks.status', '=', 'pending')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('task_dependencies as d')
            .innerJoin('tasks as dependency', 'dependency.id', 'd.depends_on_id')
            .whereRef('d.task_id', '=', 'tasks.id')
            .where('dependency.status', '<>', 'done')
            .select(sql.lit(1).as('blocked')),
        ),
      ),
    )
    .orderBy('tasks.wave')
    .orderBy('tasks.priority', 'desc')
    .orderBy('tasks.title')
    .execute();
}

/**
 * The document the `decisions_fulltext_idx` GIN index holds, written exactly as the index
 * expression so the planner can use the index.
 */
export const DECISION_DOCUMENT = sql<string>`to_tsvector('english'::regconfig, ((decision || ' '::text) || rationale))`;

/**
 * Decisions of a project matching a web-search style query (`"exact phrase"`, `or`, `-word`)
 * over their decision and rationale, best first; the query, to run or to inspect.
 *
 * @example
 * ```ts
 * const hits = await decisionSearch(db, projectId, 'postgres -mysql').execute();
 * ```
 */
export function decisionSearch(session: Session<AgentsDB>, projectId: string, query: string) {
  const tsquery = sql`websearch_to_tsquery('english'::regconfig, ${query})`;
  return session.kysely
    .selectFrom('decisions')
    .select([
      'id',
      'decision',
      'rationale',
      sql<number>`ts_rank(${DECISION_DOCUMENT}, ${tsquery})`.as('rank'),
    ])
    .where('project_id', '=', projectId)
    .where(sql<boolean>`${DECISION_DOCUMENT} @@ ${tsquery}`)
    .orderBy('rank', 'desc')
    .orderBy('id');
}
