/**
 * First-run seeding: the bundled sample corpus is ingested into an empty knowledge base.
 */
import type { IngestProgress, ProgressListener } from '../../src/ingest/index.js';
import { repository } from '../../src/repo/index.js';
import { CORPUS_DIR, loadCorpus } from './corpus.js';
import type { KnowledgeBase } from './knowledge-base.js';
import { documents } from './schema.js';

/** What seeding did. */
export type SeedResult =
  | { readonly kind: 'seeded'; readonly documents: number; readonly chunks: number }
  | { readonly kind: 'alreadySeeded'; readonly documents: number };

/**
 * Ingests the sample corpus when the knowledge base has no documents at all (deleted ones
 * count, so a user who cleared it out does not get the samples back). Each document is stored
 * with its chunks in one transaction.
 *
 * @example
 * ```ts
 * const result = await seedSampleCorpus(kb, { onProgress: (p) => console.log(p.phase, p.done, p.total) });
 * ```
 */
export async function seedSampleCorpus(
  kb: KnowledgeBase,
  options: { readonly onProgress?: ProgressListener; readonly corpusDir?: string } = {},
): Promise<SeedResult> {
  const existing = await repository(documents).with(kb.db).count({ withDeleted: true });
  if (existing > 0) return { kind: 'alreadySeeded', documents: existing };
  const corpus = await loadCorpus(options.corpusDir ?? CORPUS_DIR);
  const results = await kb.documents.ingestMany(
    kb.db,
    corpus.map((doc) => ({
      title: doc.title,
      content: doc.content,
      source: doc.source,
      metadata: doc.metadata,
    })),
    options.onProgress === undefined ? { progress: false } : { onProgress: options.onProgress },
  );
  return { kind: 'seeded', documents: results.length, chunks: results.reduce((sum, r) => sum + r.chunks, 0) };
}

/**
 * Progress as plain lines, for logs that are not a terminal: the start and end of each phase
 * and every quarter in between.
 *
 * @example
 * ```ts
 * const listener = progressLines((line) => console.log(line));
 * ```
 */
export function progressLines(write: (line: string) => void): ProgressListener {
  let phase: IngestProgress['phase'] | undefined;
  let lastQuarter = -1;
  const labels: Record<IngestProgress['phase'], string> = {
    embedding: 'Embedding chunks',
    storing: 'Storing documents',
  };
  return (progress) => {
    if (progress.phase !== phase) {
      phase = progress.phase;
      lastQuarter = -1;
    }
    const quarter = progress.total === 0 ? 4 : Math.floor((progress.done / progress.total) * 4);
    if (quarter === lastQuarter) return;
    lastQuarter = quarter;
    write(`  ${labels[progress.phase]}: ${progress.done}/${progress.total}`);
  };
}
