/**
 * Quoting checked against the database itself: PostgreSQL's own quote_ident, its keyword list,
 * and literals read back under both settings of standard_conforming_strings.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quoteIdent, quoteLiteral } from '../../src/ddl/index.js';
import { openTestDatabase, type TestDatabase } from '../support/backend.js';

describe('quoting on a real database', () => {
  let db: TestDatabase;
  let keywords: { word: string; quoted: string }[];
  beforeAll(async () => {
    db = await openTestDatabase();
    keywords = (
      await db.query<{ word: string; quoted: string }>(
        'SELECT word, quote_ident(word) AS quoted FROM pg_get_keywords() ORDER BY word',
      )
    ).rows;
  });
  afterAll(async () => {
    await db.close();
  });

  it("quotes every keyword exactly as this server's quote_ident does, or more (a keyword of a newer version)", () => {
    expect(keywords.length).toBeGreaterThan(400);
    for (const { word, quoted } of keywords) {
      if (quoted !== word) expect(quoteIdent(word), word).toBe(quoted);
      else expect([word, `"${word}"`], word).toContain(quoteIdent(word));
    }
  });

  it('quotes tricky names the way quote_ident does', async () => {
    const names = ['users', 'user', 'Order', 'a"b', 'placed at', '1st', 'a$b', 'café', '_x', 'select', "e'x"];
    const result = await db.query<{ quoted: string }>(
      'SELECT quote_ident(name) AS quoted FROM unnest($1::text[]) AS name',
      [names],
    );
    expect(names.map(quoteIdent)).toEqual(result.rows.map((row) => row.quoted));
  });

  it('creates a table whose columns are named after every keyword and reads the names back unchanged', async () => {
    const words = keywords.map((k) => k.word);
    const columns = words.map((word) => `${quoteIdent(word)} integer`).join(', ');
    await db.exec(`CREATE TABLE ${quoteIdent('user')} (${columns})`);
    const result = await db.query<{ name: string }>(
      `SELECT attname AS name FROM pg_attribute WHERE attrelid = '"user"'::regclass AND attnum > 0 ORDER BY attnum`,
    );
    expect(result.rows.map((row) => row.name)).toEqual(words);
    await db.exec('DROP TABLE "user"');
  });

  it.each(['on', 'off'])(
    'reads literals back unchanged with standard_conforming_strings = %s',
    async (setting) => {
      const values = [
        'plain',
        "it's",
        "''",
        'C:\\tmp\\new',
        '\\',
        "\\'",
        'line\nbreak',
        'tab\there',
        'ünïcödé 🚀',
        '',
      ];
      await db.exec(`SET standard_conforming_strings = ${setting}`);
      try {
        const result = await db.query<Record<string, string>>(
          `SELECT ${values.map((value, i) => `${quoteLiteral(value)}::text AS v${i}`).join(', ')}`,
        );
        expect(Object.values(result.rows[0] ?? {})).toEqual(values);
      } finally {
        await db.exec('RESET standard_conforming_strings');
      }
    },
  );
});
