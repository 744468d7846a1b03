/**
 * How the profile modules use Strata: module profiles queried by JSON path (the sun sign of
 * an astrology profile, served by an expression index), passages of a profile searched by
 * cosine distance under an IVFFlat index with a metadata filter the GIN index serves, and each
 * module's settings in the versioned configuration store.
 */

import { ConfigurationStore, type ConfigValidator } from '../../src/configuration/index.js';
import type { Session } from '../../src/db/index.js';
import { type Embedder, embedOne, hashingEmbedder } from '../../src/embed/index.js';
import { repository } from '../../src/repo/index.js';
import type { DatabaseOf } from '../../src/schema/index.js';
import { vectorSearch } from '../../src/search/index.js';
import { moduleProfiles, PROFILE_DIMENSIONS, profileEmbeddings, type schema, users } from './schema.js';

/** The Kysely database type of the example. */
export type ProfilesDB = DatabaseOf<typeof schema>;

/** The offline embedder of profile passages (lexical, deterministic). */
export const profileEmbedder: Embedder = hashingEmbedder({ dimensions: PROFILE_DIMENSIONS });

export const usersRepo = repository(users, {
  key: 'id',
  relations: (r) => ({ profiles: r.hasMany(moduleProfiles, { to: 'user_id' }) }),
});
export const moduleProfilesRepo = repository(moduleProfiles, {
  key: 'id',
  relations: (r) => ({
    user: r.belongsTo(users, { from: 'user_id' }),
    passages: r.hasMany(profileEmbeddings, { to: 'profile_id' }),
  }),
});
export const profileEmbeddingsRepo = repository(profileEmbeddings, { key: 'id' });

/** Search over the passages' embeddings: cosine, from the IVFFlat index's operator class. */
export const passageSearch = vectorSearch(profileEmbeddings, 'embedding');

/**
 * Profiles of a module whose data has this sun sign: `data -> 'sun' ->> 'sign' = $sign`, the
 * expression `module_profiles_sun_sign_idx` indexes.
 *
 * @example
 * ```ts
 * const aries = await profilesBySunSign(db, 'astrology', 'Aries');
 * ```
 */
export function profilesBySunSign(session: Session<ProfilesDB>, module: string, sign: string) {
  return moduleProfilesRepo.with(session).find({
    where: { module, data: { path: ['sun', 'sign'], eq: sign } },
    orderBy: 'created_at',
    with: { user: { select: ['email', 'display_name'] } },
  });
}

/** A passage of a profile to embed and store. */
export interface PassageInput {
  readonly content: string;
  readonly metadata?: Readonly<Record<string, unknown>>;
}

/** Embeds passages of a profile (one embedder call) and stores them. */
export async function addPassages(
  session: Session<ProfilesDB>,
  profileId: string,
  passages: readonly PassageInput[],
  embedder: Embedder = profileEmbedder,
) {
  const vectors = await embedder.embed(passages.map((p) => p.content));
  return profileEmbeddingsRepo.with(session).createMany(
    passages.map((p, i) => ({
      profile_id: profileId,
      content: p.content,
      embedding: vectors[i]!,
      metadata: { ...p.metadata },
    })),
  );
}

/**
 * Passages nearest a text, among those whose metadata contains `metadata` (JSONB `@>`).
 * `probes` is how many of the IVFFlat index's 100 lists are scanned (default √lists = 10);
 * 100 makes the search exact.
 *
 * @example
 * ```ts
 * const hits = await searchPassages(db, 'career advice', { metadata: { kind: 'reading' }, k: 3 });
 * ```
 */
export async function searchPassages(
  session: Session<ProfilesDB>,
  text: string,
  options: {
    readonly k?: number;
    readonly metadata?: Readonly<Record<string, unknown>>;
    readonly probes?: number;
    readonly embedder?: Embedder;
  } = {},
) {
  const query = await embedOne(options.embedder ?? profileEmbedder, text);
  return passageSearch.nearest(session, query, {
    k: options.k ?? 5,
    ...(options.metadata === undefined ? {} : { where: { metadata: { contains: options.metadata } } }),
    ...(options.probes === undefined ? {} : { tuning: { probes: options.probes } }),
  });
}

/** The configuration of the astrology module. */
export interface AstrologyConfig {
  readonly houseSystem: 'placidus' | 'whole-sign' | 'koch';
  readonly orbDegrees: number;
}

/** The astrology module's first configuration, saved by the first `get`. */
export const DEFAULT_ASTROLOGY_CONFIG: AstrologyConfig = { houseSystem: 'placidus', orbDegrees: 8 };

const astrologyValidator: ConfigValidator = (value) => {
  const config = value as Partial<AstrologyConfig> | null;
  const problems: string[] = [];
  if (typeof config !== 'object' || config === null) return 'must be an object';
  if (!['placidus', 'whole-sign', 'koch'].includes(String(config.houseSystem))) {
    problems.push('houseSystem must be placidus, whole-sign or koch');
  }
  if (typeof config.orbDegrees !== 'number' || config.orbDegrees < 0 || config.orbDegrees > 15) {
    problems.push('orbDegrees must be a number from 0 to 15');
  }
  return problems;
};

/**
 * The modules' configurations, versioned in `system_configurations`, the astrology module's
 * checked before it is saved.
 *
 * @example
 * ```ts
 * const configs = moduleConfigurations(db);
 * const { orbDegrees } = await configs.get<AstrologyConfig>('astrology', { default: DEFAULT_ASTROLOGY_CONFIG });
 * ```
 */
export function moduleConfigurations(session: Session<ProfilesDB>): ConfigurationStore {
  return new ConfigurationStore(session, { validators: { astrology: astrologyValidator } });
}
