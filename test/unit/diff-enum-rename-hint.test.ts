import { describe, expect, it } from 'vitest';
import { diffSchemas } from '../../src/migrate/diff/index.js';
import { defineSchema, pgEnum, table, uuidPrimaryKey } from '../../src/schema/index.js';

describe('enum label renames declared in the DSL', () => {
  const before = pgEnum('mood', ['happy', 'sad']);
  const after = pgEnum('mood', ['glad', 'sad']).withRenamedValues({ happy: 'glad' });
  const model = (mood: typeof before | typeof after) =>
    defineSchema({ people: table('people', { id: uuidPrimaryKey(), mood: mood() }) }).model;

  it('rename the label in place instead of recreating the type', () => {
    const diff = diffSchemas(model(before), model(after));
    expect(diff.operations.map((op) => op.kind)).toEqual(['renameEnumValue']);
    expect(diff.operations[0]).toMatchObject({ from: 'happy', to: 'glad' });
  });

  it('without the hint, the label change recreates the type and warns that rows may block it', () => {
    const plain = pgEnum('mood', ['glad', 'sad']);
    const diff = diffSchemas(model(before), model(plain));
    expect(diff.operations.map((op) => op.kind)).toEqual(['recreateEnum']);
    expect(diff.warnings.map((w) => w.kind)).toEqual(['destructive']);
  });
});
