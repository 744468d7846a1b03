import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureDir } from '../fixtures/migrations/fixture-dirs.js';
import { recordedRevisions } from '../fixtures/migrations/test-session.js';
import { openTestDatabase, type TestDatabase, testBackend } from '../support/backend.js';

const WORKER = fileURLToPath(new URL('../fixtures/migrations/upgrade-worker.ts', import.meta.url));
const REVISIONS = ['cc0000000001', 'cc0000000002', 'cc0000000003', 'cc0000000004'];
const PROCESSES = 4;

interface Outcome {
  ok: boolean;
  steps?: string[];
  to?: string[];
  code?: string;
  message?: string;
}

interface Worker {
  child: ChildProcess;
  ready: Promise<void>;
  outcome: Promise<Outcome>;
}

function startWorker(url: string): Worker {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER, url, fixtureDir('concurrent')], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    if (stdout.startsWith('ready\n')) markReady();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const outcome = new Promise<Outcome>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', () => {
      const line = stdout.split('\n').find((l) => l.startsWith('{'));
      if (line === undefined) reject(new Error(`worker printed no outcome; stderr: ${stderr}`));
      else resolve(JSON.parse(line) as Outcome);
    });
  });
  return { child, ready: Promise.race([ready, outcome.then(() => undefined)]), outcome };
}

describe.skipIf(testBackend() === 'pglite')('concurrent upgrades from several processes', () => {
  let db: TestDatabase;
  let outcomes: Outcome[];

  beforeAll(async () => {
    db = await openTestDatabase();
    const workers = Array.from({ length: PROCESSES }, () => startWorker(db.url!));
    await Promise.all(workers.map((w) => w.ready));
    // Release them together so they really race for the lock.
    for (const worker of workers) worker.child.stdin?.end('go\n');
    outcomes = await Promise.all(workers.map((w) => w.outcome));
  });
  afterAll(async () => {
    await db?.close();
  });

  it('all succeed and end at head', () => {
    for (const outcome of outcomes) expect(outcome).toMatchObject({ ok: true, to: ['cc0000000004'] });
  });

  it('apply each migration exactly once between them', async () => {
    const applied = outcomes.flatMap((o) => o.steps ?? []);
    expect([...applied].sort()).toEqual(REVISIONS);
    const log = await db.query<{ revision: string; n: number }>(
      'SELECT revision, count(*)::int AS n FROM apply_log GROUP BY revision ORDER BY revision',
    );
    expect(log.rows).toEqual(REVISIONS.map((revision) => ({ revision, n: 1 })));
    expect(await recordedRevisions(db)).toEqual(REVISIONS);
  });

  it('let the process that took the lock first run everything, in order', () => {
    const runners = outcomes.filter((o) => (o.steps ?? []).length > 0);
    expect(runners).toHaveLength(1);
    expect(runners[0]?.steps).toEqual(REVISIONS);
  });
});
