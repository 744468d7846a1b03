import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/index.js';
import type { Where } from '../../src/repo/index.js';
import type { AppDB } from './repo-fixtures.js';
import {
  type DocumentMetadata,
  type documents,
  documentsRepo,
  type posts,
  postsRepo,
  usersRepo,
} from './repo-fixtures.js';
import { countingSession, openRepoTestDatabase, type RepoTestContext } from './repo-harness.js';

let ctx: RepoTestContext;
let db: Database<AppDB>;

interface PostSeed {
  title: string;
  status: 'draft' | 'published' | 'archived';
  tags: string[];
  views: number;
  score: number | null;
  price: string | null;
  published_on: string | null;
}

const POSTS: PostSeed[] = [
  {
    title: 'Intro to Postgres',
    status: 'published',
    tags: ['db', 'sql'],
    views: 120,
    score: 4.5,
    price: '10.00',
    published_on: '2024-01-05',
  },
  {
    title: 'postgres tuning 100%',
    status: 'published',
    tags: ['db', 'perf'],
    views: 80,
    score: null,
    price: '25.50',
    published_on: '2024-02-10',
  },
  {
    title: 'Vectors_and_you',
    status: 'draft',
    tags: ['ai'],
    views: 0,
    score: 3,
    price: null,
    published_on: null,
  },
  {
    title: 'Kysely tricks',
    status: 'archived',
    tags: [],
    views: 45,
    score: 2.25,
    price: '5.00',
    published_on: '2023-12-31',
  },
  {
    title: 'SQL injection; DROP TABLE posts',
    status: 'draft',
    tags: ['security', 'sql'],
    views: 7,
    score: 5,
    price: '0.00',
    published_on: '2024-03-01',
  },
  {
    title: "O'Reilly's guide",
    status: 'published',
    tags: ['books'],
    views: 300,
    score: 1,
    price: '99.99',
    published_on: '2024-01-20',
  },
];

const DOCUMENTS: { title: string; metadata: DocumentMetadata }[] = [
  {
    title: 'aries-a',
    metadata: { sun: { sign: 'Aries', degree: 3 }, tags: ['fire', 'cardinal'], pages: 10 },
  },
  {
    title: 'aries-b',
    metadata: { sun: { sign: 'Aries', degree: 28 }, tags: ['fire'], pages: 250, draft: true },
  },
  { title: 'taurus', metadata: { sun: { sign: 'Taurus', degree: 15 }, tags: ['earth'], pages: 40 } },
  { title: 'no-sun', metadata: { tags: ['none'], pages: 1 } },
  { title: 'empty', metadata: {} },
];

beforeAll(async () => {
  ctx = await openRepoTestDatabase();
  db = ctx.db;
  const author = await usersRepo.with(db).create({ email: 'filters@example.com' });
  await postsRepo.with(db).createMany(POSTS.map((p) => ({ ...p, author_id: author.id })));
  await documentsRepo.with(db).createMany(DOCUMENTS);
});
afterAll(async () => {
  await ctx.close();
});

async function postTitles(where: Where<typeof posts>): Promise<string[]> {
  const rows = await postsRepo.with(db).find({ where, select: ['title'] });
  return rows.map((r) => r.title).sort();
}

function expected(predicate: (p: PostSeed) => boolean): string[] {
  return POSTS.filter(predicate)
    .map((p) => p.title)
    .sort();
}

async function docTitles(where: Where<typeof documents>): Promise<string[]> {
  const rows = await documentsRepo.with(db).find({ where, select: ['title'] });
  return rows.map((r) => r.title).sort();
}

function expectedDocs(predicate: (m: DocumentMetadata) => boolean): string[] {
  return DOCUMENTS.filter((d) => predicate(d.metadata))
    .map((d) => d.title)
    .sort();
}

describe('comparison filters', () => {
  it('eq (bare value or operator), ne, gt, gte, lt, lte, between', async () => {
    expect(await postTitles({ status: 'published' })).toEqual(expected((p) => p.status === 'published'));
    expect(await postTitles({ status: { eq: 'draft' } })).toEqual(expected((p) => p.status === 'draft'));
    expect(await postTitles({ status: { ne: 'draft' } })).toEqual(expected((p) => p.status !== 'draft'));
    expect(await postTitles({ views: { gt: 80 } })).toEqual(expected((p) => p.views > 80));
    expect(await postTitles({ views: { gte: 80 } })).toEqual(expected((p) => p.views >= 80));
    expect(await postTitles({ views: { lt: 45 } })).toEqual(expected((p) => p.views < 45));
    expect(await postTitles({ views: { lte: 45 } })).toEqual(expected((p) => p.views <= 45));
    expect(await postTitles({ views: { between: [7, 100] } })).toEqual(
      expected((p) => p.views >= 7 && p.views <= 100),
    );
    expect(await postTitles({ published_on: { gte: '2024-01-20' } })).toEqual(
      expected((p) => p.published_on !== null && p.published_on >= '2024-01-20'),
    );
    expect(await postTitles({ price: { gt: '9.99' } })).toEqual(
      expected((p) => p.price !== null && Number(p.price) > 9.99),
    );
  });

  it('in and notIn take one array parameter; an empty in matches nothing', async () => {
    expect(await postTitles({ status: { in: ['draft', 'archived'] } })).toEqual(
      expected((p) => p.status === 'draft' || p.status === 'archived'),
    );
    expect(await postTitles({ views: { notIn: [0, 7, 300] } })).toEqual(
      expected((p) => ![0, 7, 300].includes(p.views)),
    );
    expect(await postTitles({ views: { in: [] } })).toEqual([]);
    expect(await postTitles({ views: { notIn: [] } })).toEqual(expected(() => true));
  });

  it('isNull and null values select NULLs; ne leaves NULLs out as SQL does', async () => {
    expect(await postTitles({ score: null })).toEqual(expected((p) => p.score === null));
    expect(await postTitles({ score: { isNull: true } })).toEqual(expected((p) => p.score === null));
    expect(await postTitles({ score: { isNull: false } })).toEqual(expected((p) => p.score !== null));
    expect(await postTitles({ price: { eq: null } })).toEqual(expected((p) => p.price === null));
    expect(await postTitles({ price: { ne: '10.00' } })).toEqual(
      expected((p) => p.price !== null && p.price !== '10.00'),
    );
  });
});

describe('text filters', () => {
  it('like, notLike, ilike and notIlike take patterns as written', async () => {
    expect(await postTitles({ title: { like: '%Postgres%' } })).toEqual(
      expected((p) => p.title.includes('Postgres')),
    );
    expect(await postTitles({ title: { ilike: '%postgres%' } })).toEqual(
      expected((p) => /postgres/i.test(p.title)),
    );
    expect(await postTitles({ title: { notIlike: '%postgres%' } })).toEqual(
      expected((p) => !/postgres/i.test(p.title)),
    );
    expect(await postTitles({ title: { notLike: 'K%' } })).toEqual(expected((p) => !p.title.startsWith('K')));
  });

  it('startsWith, endsWith and contains match wildcards literally, optionally ignoring case', async () => {
    expect(await postTitles({ title: { startsWith: 'post' } })).toEqual(
      expected((p) => p.title.startsWith('post')),
    );
    expect(await postTitles({ title: { startsWith: 'post', insensitive: true } })).toEqual(
      expected((p) => p.title.toLowerCase().startsWith('post')),
    );
    expect(await postTitles({ title: { endsWith: '100%' } })).toEqual(
      expected((p) => p.title.endsWith('100%')),
    );
    expect(await postTitles({ title: { contains: '_and_' } })).toEqual(
      expected((p) => p.title.includes('_and_')),
    );
    // `_` would match any character if it were not escaped: "Vectors and you" must not be needed to match.
    expect(await postTitles({ title: { contains: 's_a' } })).toEqual(
      expected((p) => p.title.includes('s_a')),
    );
    expect(await postTitles({ title: { contains: "'s g" } })).toEqual(
      expected((p) => p.title.includes("'s g")),
    );
  });

  it('pattern filters work on enum columns', async () => {
    expect(await postTitles({ status: { startsWith: 'pub' } })).toEqual(
      expected((p) => p.status.startsWith('pub')),
    );
  });
});

describe('array filters', () => {
  it('contains, containedBy, overlaps and has', async () => {
    expect(await postTitles({ tags: { contains: ['db', 'sql'] } })).toEqual(
      expected((p) => p.tags.includes('db') && p.tags.includes('sql')),
    );
    expect(await postTitles({ tags: { containedBy: ['db', 'sql', 'perf'] } })).toEqual(
      expected((p) => p.tags.every((t) => ['db', 'sql', 'perf'].includes(t))),
    );
    expect(await postTitles({ tags: { overlaps: ['sql', 'books'] } })).toEqual(
      expected((p) => p.tags.some((t) => ['sql', 'books'].includes(t))),
    );
    expect(await postTitles({ tags: { has: 'security' } })).toEqual(
      expected((p) => p.tags.includes('security')),
    );
    expect(await postTitles({ tags: [] })).toEqual(expected((p) => p.tags.length === 0));
  });
});

describe('logical combinations', () => {
  it('keys are ANDed; AND, OR and NOT combine filters', async () => {
    expect(await postTitles({ status: 'published', views: { gt: 100 } })).toEqual(
      expected((p) => p.status === 'published' && p.views > 100),
    );
    expect(await postTitles({ OR: [{ status: 'archived' }, { views: { gte: 300 } }] })).toEqual(
      expected((p) => p.status === 'archived' || p.views >= 300),
    );
    expect(await postTitles({ NOT: { status: 'published' } })).toEqual(
      expected((p) => p.status !== 'published'),
    );
    expect(
      await postTitles({
        AND: [{ OR: [{ tags: { has: 'sql' } }, { tags: { has: 'ai' } }] }, { NOT: { views: { lt: 10 } } }],
      }),
    ).toEqual(expected((p) => (p.tags.includes('sql') || p.tags.includes('ai')) && !(p.views < 10)));
  });

  it('an empty OR matches nothing, an empty filter everything', async () => {
    expect(await postTitles({ OR: [] })).toEqual([]);
    expect(await postTitles({})).toEqual(expected(() => true));
    expect(await postTitles({ AND: [] })).toEqual(expected(() => true));
  });
});

describe('JSONB filters', () => {
  it("compares the value at a path: metadata -> 'sun' ->> 'sign' = 'Aries'", async () => {
    expect(await docTitles({ metadata: { path: ['sun', 'sign'], eq: 'Aries' } })).toEqual(
      expectedDocs((m) => m.sun?.sign === 'Aries'),
    );
    expect(await docTitles({ metadata: { path: ['sun', 'degree'], gt: 10 } })).toEqual(
      expectedDocs((m) => (m.sun?.degree ?? -1) > 10),
    );
    expect(await docTitles({ metadata: { path: ['pages'], between: undefined, lte: 40 } })).toEqual(
      expectedDocs((m) => m.pages !== undefined && m.pages <= 40),
    );
    expect(await docTitles({ metadata: { path: ['sun', 'sign'], in: ['Taurus', 'Gemini'] } })).toEqual(
      expectedDocs((m) => m.sun?.sign === 'Taurus'),
    );
    expect(await docTitles({ metadata: { path: ['sun'], isNull: true } })).toEqual(
      expectedDocs((m) => m.sun === undefined),
    );
    expect(await docTitles({ metadata: { path: ['tags', 0], eq: 'fire' } })).toEqual(
      expectedDocs((m) => m.tags?.[0] === 'fire'),
    );
    expect(await docTitles({ metadata: { path: ['draft'], eq: true } })).toEqual(
      expectedDocs((m) => m.draft === true),
    );
    expect(
      await docTitles({ metadata: { path: ['sun', 'sign'], startsWith: 'ar', insensitive: true } }),
    ).toEqual(expectedDocs((m) => m.sun?.sign.toLowerCase().startsWith('ar') === true));
  });

  it('containment (@>) matches documents containing a part, and keys are tested with hasKey', async () => {
    expect(await docTitles({ metadata: { contains: { sun: { sign: 'Aries' } } } })).toEqual(
      expectedDocs((m) => m.sun?.sign === 'Aries'),
    );
    expect(await docTitles({ metadata: { contains: { tags: ['fire'] } } })).toEqual(
      expectedDocs((m) => m.tags?.includes('fire') === true),
    );
    expect(await docTitles({ metadata: { hasKey: 'draft' } })).toEqual(expectedDocs((m) => 'draft' in m));
    expect(await docTitles({ metadata: { hasAnyKeys: ['draft', 'sun'] } })).toEqual(
      expectedDocs((m) => 'draft' in m || 'sun' in m),
    );
    expect(await docTitles({ metadata: { path: ['sun'], contains: { sign: 'Taurus' } } })).toEqual(
      expectedDocs((m) => m.sun?.sign === 'Taurus'),
    );
  });

  it('the GIN index on the JSONB column serves containment', async () => {
    const { session, statements, params } = countingSession(db);
    await documentsRepo.with(session).find({ where: { metadata: { contains: { sun: { sign: 'Aries' } } } } });
    const plan = await db.transaction(async (tx) => {
      await tx.executor.exec('SET LOCAL enable_seqscan = off');
      const result = await tx.executor.query<Record<string, string>>(`EXPLAIN ${statements[0]}`, params[0]);
      return result.rows.map((r) => Object.values(r)[0]).join('\n');
    });
    expect(plan).toContain('documents_metadata_idx');
  });

  it('an expression index on a JSON path serves the path filter (its keys, sent as parameters, are planned as constants)', async () => {
    const { session, statements, params } = countingSession(db);
    await documentsRepo.with(session).find({ where: { metadata: { path: ['sun', 'sign'], eq: 'Aries' } } });
    const tx = await db.begin();
    try {
      await tx.executor.exec(
        `CREATE INDEX documents_sun_sign_idx ON documents (((metadata -> 'sun') ->> 'sign')); SET LOCAL enable_seqscan = off`,
      );
      const result = await tx.executor.query<Record<string, string>>(`EXPLAIN ${statements[0]}`, params[0]);
      const plan = result.rows.map((r) => Object.values(r)[0]).join('\n');
      expect(plan).toContain('documents_sun_sign_idx');
    } finally {
      await tx.rollback(); // the index goes with the transaction
    }
  });
});
