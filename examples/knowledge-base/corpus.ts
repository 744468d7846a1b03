/**
 * The sample corpus bundled with the knowledge base: short markdown documents about databases
 * and vector search, ingested the first time the service starts on an empty database.
 */
import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder of the bundled sample documents. */
export const CORPUS_DIR = fileURLToPath(new URL('./corpus/', import.meta.url));

/** A document ready to ingest. */
export interface CorpusDocument {
  readonly kind: 'corpusDocument';
  readonly title: string;
  /** The markdown body, without its title heading and tag line. */
  readonly content: string;
  /** Where it came from, e.g. `corpus/04-hnsw-indexes.md`. */
  readonly source: string;
  readonly metadata: { readonly tags: readonly string[] };
}

const TAG_LINE = /^_Tags: (.*)_$/;

/**
 * Reads one corpus file: the first `# ` heading is the title, an `_Tags: a, b_` line gives the
 * tags, the rest is the content.
 *
 * @example
 * ```ts
 * parseCorpusDocument('# HNSW\n\n_Tags: pgvector_\n\nA graph index.', 'corpus/hnsw.md');
 * // { title: 'HNSW', content: 'A graph index.', metadata: { tags: ['pgvector'] }, ... }
 * ```
 */
export function parseCorpusDocument(markdown: string, source: string): CorpusDocument {
  const lines = markdown.replace(/\r\n/g, '\n').split('\n');
  const titleIndex = lines.findIndex((line) => line.startsWith('# '));
  const title = titleIndex >= 0 ? lines[titleIndex]!.slice(2).trim() : basename(source).replace(/\.md$/, '');
  let tags: string[] = [];
  const body = lines.filter((line, index) => {
    if (index === titleIndex) return false;
    const tagLine = TAG_LINE.exec(line.trim());
    if (tagLine) {
      tags = tagLine[1]!
        .split(',')
        .map((tag) => tag.trim())
        .filter((tag) => tag !== '');
      return false;
    }
    return true;
  });
  return {
    kind: 'corpusDocument',
    title,
    content: body.join('\n').trim(),
    source,
    metadata: { tags },
  };
}

/** Every document of a corpus folder (default: the bundled one), in file name order. */
export async function loadCorpus(directory: string = CORPUS_DIR): Promise<CorpusDocument[]> {
  const names = (await readdir(directory)).filter((name) => name.endsWith('.md')).sort();
  const documents: CorpusDocument[] = [];
  for (const name of names) {
    documents.push(parseCorpusDocument(await readFile(join(directory, name), 'utf8'), `corpus/${name}`));
  }
  return documents;
}
