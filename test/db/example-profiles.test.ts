/**
 * The profiles example end to end: migrations to head, module profiles queried by JSON path,
 * passages searched under the IVFFlat cosine index with a metadata filter, the versioned
 * system configurations, and the way back to base.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_HISTORIES } from '../../examples/generate-migrations.js';
import {
  type AstrologyConfig,
  addPassages,
  DEFAULT_ASTROLOGY_CONFIG,
  moduleConfigurations,
  moduleProfilesRepo,
  type ProfilesDB,
  passageSearch,
  profileEmbedder,
  profileEmbeddingsRepo,
  profilesBySunSign,
  searchPassages,
  usersRepo,
} from '../../examples/profiles/queries.js';
import { embedOne } from '../../src/embed/index.js';
import type { SchemaModel } from '../../src/model/index.js';
import {
  countingSession,
  type ExampleDatabase,
  explain,
  objectNames,
  openExampleDatabase,
} from './example-harness.js';

const history = EXAMPLE_HISTORIES.profiles;

let example: ExampleDatabase<ProfilesDB>;
let atHead: SchemaModel;

const PEOPLE = [
  {
    email: 'ada@example.com',
    sign: 'Aries',
    bio: 'Ada is a bold fire sign leader who starts projects',
    reading: 'A year of career leadership and new beginnings',
  },
  {
    email: 'ben@example.com',
    sign: 'Leo',
    bio: 'Ben is a warm generous performer who loves the stage',
    reading: 'Creative projects and romance shine this year',
  },
  {
    email: 'cleo@example.com',
    sign: 'Aries',
    bio: 'Cleo is an energetic pioneer and fire sign competitor',
    reading: 'Health and daily routines need attention',
  },
  {
    email: 'dev@example.com',
    sign: 'Pisces',
    bio: 'Dev is a dreamy intuitive artist drawn to water',
    reading: 'Spiritual retreats and quiet reflection',
  },
] as const;

beforeAll(async () => {
  example = await openExampleDatabase<ProfilesDB>(history.directory);
});
afterAll(async () => {
  await example?.close();
});

describe('the profiles example', () => {
  it('migrates an empty database to head, with the IVFFlat, GIN and JSON path indexes', async () => {
    const result = await example.upgrade();
    expect(result.steps.map((s) => s.revision)).toEqual(['9f0f11000001']);
    atHead = await example.catalog();
    expect(objectNames(atHead)).toEqual({
      tables: ['module_profiles', 'profile_embeddings', 'system_configurations', 'users'],
      enums: [],
      extensions: ['vector'],
    });
    const embeddings = atHead.tables.find((t) => t.name === 'profile_embeddings')!;
    expect(embeddings.indexes.find((i) => i.name === 'profile_embeddings_embedding_idx')).toMatchObject({
      method: 'ivfflat',
      elements: [{ column: 'embedding', opclass: 'vector_cosine_ops' }],
      with: { lists: '100' },
    });
    expect(embeddings.indexes.find((i) => i.name === 'profile_embeddings_metadata_idx')).toMatchObject({
      method: 'gin',
      elements: [{ column: 'metadata' }],
    });
  });

  it('stores users with module profiles holding JSONB data and config', async () => {
    const db = example.db;
    for (const person of PEOPLE) {
      const user = await usersRepo
        .with(db)
        .create({ email: person.email, display_name: person.email.split('@')[0]! });
      const profile = await moduleProfilesRepo.with(db).create({
        user_id: user.id,
        module: 'astrology',
        data: { sun: { sign: person.sign, degree: person.email.length }, moon: { sign: 'Cancer' } },
        config: { chart: 'natal' },
      });
      await addPassages(db, profile.id, [
        { content: person.bio, metadata: { kind: 'bio', module: 'astrology' } },
        { content: person.reading, metadata: { kind: 'reading', module: 'astrology', year: 2026 } },
      ]);
    }
    const ada = await usersRepo
      .with(db)
      .findFirst({ where: { email: 'ada@example.com' }, with: { profiles: true } });
    // A second module for Ada, whose data has no sun at all.
    await moduleProfilesRepo
      .with(db)
      .create({ user_id: ada!.id, module: 'numerology', data: { lifePath: 7 } });
    expect(ada?.profiles.map((p) => p.config)).toEqual([{ chart: 'natal' }]);
    const twice = await moduleProfilesRepo
      .with(db)
      .create({ user_id: ada!.id, module: 'astrology' })
      .catch((e: unknown) => e);
    expect(twice).toMatchObject({
      code: 'UNIQUE_VIOLATION',
      details: { constraint: 'module_profiles_user_module_idx' },
    });
  });

  it("finds profiles by data -> 'sun' ->> 'sign' through the expression index", async () => {
    const { session, statements, params } = countingSession(example.db);
    const aries = await profilesBySunSign(session, 'astrology', 'Aries');
    expect(aries.map((p) => p.user?.email)).toEqual(['ada@example.com', 'cleo@example.com']);
    expect(statements[0]).toContain('->>');
    const plan = await explain(example.db, statements[0]!, params[0], { indexOnly: true });
    expect(plan).toContain('module_profiles_sun_sign_idx');
    expect(await profilesBySunSign(example.db, 'astrology', 'Virgo')).toEqual([]);
    expect(await profilesBySunSign(example.db, 'numerology', 'Aries')).toEqual([]);
  });

  it('searches passages by cosine distance under the IVFFlat index, filtered on metadata', async () => {
    const bios = await searchPassages(example.db, 'fire sign leader', {
      k: 3,
      metadata: { kind: 'bio' },
      probes: 100,
    });
    expect(bios.map((h) => h.row.content.split(' ')[0])).toEqual(['Ada', 'Cleo', expect.any(String)]);
    expect(bios.every((h) => (h.row.metadata as { kind?: string }).kind === 'bio')).toBe(true);
    // Probing all 100 lists, the index finds exactly what a full scan finds.
    const query = await embedOne(profileEmbedder, 'fire sign leader');
    const exact = await passageSearch.exact(example.db, query, {
      k: 3,
      where: { metadata: { contains: { kind: 'bio' } } },
    });
    expect(bios.map((h) => h.row.id)).toEqual(exact.map((h) => h.row.id));
    expect(bios.map((h) => h.distance)).toEqual(exact.map((h) => expect.closeTo(h.distance, 6)));

    const readings = await searchPassages(example.db, 'career leadership', {
      k: 2,
      metadata: { year: 2026 },
    });
    expect(readings).toHaveLength(2);
    expect(readings[0]!.row.content).toBe('A year of career leadership and new beginnings');

    const plan = passageSearch.planNearest(query, { k: 3, tuning: { probes: 100 } });
    expect(plan.indexes).toEqual(['profile_embeddings_embedding_idx']);
    expect(plan.settings).toContainEqual({ name: 'ivfflat.probes', value: '100' });
    expect(await explain(example.db, plan.sql, plan.params, { indexOnly: true })).toContain(
      'profile_embeddings_embedding_idx',
    );
  });

  it('filters passages on metadata through the GIN index', async () => {
    const { session, statements, params } = countingSession(example.db);
    const readings = await profileEmbeddingsRepo
      .with(session)
      .find({ where: { metadata: { contains: { kind: 'reading', year: 2026 } } }, orderBy: 'content' });
    expect(readings).toHaveLength(4);
    const plan = await explain(example.db, statements[0]!, params[0], { indexOnly: true });
    expect(plan).toContain('profile_embeddings_metadata_idx');
  });

  it('keeps module configurations versioned: default, set, history and rollback', async () => {
    const configs = moduleConfigurations(example.db);
    expect(await configs.get<AstrologyConfig>('astrology', { default: DEFAULT_ASTROLOGY_CONFIG })).toEqual(
      DEFAULT_ASTROLOGY_CONFIG,
    );
    // The default is saved once: a second get with another default returns the saved one.
    expect(await configs.get('astrology', { default: { houseSystem: 'koch', orbDegrees: 1 } })).toEqual(
      DEFAULT_ASTROLOGY_CONFIG,
    );
    const tighter = await configs.set<AstrologyConfig>(
      'astrology',
      { houseSystem: 'whole-sign', orbDegrees: 6 },
      { note: 'tighter orbs' },
    );
    expect(tighter.version).toBe(2);
    const invalid = await configs
      .set('astrology', { houseSystem: 'equal', orbDegrees: 20 })
      .catch((e: unknown) => e);
    expect(invalid).toMatchObject({ code: 'CONFIG_INVALID' });
    expect((invalid as Error).message).toMatch(/houseSystem[\s\S]*orbDegrees/);
    expect(await configs.get('astrology')).toEqual({ houseSystem: 'whole-sign', orbDegrees: 6 });

    const versions = await configs.history('astrology');
    expect(versions.map((v) => [v.version, v.active, v.note])).toEqual([
      [2, true, 'tighter orbs'],
      [1, false, 'Default'],
    ]);
    const restored = await configs.rollback<AstrologyConfig>('astrology', 1);
    expect(restored).toMatchObject({ version: 3, active: true, note: 'Rolled back to version 1' });
    expect(await configs.get('astrology')).toEqual(DEFAULT_ASTROLOGY_CONFIG);
    expect((await configs.history('astrology')).map((v) => v.version)).toEqual([3, 2, 1]);
    expect(await configs.get('numerology').catch((e: unknown) => e)).toMatchObject({ code: 'NOT_FOUND' });
  });

  it("deletes a user's profiles and passages with the user", async () => {
    const ada = await usersRepo.with(example.db).findFirst({ where: { email: 'ada@example.com' } });
    expect(await usersRepo.with(example.db).delete(ada!.id)).toBe(true);
    expect(await moduleProfilesRepo.with(example.db).count()).toBe(3);
    expect(await profileEmbeddingsRepo.with(example.db).count()).toBe(6);
  });

  it('downgrades to base, leaving none of its tables nor the extension, and upgrades again', async () => {
    await example.downgrade('base');
    expect(objectNames(await example.catalog())).toEqual({ tables: [], enums: [], extensions: [] });
    await example.upgrade();
    expect(await example.catalog()).toEqual(atHead);
    const configs = moduleConfigurations(example.db);
    expect(await configs.get('astrology').catch((e: unknown) => e)).toMatchObject({ code: 'NOT_FOUND' });
  });
});
