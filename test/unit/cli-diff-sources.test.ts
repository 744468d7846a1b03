import { describe, expect, it } from 'vitest';
import { isStrataError } from '../../src/errors/strata-error.js';
import { parseRenames } from '../../src/migrate/autogenerate/index.js';
import { parseSchemaSource, schemaDifferences } from '../../src/migrate/compare/index.js';
import { check, defineSchema, index, integer, pgEnum, sql, table, text } from '../../src/schema/index.js';

function usageError(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    expect(isStrataError(error, 'USAGE')).toBe(true);
    return error as Error;
  }
  throw new Error('expected a USAGE error');
}

describe('parseSchemaSource', () => {
  it('reads servers, PGlite folders, the project schema and migrations at a revision', () => {
    expect(parseSchemaSource('postgres://u@h/db')).toEqual({
      kind: 'serverDatabase',
      url: 'postgres://u@h/db',
    });
    expect(parseSchemaSource('postgresql://h/db').kind).toBe('serverDatabase');
    expect(parseSchemaSource('pglite:./.strata/db')).toEqual({
      kind: 'pgliteDirectory',
      dataDir: './.strata/db',
    });
    expect(parseSchemaSource('schema:')).toEqual({ kind: 'projectSchema', file: undefined });
    expect(parseSchemaSource('schema:src/db/schema.ts')).toEqual({
      kind: 'projectSchema',
      file: 'src/db/schema.ts',
    });
    expect(parseSchemaSource('migrations:head')).toEqual({ kind: 'migrations', target: 'head' });
    expect(parseSchemaSource('migrations:3f2a')).toEqual({ kind: 'migrations', target: '3f2a' });
    expect(parseSchemaSource('migrations:')).toEqual({ kind: 'migrations', target: 'heads' });
  });

  it('refuses memory://, a folderless pglite: and unknown schemes, hiding passwords', () => {
    expect(usageError(() => parseSchemaSource('memory://')).message).toContain('nothing to compare');
    expect(usageError(() => parseSchemaSource('pglite:')).message).toContain('names no folder');
    const mysql = usageError(() => parseSchemaSource('mysql://root:secret@h/db'));
    expect(mysql.message).not.toContain('secret');
    expect(mysql.message).toContain('migrations:head');
  });
});

describe('parseRenames', () => {
  it('turns old=new options into the differ renames', () => {
    expect(
      parseRenames({
        tables: ['people=persons', 'app.old_tasks=tasks'],
        columns: ['posts.title=headline', 'app.tasks.done=finished'],
      }),
    ).toEqual({
      tables: { people: 'persons', 'app.old_tasks': 'tasks' },
      columns: { 'posts.title': 'headline', 'app.tasks.done': 'finished' },
    });
    expect(parseRenames({})).toEqual({});
  });

  it('names the malformed option and the expected form', () => {
    expect(usageError(() => parseRenames({ tables: ['people'] })).message).toContain(
      '--rename-table "people" is not valid: write OLD=NEW',
    );
    expect(usageError(() => parseRenames({ columns: ['title=headline'] })).message).toContain(
      'TABLE.OLD=NEW',
    );
    expect(usageError(() => parseRenames({ columns: ['posts.title=app.headline'] })).message).toContain(
      '--rename-column',
    );
  });
});

describe('schemaDifferences', () => {
  const mood = pgEnum('mood', ['sad', 'happy']);
  const notes = table(
    'notes',
    { id: integer().primaryKey(), title: text().notNull(), body: text(), feeling: mood() },
    (t) => [index('notes_title_idx').on(t.title), check('notes_title_check', sql`${t.title} <> ''`)],
  );
  const reference = defineSchema({ mood, notes }).model;

  it('finds nothing between a model and itself, nor when only the column order differs', () => {
    expect(schemaDifferences(reference, reference)).toEqual([]);
    const [table0] = reference.tables;
    const reordered = { ...reference, tables: [{ ...table0!, columns: [...table0!.columns].reverse() }] };
    expect(schemaDifferences(reference, reordered)).toEqual([]);
  });

  it('names missing, unexpected and changed objects with the properties that differ', () => {
    const moodChanged = pgEnum('mood', ['sad', 'happy', 'meh']);
    const changed = table(
      'notes',
      { id: integer().primaryKey(), title: text(), feeling: moodChanged(), extra: integer() },
      (t) => [check('notes_title_check', sql`${t.title} <> ''`)],
    );
    const differences = schemaDifferences(
      reference,
      defineSchema({ mood: moodChanged, notes: changed }).model,
    );
    expect(differences.map((d) => d.message)).toEqual([
      'enum public.mood differs: values: ["sad","happy"] → ["sad","happy","meh"]',
      'column public.notes.body is missing',
      'column public.notes.extra should not exist',
      'column public.notes.title differs: notNull: true → false',
      'index public.notes.notes_title_idx is missing',
    ]);
    expect(differences[3]).toMatchObject({ object: 'column', name: 'public.notes.title', change: 'changed' });
  });
});
