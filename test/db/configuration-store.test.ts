import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { introspect } from '../../src/catalog/introspect.js';
import { normalizeSchemaModel } from '../../src/catalog/normalize.js';
import {
  ConfigurationStore,
  type ConfigValidator,
  systemConfigurationsTable,
} from '../../src/configuration/index.js';
import type { Database } from '../../src/db/database.js';
import { toSql } from '../../src/ddl/index.js';
import { StrataError } from '../../src/errors/strata-error.js';
import { defineSchema } from '../../src/schema/index.js';
import { openTestDatabase, type TestDatabase, testBackend } from '../support/backend.js';
import { connectTestDatabase } from '../support/connect.js';

interface SearchConfig {
  readonly topK: number;
  readonly hybrid?: boolean;
}

async function expectStrataError(promise: Promise<unknown>, code: string): Promise<StrataError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StrataError);
  expect((error as StrataError).code).toBe(code);
  return error as StrataError;
}

/** A hand-written stand-in for a zod schema: `safeParse` with issues, and a default applied on success. */
const searchSchema = {
  safeParse(value: unknown) {
    const v = value as { topK?: unknown; hybrid?: unknown };
    const issues: { path: (string | number)[]; message: string }[] = [];
    if (typeof value !== 'object' || value === null) issues.push({ path: [], message: 'Expected object' });
    else {
      if (typeof v.topK !== 'number' || v.topK < 1)
        issues.push({ path: ['topK'], message: 'Expected a number >= 1' });
      if (v.hybrid !== undefined && typeof v.hybrid !== 'boolean')
        issues.push({ path: ['hybrid'], message: 'Expected boolean' });
    }
    return issues.length > 0
      ? ({ success: false, error: { issues } } as const)
      : ({ success: true, data: { hybrid: false, ...(value as object) } as SearchConfig } as const);
  },
};

const positiveLimit: ConfigValidator = (value) =>
  typeof (value as { limit?: unknown }).limit === 'number' && (value as { limit: number }).limit > 0
    ? []
    : ['limit must be a positive number'];

describe('ConfigurationStore', () => {
  let testDb: TestDatabase;
  let db: Database;
  let configs: ConfigurationStore;

  async function rowsOf(module: string): Promise<number> {
    const result = await testDb.query<{ n: number }>(
      'select count(*)::int as n from system_configurations where module = $1',
      [module],
    );
    return result.rows[0]!.n;
  }

  beforeAll(async () => {
    testDb = await openTestDatabase();
    await testDb.exec(toSql(defineSchema({ systemConfigurationsTable }).model));
    db = await connectTestDatabase(testDb);
    configs = new ConfigurationStore(db, { validators: { search: searchSchema, limits: positiveLimit } });
  });
  afterAll(async () => {
    await db.close();
    await testDb.close();
  });

  it('has a table that reads back from the catalog exactly as declared, so migrations see no drift', async () => {
    const model = defineSchema({ systemConfigurationsTable }).model;
    expect(normalizeSchemaModel(await introspect(testDb))).toEqual(normalizeSchemaModel(model));
  });

  describe('get with a default', () => {
    it('stores the default as version 1 the first time, and returns the stored config afterwards', async () => {
      const first = await configs.get<SearchConfig>('search', { default: { topK: 10, hybrid: true } });
      expect(first).toEqual({ topK: 10, hybrid: true });
      const again = await configs.get<SearchConfig>('search', { default: { topK: 99 } });
      expect(again).toEqual({ topK: 10, hybrid: true });
      const [only, ...rest] = await configs.history('search');
      expect(rest).toEqual([]);
      expect(only).toMatchObject({
        kind: 'configVersion',
        module: 'search',
        version: 1,
        active: true,
        note: 'Default',
      });
      expect(only!.createdAt).toBeInstanceOf(Date);
    });

    it('stores the prompt template given with the default', async () => {
      const current = await configs.current('summarizer', {
        default: { model: 'small' },
        promptTemplate: 'Summarise:\n{{text}}',
      });
      expect(current).toMatchObject({
        version: 1,
        config: { model: 'small' },
        promptTemplate: 'Summarise:\n{{text}}',
      });
    });

    it('answers NOT_FOUND for a module without configuration when no default is given', async () => {
      const error = await expectStrataError(configs.get('nothing-here'), 'NOT_FOUND');
      expect(error.message).toContain('"nothing-here"');
      expect(await rowsOf('nothing-here')).toBe(0);
    });

    it('validates the default before storing it', async () => {
      await expectStrataError(configs.get('limits', { default: { limit: 0 } }), 'CONFIG_INVALID');
      expect(await rowsOf('limits')).toBe(0);
    });
  });

  describe('versions', () => {
    it('saves every change as a new active version and keeps the history', async () => {
      await configs.set('ranking', { weights: [1, 2] });
      const v2 = await configs.set('ranking', { weights: [3, 4] }, { note: 'tuned' });
      const v3 = await configs.set('ranking', { weights: [5, 6] });
      expect([v2.version, v3.version]).toEqual([2, 3]);
      expect(v2.note).toBe('tuned');
      expect(await configs.get('ranking')).toEqual({ weights: [5, 6] });
      const history = await configs.history('ranking');
      expect(history.map((v) => [v.version, v.active, v.config])).toEqual([
        [3, true, { weights: [5, 6] }],
        [2, false, { weights: [3, 4] }],
        [1, false, { weights: [1, 2] }],
      ]);
      expect((await configs.version('ranking', 1)).config).toEqual({ weights: [1, 2] });
      await expectStrataError(configs.version('ranking', 4), 'NOT_FOUND');
    });

    it('pages through history with beforeVersion', async () => {
      for (let i = 1; i <= 5; i += 1) await configs.set('paged', { i });
      const newest = await configs.history('paged', { limit: 2 });
      const older = await configs.history('paged', { limit: 2, beforeVersion: newest.at(-1)!.version });
      const oldest = await configs.history('paged', { limit: 2, beforeVersion: older.at(-1)!.version });
      expect([...newest, ...older, ...oldest].map((v) => v.version)).toEqual([5, 4, 3, 2, 1]);
    });

    it('makes no new version when the active one is saved again, whatever the key order', async () => {
      const saved = await configs.set('stable', { a: 1, b: { c: [1, 2] } });
      const same = await configs.set('stable', { b: { c: [1, 2] }, a: 1 });
      expect(same.version).toBe(saved.version);
      expect(await rowsOf('stable')).toBe(1);
    });

    it('keeps the prompt template unless a change sets or removes it', async () => {
      await configs.set('writer', { tone: 'plain' }, { promptTemplate: 'Write about {{topic}}' });
      const kept = await configs.set('writer', { tone: 'warm' });
      expect(kept.promptTemplate).toBe('Write about {{topic}}');
      const changedTemplateOnly = await configs.set(
        'writer',
        { tone: 'warm' },
        { promptTemplate: 'Explain {{topic}}' },
      );
      expect(changedTemplateOnly.version).toBe(kept.version + 1);
      const removed = await configs.set('writer', { tone: 'warm' }, { promptTemplate: null });
      expect(removed.promptTemplate).toBeNull();
      expect(removed.version).toBe(changedTemplateOnly.version + 1);
    });

    it('rolls back to an earlier version as a new version', async () => {
      await configs.set('agent', { model: 'a' }, { promptTemplate: 'v1 prompt' });
      await configs.set('agent', { model: 'b' }, { promptTemplate: 'v2 prompt' });
      const restored = await configs.rollback('agent', 1);
      expect(restored).toMatchObject({
        version: 3,
        active: true,
        config: { model: 'a' },
        promptTemplate: 'v1 prompt',
        note: 'Rolled back to version 1',
      });
      expect(await configs.get('agent')).toEqual({ model: 'a' });
      expect((await configs.history('agent')).map((v) => v.config)).toEqual([
        { model: 'a' },
        { model: 'b' },
        { model: 'a' },
      ]);
      await expectStrataError(configs.rollback('agent', 9), 'NOT_FOUND');
      expect(await rowsOf('agent')).toBe(3);
    });

    it('lists the active version of every module', async () => {
      const modules = await configs.modules();
      const names = modules.map((m) => m.module);
      expect(names).toEqual([...names].sort());
      expect(modules.every((m) => m.active)).toBe(true);
      expect(modules.find((m) => m.module === 'ranking')?.version).toBe(3);
    });
  });

  describe('validation', () => {
    it('refuses a config its schema rejects, naming each problem, and saves nothing', async () => {
      await configs.set('search', { topK: 5 });
      const before = await rowsOf('search');
      const error = await expectStrataError(
        configs.set('search', { topK: 0, hybrid: 'yes' }),
        'CONFIG_INVALID',
      );
      expect(error.details.issues).toEqual(['topK: Expected a number >= 1', 'hybrid: Expected boolean']);
      expect(error.message).toContain('- topK: Expected a number >= 1');
      expect(await rowsOf('search')).toBe(before);
      expect(await configs.get('search')).toEqual({ topK: 5, hybrid: false });
    });

    it('stores what the schema returns, so its defaults apply', async () => {
      const saved = await configs.set('search', { topK: 7 });
      expect(saved.config).toEqual({ topK: 7, hybrid: false });
    });

    it('accepts a function returning errors, and a parse-only schema', async () => {
      await expectStrataError(configs.set('limits', { limit: -1 }), 'CONFIG_INVALID');
      expect((await configs.set('limits', { limit: 3 })).config).toEqual({ limit: 3 });
      const parsing = new ConfigurationStore(db, {
        validators: {
          strict: {
            parse(value: unknown) {
              if (typeof value !== 'string') throw new Error('expected a string');
              return value.trim();
            },
          },
        },
      });
      const error = await expectStrataError(parsing.set('strict', 42), 'CONFIG_INVALID');
      expect(error.details.issues).toEqual(['expected a string']);
      expect((await parsing.set('strict', '  padded  ')).config).toBe('padded');
    });

    it('refuses to roll back to a version the current schema rejects', async () => {
      const unchecked = new ConfigurationStore(db);
      await unchecked.set('limits', { limit: 0 });
      const rows = await rowsOf('limits');
      await expectStrataError(configs.rollback('limits', rows), 'CONFIG_INVALID');
      expect(await rowsOf('limits')).toBe(rows);
    });

    it('refuses values JSON cannot hold and bad module names', async () => {
      const error = await expectStrataError(configs.set('dates', { since: new Date(0) }), 'CONFIG_INVALID');
      expect(error.message).toContain('since is a Date object');
      await expectStrataError(configs.set('nan', { ratio: Number.NaN }), 'CONFIG_INVALID');
      await expectStrataError(configs.set('big', { n: 1n }), 'CONFIG_INVALID');
      await expectStrataError(configs.set('', {}), 'CONFIG_INVALID');
      await expectStrataError(configs.set('has space', {}), 'CONFIG_INVALID');
      expect(await rowsOf('dates')).toBe(0);
    });
  });

  describe('integrity under concurrency', () => {
    it('gives concurrent writers distinct, gap-free version numbers and one active version', async () => {
      const other = await connectTestDatabase(testDb);
      try {
        const stores = [configs, new ConfigurationStore(other)];
        const saved = await Promise.all(
          Array.from({ length: 12 }, (_, i) => stores[i % 2]!.set('contended', { writer: i })),
        );
        expect(saved.map((v) => v.version).sort((a, b) => a - b)).toEqual(
          Array.from({ length: 12 }, (_, i) => i + 1),
        );
        const active = (await configs.history('contended', { limit: 100 })).filter((v) => v.active);
        expect(active.map((v) => v.version)).toEqual([12]);
      } finally {
        await other.close();
      }
    });

    it('stores a default once when several processes start together', async () => {
      const other = await connectTestDatabase(testDb);
      try {
        const stores = [configs, new ConfigurationStore(other)];
        const results = await Promise.all(
          Array.from({ length: 6 }, (_, i) => stores[i % 2]!.current('boot', { default: { from: i } })),
        );
        expect(new Set(results.map((r) => r.version))).toEqual(new Set([1]));
        expect(new Set(results.map((r) => JSON.stringify(r.config))).size).toBe(1);
        expect(await rowsOf('boot')).toBe(1);
      } finally {
        await other.close();
      }
    });

    it('refuses a duplicate version number or a second active version at the table level', async () => {
      await configs.set('guarded', { x: 1 });
      await expect(
        testDb.query(
          `insert into system_configurations (module, version, config) values ('guarded', 1, '{}')`,
        ),
      ).rejects.toThrow(/duplicate key|unique/i);
      await expect(
        testDb.query(
          `insert into system_configurations (module, version, config, is_active) values ('guarded', 2, '{}', true)`,
        ),
      ).rejects.toThrow(/duplicate key|unique/i);
    });

    it.runIf(testBackend() === 'postgres')(
      'answers CONFLICT, not a duplicate version, to a writer whose snapshot is older than a rival version',
      async () => {
        const tx = await db.begin({ isolationLevel: 'repeatable read' });
        try {
          // The snapshot is taken here, before the rival's first version exists.
          await tx.executor.query('select count(*) from system_configurations');
          await configs.set('raced', { by: 'rival' });
          const error = await expectStrataError(
            new ConfigurationStore(tx).set('raced', { by: 'late' }),
            'CONFLICT',
          );
          expect(error.message).toContain('"raced"');
        } finally {
          await tx.rollback();
        }
        expect((await configs.history('raced')).map((v) => v.config)).toEqual([{ by: 'rival' }]);
      },
    );
  });
});
