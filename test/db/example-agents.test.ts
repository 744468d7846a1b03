/**
 * The agents example end to end: its migrations take an empty database to head, the
 * orchestrator's queries run on it (examples/agents/queries.ts), and the migrations come
 * down to base and up again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AgentsDB,
  agentSessionsRepo,
  conflictsRepo,
  contextSnapshotsRepo,
  decisionSearch,
  decisionsRepo,
  loadProjectWithTasks,
  projectsRepo,
  readyTasks,
  setWaveStatus,
  type TaskStatus,
  taskDependenciesRepo,
  tasksRepo,
  waveTasks,
} from '../../examples/agents/queries.js';
import { EXAMPLE_HISTORIES } from '../../examples/generate-migrations.js';
import { StrataError } from '../../src/errors/strata-error.js';
import type { SchemaModel } from '../../src/model/index.js';
import {
  countingSession,
  type ExampleDatabase,
  explain,
  objectNames,
  openExampleDatabase,
} from './example-harness.js';

const history = EXAMPLE_HISTORIES.agents;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

let example: ExampleDatabase<AgentsDB>;
let atHead: SchemaModel;
/** Ids of the "apollo" project and of its tasks, by title. */
let apollo: string;
let other: string;
const task: Record<string, string> = {};

beforeAll(async () => {
  example = await openExampleDatabase<AgentsDB>(history.directory);
});
afterAll(async () => {
  await example?.close();
});

async function countRows(table: string, column: string, value: string): Promise<number> {
  const result = await example.db.executor.query<{ n: number }>(
    `select count(*)::int as n from ${table} where ${column} = $1`,
    [value],
  );
  return result.rows[0]!.n;
}

describe('the agents example', () => {
  it('migrates an empty database to head through both migrations', async () => {
    const result = await example.upgrade();
    expect(result.steps.map((s) => s.revision)).toEqual(['a9e175000001', 'a9e175000002']);
    atHead = await example.catalog();
    expect(objectNames(atHead)).toEqual({
      tables: [
        'agent_sessions',
        'conflicts',
        'context_snapshots',
        'decisions',
        'projects',
        'task_dependencies',
        'tasks',
      ],
      enums: ['agent_session_status', 'conflict_status', 'task_status'],
      extensions: [],
    });
  });

  it('plans a project in waves with dependencies, under UUID keys and enum statuses', async () => {
    const db = example.db;
    const [a, b] = await projectsRepo.with(db).createMany([{ name: 'apollo' }, { name: 'zeus' }]);
    apollo = a!.id;
    other = b!.id;
    const plan: [string, number, number][] = [
      ['design schema', 0, 2],
      ['set up ci', 0, 1],
      ['write migrations', 1, 0],
      ['build api', 1, 5],
      ['ship', 2, 0],
    ];
    const created = await tasksRepo
      .with(db)
      .createMany(plan.map(([title, wave, priority]) => ({ project_id: apollo, title, wave, priority })));
    for (const t of created) task[t.title] = t.id;
    await tasksRepo.with(db).create({ project_id: other, title: 'unrelated', wave: 0 });
    await taskDependenciesRepo.with(db).createMany([
      { task_id: task['write migrations']!, depends_on_id: task['design schema']! },
      { task_id: task['build api']!, depends_on_id: task['design schema']! },
      { task_id: task['build api']!, depends_on_id: task['set up ci']! },
      { task_id: task.ship!, depends_on_id: task['write migrations']! },
      { task_id: task.ship!, depends_on_id: task['build api']! },
    ]);

    expect(apollo).toMatch(UUID);
    expect(new Set(created.map((t) => t.id)).size).toBe(plan.length);
    for (const t of created) expect(t.id).toMatch(UUID);
    expect(created.map((t) => t.status)).toEqual(['pending', 'pending', 'pending', 'pending', 'pending']);

    const ready = await readyTasks(db, apollo);
    expect(ready.map((t) => t.title)).toEqual(['design schema', 'set up ci']);
    expect((await waveTasks(db, apollo, 1)).map((t) => t.title)).toEqual(['build api', 'write migrations']);
  });

  it('refuses a status the enum does not have, and a task depending on itself', async () => {
    // The repository checks the value against the enum before sending it…
    const checked = await tasksRepo
      .with(example.db)
      .update(task.ship!, { status: 'paused' as TaskStatus })
      .catch((e: unknown) => e);
    expect(checked).toMatchObject({ code: 'VALUE_INVALID', details: { table: 'tasks', column: 'status' } });
    // …and PostgreSQL's enum type refuses it anyway.
    const raw = await example.db.executor
      .query("update tasks set status = 'paused' where id = $1", [task.ship!])
      .catch((e: unknown) => e);
    expect(raw).toBeInstanceOf(StrataError);
    expect(raw).toMatchObject({ details: { sqlstate: '22P02' } });
    const self = await taskDependenciesRepo
      .with(example.db)
      .create({ task_id: task.ship!, depends_on_id: task.ship! })
      .catch((e: unknown) => e);
    expect(self).toMatchObject({
      code: 'CHECK_VIOLATION',
      details: { constraint: 'task_dependencies_not_self' },
    });
  });

  it('loads a project with its tasks in two queries, in wave and priority order', async () => {
    const { session, statements } = countingSession(example.db);
    const project = await loadProjectWithTasks(session, apollo);
    expect(statements).toHaveLength(2);
    expect(project?.name).toBe('apollo');
    expect(project?.tasks.map((t) => [t.wave, t.title])).toEqual([
      [0, 'design schema'],
      [0, 'set up ci'],
      [1, 'build api'],
      [1, 'write migrations'],
      [2, 'ship'],
    ]);
  });

  it('completes a wave with one UPDATE … WHERE, which unblocks the next wave', async () => {
    const { session, statements } = countingSession(example.db);
    const changed = await setWaveStatus(session, apollo, 0, 'done');
    expect(changed).toBe(2);
    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatch(/^update\b[\s\S]*\bwhere\b/i);
    const ready = await readyTasks(example.db, apollo);
    expect(ready.map((t) => t.title)).toEqual(['build api', 'write migrations']);
    const untouched = await tasksRepo.with(example.db).find({ where: { project_id: other } });
    expect(untouched.map((t) => t.status)).toEqual(['pending']);
  });

  it('serves the tasks of a wave through the composite (project_id, wave) index', async () => {
    // Enough rows that the planner prefers the index on its own.
    const projects = await projectsRepo
      .with(example.db)
      .createMany(Array.from({ length: 20 }, (_, i) => ({ name: `bulk ${i}` })));
    await tasksRepo
      .with(example.db)
      .createMany(
        projects.flatMap((p) =>
          Array.from({ length: 100 }, (_, i) => ({ project_id: p.id, wave: i % 10, title: `task ${i}` })),
        ),
      );
    await example.db.executor.exec('ANALYZE tasks');
    const { session, statements, params } = countingSession(example.db);
    const rows = await waveTasks(session, projects[3]!.id, 7);
    expect(rows).toHaveLength(10);
    const plan = await explain(example.db, statements[0]!, params[0]);
    expect(plan).toContain('tasks_project_wave_idx');
  });

  it('records sessions, decisions, conflicts and context snapshots', async () => {
    const db = example.db;
    const run = await agentSessionsRepo.with(db).create({
      project_id: apollo,
      task_id: task['build api']!,
      agent: 'builder',
    });
    expect(run.status).toBe('running');
    expect(run.started_at).toBeInstanceOf(Date);
    await contextSnapshotsRepo.with(db).createMany([
      { session_id: run.id, sequence: 1, context: { files: ['api.ts'], tokens: 1200 } },
      { session_id: run.id, sequence: 2, context: { files: ['api.ts', 'routes.ts'], tokens: 3400 } },
    ]);
    const duplicate = await contextSnapshotsRepo
      .with(db)
      .create({ session_id: run.id, sequence: 2, context: {} })
      .catch((e: unknown) => e);
    expect(duplicate).toMatchObject({
      code: 'UNIQUE_VIOLATION',
      details: { constraint: 'context_snapshots_session_seq_idx' },
    });
    const withSnapshots = await agentSessionsRepo
      .with(db)
      .findFirst({ where: { id: run.id }, with: { snapshots: { orderBy: 'sequence' } } });
    expect(withSnapshots?.snapshots.map((s) => s.context)).toEqual([
      { files: ['api.ts'], tokens: 1200 },
      { files: ['api.ts', 'routes.ts'], tokens: 3400 },
    ]);

    await decisionsRepo.with(db).createMany([
      {
        project_id: apollo,
        session_id: run.id,
        decision: 'Store everything in PostgreSQL',
        rationale: 'Transactions and vector search in one database keep operations simple',
      },
      {
        project_id: apollo,
        decision: 'Adopt strict TypeScript',
        rationale: 'Null errors are caught when the code compiles',
      },
      {
        project_id: other,
        decision: 'Store files in PostgreSQL too',
        rationale: 'One backup for everything',
      },
    ]);
    const conflict = await conflictsRepo.with(db).create({
      project_id: apollo,
      task_a_id: task['build api']!,
      task_b_id: task['write migrations']!,
      description: 'Both edit the users table',
    });
    expect(conflict.status).toBe('open');
    const resolved = await conflictsRepo
      .with(db)
      .update(conflict.id, { status: 'resolved', resolution: 'Migrations first, then the API' });
    expect(resolved.status).toBe('resolved');
    await agentSessionsRepo.with(db).update(run.id, { status: 'completed', ended_at: new Date() });
  });

  it('searches decisions and rationales in full text through the GIN expression index', async () => {
    const db = example.db;
    // Filler decisions, so the planner picks the full-text index for a selective term.
    await decisionsRepo.with(db).createMany(
      Array.from({ length: 400 }, (_, i) => ({
        project_id: apollo,
        decision: `Routine choice number ${i}`,
        rationale: `Keeps iteration ${i} moving along`,
      })),
    );
    await db.executor.exec('ANALYZE decisions');
    const byRationale = await decisionSearch(db, apollo, 'transactions database').execute();
    expect(byRationale.map((d) => d.decision)).toEqual(['Store everything in PostgreSQL']);
    // Stemming: "compiles" in the rationale matches "compiling".
    const stemmed = await decisionSearch(db, apollo, 'compiling').execute();
    expect(stemmed.map((d) => d.decision)).toEqual(['Adopt strict TypeScript']);
    // Both decision and rationale words count, and other projects stay out.
    const postgres = await decisionSearch(db, apollo, 'postgresql -typescript').execute();
    expect(postgres.map((d) => d.decision)).toEqual(['Store everything in PostgreSQL']);

    const query = decisionSearch(db, apollo, 'transactions database').compile();
    const plan = await explain(db, query.sql, query.parameters);
    expect(plan).toContain('decisions_fulltext_idx');
  });

  it('deletes a project with everything under it, by cascade', async () => {
    const before = await countRows('tasks', 'project_id', apollo);
    expect(before).toBe(5);
    expect(await projectsRepo.with(example.db).delete(apollo)).toBe(true);
    for (const table of ['tasks', 'agent_sessions', 'decisions', 'conflicts']) {
      expect(await countRows(table, 'project_id', apollo), table).toBe(0);
    }
    const orphans = await example.db.executor.query<{ n: number }>(
      `select (select count(*) from task_dependencies)::int + (select count(*) from context_snapshots)::int as n`,
    );
    expect(orphans.rows[0]!.n).toBe(0);
    expect(await countRows('tasks', 'project_id', other)).toBe(1);
    expect(await countRows('decisions', 'project_id', other)).toBe(1);
  });

  it('downgrades the priority migration alone, keeping the tasks', async () => {
    const tasksBefore = await example.db.executor.query<{ n: number }>(
      'select count(*)::int as n from tasks',
    );
    await example.downgrade('-1');
    const catalog = await example.catalog();
    const tasksTable = catalog.tables.find((t) => t.name === 'tasks')!;
    expect(tasksTable.columns.map((c) => c.name)).not.toContain('priority');
    expect(tasksTable.indexes.map((i) => i.name)).not.toContain('tasks_project_priority_idx');
    const tasksAfter = await example.db.executor.query<{ n: number }>('select count(*)::int as n from tasks');
    expect(tasksAfter.rows).toEqual(tasksBefore.rows);
    await example.upgrade();
    const restored = await tasksRepo.with(example.db).find({ where: { project_id: other } });
    expect(restored.map((t) => t.priority)).toEqual([0]);
  });

  it('downgrades to base, leaving none of its tables or types, and upgrades again', async () => {
    const down = await example.downgrade('base');
    expect(down.to).toEqual([]);
    expect(objectNames(await example.catalog())).toEqual({ tables: [], enums: [], extensions: [] });
    await example.upgrade();
    expect(await example.catalog()).toEqual(atHead);
    expect(await projectsRepo.with(example.db).count()).toBe(0);
  });
});
