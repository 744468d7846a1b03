/**
 * How the job search system uses Strata: postings found by the cosine distance of their
 * culture embedding (the search API over the HNSW index), personas found by the skills their
 * JSONB document contains (a repository filter the GIN index serves), and resume PDFs kept as
 * BYTEA, version after version.
 */
import type { Session } from '../../src/db/index.js';
import { type Embedder, embedOne, hashingEmbedder } from '../../src/embed/index.js';
import { repository, type Where } from '../../src/repo/index.js';
import type { DatabaseOf, Insert } from '../../src/schema/index.js';
import { vectorSearch } from '../../src/search/index.js';
import {
  CULTURE_DIMENSIONS,
  jobPostings,
  personas,
  resumeVersions,
  type Skill,
  type schema,
} from './schema.js';

/** The Kysely database type of the example. */
export type JobSearchDB = DatabaseOf<typeof schema>;

/** The offline embedder for culture texts (lexical; swap in a real model for semantic matches). */
export const cultureEmbedder: Embedder = hashingEmbedder({ dimensions: CULTURE_DIMENSIONS });

export const jobPostingsRepo = repository(jobPostings, { key: 'id' });
export const personasRepo = repository(personas, {
  key: 'id',
  relations: (r) => ({ resumes: r.hasMany(resumeVersions, { to: 'persona_id' }) }),
});
export const resumeVersionsRepo = repository(resumeVersions, { key: 'id' });

/** Search over the postings' culture embeddings: cosine, from the HNSW index's operator class. */
export const cultureSearch = vectorSearch(jobPostings, 'culture_embedding');

/** A posting to add, with the text its culture embedding is made from. */
export type PostingInput = Omit<Insert<typeof jobPostings>, 'culture_embedding'> & {
  readonly culture: string;
};

/**
 * Adds postings, embedding their culture texts in one call.
 *
 * @example
 * ```ts
 * await addPostings(db, [{ company: 'Acme', title: 'Engineer', description: '…', culture: 'remote, async' }]);
 * ```
 */
export async function addPostings(
  session: Session<JobSearchDB>,
  postings: readonly PostingInput[],
  embedder: Embedder = cultureEmbedder,
) {
  const vectors = await embedder.embed(postings.map((p) => p.culture));
  return jobPostingsRepo.with(session).createMany(
    postings.map(({ culture: _culture, ...posting }, i) => ({
      ...posting,
      culture_embedding: vectors[i]!,
    })),
  );
}

/**
 * The postings whose culture is nearest (cosine) to the one described, nearest first.
 *
 * @example
 * ```ts
 * const hits = await matchCulture(db, 'small team, written communication', { k: 5, where: { location: 'Berlin' } });
 * hits[0]?.row.company; hits[0]?.similarity;
 * ```
 */
export async function matchCulture(
  session: Session<JobSearchDB>,
  description: string,
  options: {
    readonly k?: number;
    readonly where?: Where<typeof jobPostings>;
    readonly embedder?: Embedder;
  } = {},
) {
  const query = await embedOne(options.embedder ?? cultureEmbedder, description);
  return cultureSearch.nearest(session, query, {
    k: options.k ?? 5,
    ...(options.where === undefined ? {} : { where: options.where }),
  });
}

/**
 * Personas having every listed skill (each a part of a skill: `{ name: 'postgres' }`, or
 * `{ name: 'typescript', level: 'expert' }`): JSONB containment (`@>`), which the
 * `personas_skills_idx` GIN index (jsonb_path_ops) serves.
 */
export function personasWithSkills(session: Session<JobSearchDB>, skills: readonly Partial<Skill>[]) {
  return personasRepo.with(session).find({ where: { skills: { contains: { skills } } }, orderBy: 'name' });
}

/**
 * Stores a new version of a persona's resume (the next number after the latest one). The
 * persona's row is locked meanwhile, so two uploads at once get versions one after the other.
 *
 * @example
 * ```ts
 * const saved = await saveResume(db, personaId, 'resume.pdf', await readFile('resume.pdf'));
 * saved.version; // 1, then 2, …
 * ```
 */
export function saveResume(
  session: Session<JobSearchDB>,
  personaId: string,
  fileName: string,
  pdf: Uint8Array,
) {
  return session.transaction(async (tx) => {
    await personasRepo.with(tx).find({ where: { id: personaId }, select: ['id'], lock: 'update' });
    const latest = await latestResume(tx, personaId);
    return resumeVersionsRepo
      .with(tx)
      .create({ persona_id: personaId, version: (latest?.version ?? 0) + 1, file_name: fileName, pdf });
  });
}

/** The latest resume of a persona, with its bytes; undefined when there is none. */
export function latestResume(session: Session<JobSearchDB>, personaId: string) {
  return resumeVersionsRepo
    .with(session)
    .findFirst({ where: { persona_id: personaId }, orderBy: [['version', 'desc']] });
}
