/**
 * Job search: postings with a 1536-dimension culture embedding searched by cosine distance,
 * personas with JSONB skills under a GIN index, resume versions with the PDF stored as BYTEA.
 */
import {
  bytea,
  defineSchema,
  index,
  integer,
  jsonb,
  numeric,
  table,
  text,
  timestamps,
  uuid,
  uuidPrimaryKey,
  varchar,
  vector,
} from '../../src/schema/index.js';

export const CULTURE_DIMENSIONS = 1536;

export const jobPostings = table(
  'job_postings',
  {
    id: uuidPrimaryKey(),
    company: varchar(200).notNull(),
    title: varchar(200).notNull(),
    description: text().notNull(),
    location: text(),
    salary_min: numeric(12, 2),
    salary_max: numeric(12, 2),
    culture_embedding: vector(CULTURE_DIMENSIONS),
    ...timestamps(),
  },
  (t) => [
    index('job_postings_culture_idx')
      .using('hnsw', t.culture_embedding.op('vector_cosine_ops'))
      .with({ m: 16, ef_construction: 64 }),
    index('job_postings_company_idx').on(t.company),
  ],
);

export interface Skill {
  name: string;
  level: 'beginner' | 'intermediate' | 'expert';
  years?: number;
}

export const personas = table(
  'personas',
  {
    id: uuidPrimaryKey(),
    name: varchar(200).notNull(),
    headline: text(),
    skills: jsonb<{ skills: Skill[] }>().notNull().default({ skills: [] }),
    ...timestamps(),
  },
  (t) => [index('personas_skills_idx').using('gin', t.skills.op('jsonb_path_ops'))],
);

export const resumeVersions = table(
  'resume_versions',
  {
    id: uuidPrimaryKey(),
    persona_id: uuid()
      .notNull()
      .references(() => personas.columns.id, { onDelete: 'cascade' }),
    version: integer().notNull(),
    file_name: text().notNull(),
    content_type: text().notNull().default('application/pdf'),
    pdf: bytea().notNull(),
    ...timestamps(),
  },
  (t) => [index('resume_versions_persona_version_idx').on(t.persona_id, t.version).unique()],
);

export const schema = defineSchema({ jobPostings, personas, resumeVersions });
