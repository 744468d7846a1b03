import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentChunks, EMBEDDING_DIMENSIONS, schema } from '../../examples/documents/schema.js';
import type { Database } from '../../src/db/database.js';
import type { SqlExecutor } from '../../src/db/executor.js';
import { toSql } from '../../src/ddl/index.js';
import { hashingEmbedder } from '../../src/embed/hashing-embedder.js';
import { seededRandom } from '../../src/search/clustered-vectors.js';
import { type Fusion, fuseRankings } from '../../src/search/fusion.js';
import type { SearchSession } from '../../src/search/search-session.js';
import { type HybridHit, vectorSearch } from '../../src/search/vector-search.js';
import { openTestDatabase, type TestDatabase } from '../support/backend.js';
import { connectTestDatabase } from '../support/connect.js';

const embedder = hashingEmbedder({ dimensions: EMBEDDING_DIMENSIONS });
const TOPICS = {
  databases: ['postgres', 'index', 'query', 'table', 'vacuum', 'planner', 'transaction', 'replication'],
  cooking: ['recipe', 'oven', 'flour', 'butter', 'sugar', 'bake', 'dough', 'salt'],
  travel: ['train', 'ticket', 'hotel', 'museum', 'station', 'luggage', 'map', 'city'],
  music: ['guitar', 'chord', 'melody', 'rhythm', 'piano', 'concert', 'tempo', 'song'],
};
const random = seededRandom(3);
const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;

interface Chunk {
  document: number;
  index: number;
  content: string;
}
const chunks: Chunk[] = [];
Object.values(TOPICS).forEach((words, document) => {
  for (let index = 0; index < 15; index += 1) {
    const sentence = Array.from({ length: 6 + Math.floor(random() * 6) }, () =>
      random() < 0.2 ? pick(pick(Object.values(TOPICS))) : pick(words),
    );
    chunks.push({ document, index, content: `${sentence.join(' ')}.` });
  }
});

let testDb: TestDatabase;
let db: Database;
let documentIds: string[];
const search = vectorSearch(documentChunks, 'embedding');

beforeAll(async () => {
  testDb = await openTestDatabase();
  db = await connectTestDatabase(testDb);
  await db.executor.exec(toSql(schema.model));
  await db.refreshTypes();
  const inserted = await db.executor.query<{ id: string }>(
    `insert into documents (title, content) select 'Document ' || n, '' from generate_series(1, 4) n order by n returning id`,
  );
  documentIds = inserted.rows.map((r) => r.id);
  const vectors = await embedder.embed(chunks.map((c) => c.content));
  await db.executor.query(
    `insert into document_chunks (document_id, chunk_index, content, embedding, embedding_model)
     select u.d::uuid, u.i, u.c, u.e::vector, $5 from unnest($1::text[], $2::int[], $3::text[], $4::text[]) as u(d, i, c, e)`,
    [
      chunks.map((c) => documentIds[c.document]),
      chunks.map((c) => c.index),
      chunks.map((c) => c.content),
      vectors.map((v) => `[${v.join(',')}]`),
      embedder.model,
    ],
  );
});

afterAll(async () => {
  await db?.close();
  await testDb?.close();
});

type Hit = HybridHit<{ id: string; content: string; document_id: string }>;

/** The two rankings a hybrid result was fused from, when every candidate came back. */
function sides(hits: readonly Hit[]) {
  const vector = hits
    .filter((h) => h.vector !== null)
    .sort((a, b) => a.vector!.rank - b.vector!.rank)
    .map((h) => ({ key: h.row.id, score: h.vector!.distance, rank: h.vector!.rank }));
  const text = hits
    .filter((h) => h.text !== null)
    .sort((a, b) => a.text!.rank - b.text!.rank)
    .map((h) => ({ key: h.row.id, score: h.text!.score, rank: h.text!.rank }));
  return { vector, text };
}

async function textRanking(query: string, limit: number, documentId?: string): Promise<string[]> {
  const { rows } = await db.executor.query<{ id: string }>(
    `select id from document_chunks
     where is_active and search_vector @@ websearch_to_tsquery('english', $1) and ($3::uuid is null or document_id = $3::uuid)
     order by ts_rank(search_vector, websearch_to_tsquery('english', $1)) desc, id limit $2`,
    [query, limit, documentId ?? null],
  );
  return rows.map((r) => r.id);
}

describe('hybrid search', () => {
  const query = 'postgres or query or planner';

  for (const fusion of [
    { kind: 'rrf' },
    { kind: 'rrf', k: 10, textWeight: 2 },
    { kind: 'weighted' },
  ] as Fusion[]) {
    it(`fuses the vector and text rankings exactly as fuseRankings does (${JSON.stringify(fusion)})`, async () => {
      const [vector] = await embedder.embed([query]);
      const hits = (await search.hybrid(db, {
        text: query,
        vector: vector!,
        k: 200,
        candidates: 12,
        fusion,
      })) as Hit[];
      const { vector: v, text: t } = sides(hits);
      expect(v).toHaveLength(12);
      expect(t.length).toBeGreaterThan(3);
      expect(v.map((e) => e.rank)).toEqual(v.map((_, i) => i + 1));
      expect(t.map((e) => e.rank)).toEqual(t.map((_, i) => i + 1));
      // Each side is what a plain search of that side finds.
      const nearest = await search.nearest(db, vector!, { k: 12 });
      expect(v.map((e) => e.key)).toEqual(nearest.map((h) => h.row.id));
      expect(t.map((e) => e.key)).toEqual(await textRanking(query, 12));
      const expected = fuseRankings(v, t, fusion);
      expect(hits.map((h) => h.row.id)).toEqual(expected.map((e) => e.key));
      hits.forEach((hit, i) => {
        expect(hit.fusedScore).toBeCloseTo(expected[i]!.fusedScore, 12);
      });
    });
  }

  it('keeps null for the side that did not find a row, and its rank and score for the other', async () => {
    // A vector about music and words about cooking: the two sides find different rows.
    const [vector] = await embedder.embed(['guitar chord melody']);
    const hits = (await search.hybrid(db, { text: 'oven', vector: vector!, k: 200, candidates: 5 })) as Hit[];
    const textOnly = hits.filter((h) => h.vector === null);
    const vectorOnly = hits.filter((h) => h.text === null);
    expect(textOnly.length).toBeGreaterThan(0);
    expect(vectorOnly.length).toBeGreaterThan(0);
    for (const hit of hits) {
      if (hit.text !== null) expect(hit.row.content).toMatch(/\boven\b/);
      if (hit.vector !== null) expect(hit.vector.similarity).toBeCloseTo(1 - hit.vector.distance, 12);
    }
  });

  it('embeds the text with the embedder when no vector is given', async () => {
    const [vector] = await embedder.embed(['bake bread in the oven']);
    const byVector = await search.hybrid(db, { text: 'bake bread in the oven', vector: vector!, k: 8 });
    const byEmbedder = await search.hybrid(db, { text: 'bake bread in the oven', embedder, k: 8 });
    expect(byEmbedder).toEqual(byVector);
  });

  it('applies filters to both sides', async () => {
    const documentId = documentIds[2]!; // travel
    const hits = (await search.hybrid(db, {
      text: 'postgres guitar train',
      embedder,
      k: 100,
      candidates: 10,
      where: { document_id: documentId },
    })) as Hit[];
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((h) => h.row.document_id === documentId)).toBe(true);
    const { text } = sides(hits);
    expect(text.map((e) => e.key)).toEqual(await textRanking('postgres guitar train', 10, documentId));
  });

  it('leaves soft-deleted chunks out of both sides', async () => {
    const [best] = (await search.hybrid(db, { text: 'vacuum replication', embedder, k: 1 })) as Hit[];
    await db.executor.query('update document_chunks set is_active = false where id = $1', [best!.row.id]);
    try {
      const hits = (await search.hybrid(db, { text: 'vacuum replication', embedder, k: 100 })) as Hit[];
      expect(hits.some((h) => h.row.id === best!.row.id)).toBe(false);
      const all = (await search.hybrid(db, {
        text: 'vacuum replication',
        embedder,
        k: 100,
        withDeleted: true,
      })) as Hit[];
      expect(all.some((h) => h.row.id === best!.row.id)).toBe(true);
    } finally {
      await db.executor.query('update document_chunks set is_active = true where id = $1', [best!.row.id]);
    }
  });

  it('understands web search syntax: quoted phrases and -exclusions', async () => {
    const hits = (await search.hybrid(db, { text: 'oven -butter', embedder, k: 100 })) as Hit[];
    const textHits = hits.filter((h) => h.text !== null);
    expect(textHits.length).toBeGreaterThan(0);
    for (const hit of textHits) {
      expect(hit.row.content).toMatch(/\boven\b/);
      expect(hit.row.content).not.toMatch(/\bbutter\b/);
    }
  });

  it('pages with k and offset through the fused ranking', async () => {
    const all = await search.hybrid(db, { text: 'hotel museum', embedder, k: 20, candidates: 40 });
    const page = await search.hybrid(db, { text: 'hotel museum', embedder, k: 5, offset: 5, candidates: 40 });
    expect(page).toEqual(all.slice(5, 10));
  });

  it('searches a text expression of the table when there is no tsvector column to use', async () => {
    const byColumns = vectorSearch(documentChunks, 'embedding', {
      text: { columns: ['content'], config: 'english' },
    });
    const a = await byColumns.hybrid(db, { text: 'piano concert', embedder, k: 10 });
    const b = await search.hybrid(db, { text: 'piano concert', embedder, k: 10 });
    expect(a).toEqual(b);
  });

  it('is one statement, and uses the HNSW and GIN indexes', async () => {
    const statements: string[] = [];
    const recorder = (executor: SqlExecutor): SqlExecutor => ({
      backend: executor.backend,
      query: (sql, params) => {
        statements.push(sql);
        return executor.query(sql, params);
      },
      exec: (sql) => executor.exec(sql),
    });
    const session: SearchSession = {
      executor: recorder(db.executor),
      isTransaction: false,
      transaction: (fn) => db.transaction(fn),
    };
    const [vector] = await embedder.embed(['tempo rhythm']);
    await search.hybrid(session, { text: 'tempo rhythm', vector: vector!, k: 5 });
    expect(statements).toHaveLength(1);
    const plan = search.planHybrid({ text: 'tempo rhythm', vector: vector!, k: 5 });
    const explained = await db.transaction(async (tx) => {
      await tx.executor.exec('set local enable_seqscan = off');
      const { rows } = await tx.executor.query<Record<string, string>>(`explain ${plan.sql}`, plan.params);
      return rows.map((r) => Object.values(r)[0]).join('\n');
    });
    expect(explained).toContain('document_chunks_embedding_idx');
    expect(explained).toContain('document_chunks_search_idx');
  });
});
