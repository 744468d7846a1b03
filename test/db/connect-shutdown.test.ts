import { spawn } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase, testBackend } from '../support/backend.js';

const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const dbModule = new URL('../../src/db/index.ts', import.meta.url).href;

/** Connects, queries, runs a transaction and closes, printing when close() returned. No process.exit. */
const childScript = `
const { connect } = await import(${JSON.stringify(dbModule)});
const options = process.env.STRATA_CHILD_URL ? { url: process.env.STRATA_CHILD_URL } : {};
const db = await connect(options);
const answer = await db.executor.query('select 40 + 2 as answer');
await db.transaction(async (tx) => tx.kysely.selectNoFrom((eb) => eb.val(1).as('one')).execute());
console.log(JSON.stringify({ backend: db.backend, answer: answer.rows[0].answer }));
await db.close();
console.log('closed at ' + Date.now());
`;

interface ChildRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** From close() returning to the process exiting. */
  readonly exitDelayMs: number;
}

function runChild(cwd: string, url: string | undefined, timeoutMs = 60_000): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', tsxLoader, '--input-type=module', '-e', childScript], {
      cwd,
      env: { ...process.env, DATABASE_URL: '', STRATA_CHILD_URL: url ?? '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`child did not exit within ${timeoutMs} ms\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, timeoutMs);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      const exitedAt = Date.now();
      const closedAt = Number(/closed at (\d+)/.exec(stdout)?.[1] ?? Number.NaN);
      resolve({ code, stdout, stderr, exitDelayMs: exitedAt - closedAt });
    });
  });
}

describe('close() lets the process exit by itself', () => {
  let testDb: TestDatabase;
  let tmp: string;

  beforeAll(async () => {
    testDb = await openTestDatabase();
    tmp = await mkdtemp(path.join(os.tmpdir(), 'strata-shutdown-'));
  });

  afterAll(async () => {
    await testDb?.close();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  it.runIf(testBackend() === 'postgres')('on the server', async () => {
    const run = await runChild(tmp, testDb.url);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('{"backend":"postgres","answer":42}');
    expect(run.exitDelayMs).toBeLessThan(3000);
  });

  it.runIf(testBackend() === 'pglite')('on an in-memory PGlite', async () => {
    const run = await runChild(tmp, 'memory://');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('{"backend":"pglite","answer":42}');
    expect(run.exitDelayMs).toBeLessThan(3000);
  });

  it.runIf(testBackend() === 'pglite')(
    'on the default embedded database, created in .strata/db of the working directory',
    async () => {
      const run = await runChild(tmp, undefined);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('{"backend":"pglite","answer":42}');
      expect(run.exitDelayMs).toBeLessThan(3000);
      expect((await stat(path.join(tmp, '.strata', 'db', 'PG_VERSION'))).isFile()).toBe(true);
    },
  );
});
