import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../support/backend.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MAIN = 'examples/knowledge-base/main.ts';

let testDb: TestDatabase;
let dataDir: string;

beforeAll(async () => {
  testDb = await openTestDatabase();
  dataDir = await mkdtemp(join(tmpdir(), 'strata-kb-'));
});

afterAll(async () => {
  await testDb?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

interface RunningService {
  readonly child: ChildProcess;
  readonly url: string;
  output(): string;
  stop(): Promise<number | null>;
}

/** Starts `main.ts` as `npm start` does, on the test backend, and waits for its URL. */
async function startService(): Promise<RunningService> {
  const env: Record<string, string | undefined> = { ...process.env, PORT: '0', HOST: '127.0.0.1' };
  delete env.DATABASE_URL;
  delete env.KB_DATA_DIR;
  delete env.KB_API_TOKEN;
  if (testDb.url !== undefined) env.DATABASE_URL = testDb.url;
  else env.KB_DATA_DIR = dataDir;
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (data: Buffer) => {
    output += data.toString();
  });
  child.stderr!.on('data', (data: Buffer) => {
    output += data.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the service did not start in time:\n${output}`)),
      100_000,
    );
    const check = () => {
      const match = /Knowledge base ready: (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the service exited with ${code} before it was ready:\n${output}`));
    });
  });
  return {
    child,
    url,
    output: () => output,
    stop: async () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

describe('npm start (examples/knowledge-base/main.ts)', () => {
  it('migrates, ingests the sample corpus with progress, serves on localhost, and stops cleanly', async () => {
    const service = await startService();
    try {
      expect(service.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      expect(service.output()).toContain('migrations: applied 0a1b2c3d4e5f');
      expect(service.output()).toMatch(/Storing documents: 20\/20/);
      expect(service.output()).toContain('sample corpus: ingested 20 documents');
      const health = await (await fetch(new URL('api/health', service.url))).json();
      expect(health).toMatchObject({ status: 'ok', documents: 20 });
      const search = await fetch(
        new URL('api/search?q=partial%20index%20soft%20delete&limit=1', service.url),
      );
      const found = (await search.json()) as { results: { title: string }[] };
      expect(found.results[0]?.title).toBe('Partial indexes and soft deletes');
      const page = await fetch(service.url);
      expect(await page.text()).toContain('id="search-input"');
    } finally {
      expect(await service.stop()).toBe(0);
    }
  });

  it('on the next start finds the database at head and the corpus already there', async () => {
    const service = await startService();
    try {
      expect(service.output()).toContain('migrations: already at head');
      expect(service.output()).toContain('documents: 20');
      expect(service.output()).not.toContain('sample corpus: ingested');
    } finally {
      expect(await service.stop()).toBe(0);
    }
  });
});
