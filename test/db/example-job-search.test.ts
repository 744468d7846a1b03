/**
 * The job search example end to end: migrations to head, postings matched by the cosine
 * distance of 1536-dimension culture embeddings (HNSW), personas found by JSONB skill
 * containment (GIN), resume PDFs round-tripped through BYTEA, and the way back to base.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_HISTORIES } from '../../examples/generate-migrations.js';
import {
  addPostings,
  cultureEmbedder,
  cultureSearch,
  type JobSearchDB,
  jobPostingsRepo,
  latestResume,
  matchCulture,
  personasRepo,
  personasWithSkills,
  resumeVersionsRepo,
  saveResume,
} from '../../examples/job-search/queries.js';
import { CULTURE_DIMENSIONS } from '../../examples/job-search/schema.js';
import { embedOne } from '../../src/embed/index.js';
import type { SchemaModel } from '../../src/model/index.js';
import {
  countingSession,
  type ExampleDatabase,
  explain,
  objectNames,
  openExampleDatabase,
} from './example-harness.js';

const history = EXAMPLE_HISTORIES['job-search'];

let example: ExampleDatabase<JobSearchDB>;
let atHead: SchemaModel;
const personaIds: Record<string, string> = {};

const POSTINGS = [
  {
    company: 'Acme Robotics',
    location: 'Berlin',
    culture: 'Remote-first team, async written communication, flexible hours',
  },
  { company: 'Birch Bank', location: 'London', culture: 'Formal dress code, office five days a week' },
  {
    company: 'Cobalt Games',
    location: 'Berlin',
    culture: 'Crunch-free studio, playful culture, weekly demos',
  },
  {
    company: 'Delta Health',
    location: 'Remote',
    culture: 'Mission driven care team, async written updates, flexible schedule',
  },
  {
    company: 'Echo Ads',
    location: 'London',
    culture: 'Fast paced sales office with targets and commissions',
  },
] as const;

/** A PDF-shaped buffer: a real header and trailer around every byte value, quotes and backslashes included. */
function pdfLike(kib: number, seed: number): Uint8Array {
  const head = Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n', 'latin1');
  const body = Buffer.alloc(kib * 1024);
  for (let i = 0; i < body.length; i += 1) body[i] = (i * 31 + seed) & 0xff;
  return new Uint8Array(Buffer.concat([head, body, Buffer.from('\ntrailer << /Root 1 0 R >>\n%%EOF\n')]));
}

function cosineDistance(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i += 1) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return 1 - dot / Math.sqrt(na * nb);
}

beforeAll(async () => {
  example = await openExampleDatabase<JobSearchDB>(history.directory);
});
afterAll(async () => {
  await example?.close();
});

describe('the job-search example', () => {
  it('migrates an empty database to head, with pgvector and the HNSW cosine index', async () => {
    const result = await example.upgrade();
    expect(result.steps.map((s) => s.revision)).toEqual(['10b5ea000001']);
    atHead = await example.catalog();
    expect(objectNames(atHead)).toEqual({
      tables: ['job_postings', 'personas', 'resume_versions'],
      enums: [],
      extensions: ['vector'],
    });
    const postings = atHead.tables.find((t) => t.name === 'job_postings')!;
    expect(postings.columns.find((c) => c.name === 'culture_embedding')?.type).toMatchObject({
      name: 'vector',
      modifiers: [CULTURE_DIMENSIONS],
    });
    expect(postings.indexes.find((i) => i.name === 'job_postings_culture_idx')).toMatchObject({
      method: 'hnsw',
      elements: [{ column: 'culture_embedding', opclass: 'vector_cosine_ops' }],
      with: { m: '16', ef_construction: '64' },
    });
  });

  it('stores postings with 1536-dimension culture embeddings', async () => {
    const created = await addPostings(
      example.db,
      POSTINGS.map((p, i) => ({
        ...p,
        title: 'Software engineer',
        description: `Opening ${i + 1}`,
        salary_min: '65000.00',
        salary_max: `${90000 + i * 5000}.50`,
      })),
    );
    expect(created).toHaveLength(POSTINGS.length);
    const stored = await jobPostingsRepo
      .with(example.db)
      .get(created[0]!.id, { select: ['company', 'salary_max', 'culture_embedding'] });
    expect(stored?.company).toBe('Acme Robotics');
    expect(stored?.salary_max).toBe('90000.50');
    expect(stored?.culture_embedding).toHaveLength(CULTURE_DIMENSIONS);
  });

  it('finds the postings nearest a culture by cosine distance, nearest first', async () => {
    const description = 'async written communication and flexible hours';
    const hits = await matchCulture(example.db, description, { k: 5 });
    expect(hits.map((h) => h.row.company).slice(0, 2)).toEqual(['Acme Robotics', 'Delta Health']);
    const distances = hits.map((h) => h.distance);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    // The distances are the cosine distances of the embeddings, and similarity is 1 − distance.
    const query = await embedOne(cultureEmbedder, description);
    const vectors = await cultureEmbedder.embed(POSTINGS.map((p) => p.culture));
    for (const hit of hits) {
      const i = POSTINGS.findIndex((p) => p.company === hit.row.company);
      expect(hit.distance).toBeCloseTo(cosineDistance(query, vectors[i]!), 5);
      expect(hit.similarity).toBeCloseTo(1 - hit.distance, 12);
    }
    // The index finds what an exact scan finds.
    const exact = await cultureSearch.exact(example.db, query, { k: 5 });
    expect(hits.map((h) => h.row.id)).toEqual(exact.map((h) => h.row.id));
    expect(hits[0]!.row).not.toHaveProperty('culture_embedding');
  });

  it('runs the cosine search through the HNSW index, with filters applied', async () => {
    const query = await embedOne(cultureEmbedder, 'office with targets');
    const plan = cultureSearch.planNearest(query, { k: 3 });
    expect(plan.indexes).toEqual(['job_postings_culture_idx']);
    expect(await explain(example.db, plan.sql, plan.params, { indexOnly: true })).toContain(
      'job_postings_culture_idx',
    );
    const london = await matchCulture(example.db, 'office with targets', {
      k: 3,
      where: { location: 'London' },
    });
    expect(london.map((h) => h.row.company)).toEqual(['Echo Ads', 'Birch Bank']);
  });

  it('finds personas by the skills their JSONB document contains, through the GIN index', async () => {
    const db = example.db;
    const people = await personasRepo.with(db).createMany([
      {
        name: 'Ana',
        skills: {
          skills: [
            { name: 'typescript', level: 'expert', years: 6 },
            { name: 'postgres', level: 'intermediate' },
          ],
        },
      },
      {
        name: 'Ben',
        skills: {
          skills: [
            { name: 'python', level: 'expert' },
            { name: 'postgres', level: 'expert', years: 9 },
          ],
        },
      },
      { name: 'Caro', skills: { skills: [{ name: 'typescript', level: 'beginner' }] } },
      { name: 'Dan' },
    ]);
    for (const p of people) personaIds[p.name] = p.id;
    expect(people.at(-1)?.skills).toEqual({ skills: [] });

    const names = async (skills: Parameters<typeof personasWithSkills>[1]) =>
      (await personasWithSkills(db, skills)).map((p) => p.name);
    expect(await names([{ name: 'postgres' }])).toEqual(['Ana', 'Ben']);
    expect(await names([{ name: 'typescript', level: 'expert' }])).toEqual(['Ana']);
    expect(await names([{ name: 'typescript' }, { name: 'postgres' }])).toEqual(['Ana']);
    expect(await names([{ name: 'postgres', years: 9 }])).toEqual(['Ben']);
    expect(await names([{ name: 'rust' }])).toEqual([]);

    const { session, statements, params } = countingSession(db);
    await personasWithSkills(session, [{ name: 'postgres' }]);
    expect(statements[0]).toContain('@>');
    expect(await explain(db, statements[0]!, params[0], { indexOnly: true })).toContain(
      'personas_skills_idx',
    );
  });

  it('stores resume PDFs as BYTEA, byte for byte, one version after another', async () => {
    const db = example.db;
    const first = pdfLike(64, 1);
    const second = pdfLike(200, 2);
    const v1 = await saveResume(db, personaIds.Ana!, 'ana-2025.pdf', first);
    const v2 = await saveResume(db, personaIds.Ana!, 'ana-2026.pdf', second);
    expect([v1.version, v2.version]).toEqual([1, 2]);
    expect(v2.content_type).toBe('application/pdf');

    const latest = await latestResume(db, personaIds.Ana!);
    expect(latest?.file_name).toBe('ana-2026.pdf');
    expect(latest?.pdf).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(latest!.pdf).equals(Buffer.from(second))).toBe(true);
    const older = await resumeVersionsRepo.with(db).getOrThrow(v1.id);
    expect(Buffer.from(older.pdf).equals(Buffer.from(first))).toBe(true);
    expect(Buffer.from(older.pdf).subarray(0, 8).toString('latin1')).toBe('%PDF-1.7');

    // What PostgreSQL holds is the bytes themselves, not an encoding of them.
    const stored = await db.executor.query<{ size: number; sha: string }>(
      "select octet_length(pdf) as size, encode(sha256(pdf), 'hex') as sha from resume_versions where id = $1",
      [v2.id],
    );
    expect(stored.rows[0]).toEqual({
      size: second.length,
      sha: createHash('sha256').update(second).digest('hex'),
    });

    const clash = await resumeVersionsRepo
      .with(db)
      .create({ persona_id: personaIds.Ana!, version: 2, file_name: 'again.pdf', pdf: first })
      .catch((e: unknown) => e);
    expect(clash).toMatchObject({
      code: 'UNIQUE_VIOLATION',
      details: { constraint: 'resume_versions_persona_version_idx' },
    });
  });

  it("deletes a persona's resumes with the persona", async () => {
    expect(await personasRepo.with(example.db).delete(personaIds.Ana!)).toBe(true);
    expect(await resumeVersionsRepo.with(example.db).count()).toBe(0);
  });

  it('downgrades to base, leaving none of its tables nor the extension, and upgrades again', async () => {
    await example.downgrade('base');
    expect(objectNames(await example.catalog())).toEqual({ tables: [], enums: [], extensions: [] });
    await example.upgrade();
    expect(await example.catalog()).toEqual(atHead);
    // The connection reads vectors again once the extension is back.
    const [again] = await addPostings(example.db, [
      { company: 'Fern', title: 'Engineer', description: 'Opening', culture: 'quiet, focused, async' },
    ]);
    const hits = await matchCulture(example.db, 'quiet focused async', { k: 1 });
    expect(hits.map((h) => h.row.id)).toEqual([again!.id]);
  });
});
