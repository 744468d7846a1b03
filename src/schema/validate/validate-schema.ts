import { StrataError } from '../../errors/strata-error.js';
import type { SchemaModel } from '../../model/index.js';
import { validateColumns } from './columns.js';
import { validateNames } from './names.js';
import type { SchemaProblem } from './problem.js';
import { validateReferences } from './references.js';
import { validateVectorIndexes } from './vector-indexes.js';

/** Every problem with a schema model, in a stable order (empty when it is valid). */
export function schemaProblems(model: SchemaModel): SchemaProblem[] {
  return [
    ...validateNames(model),
    ...model.tables.flatMap((t) => [
      ...validateColumns(t),
      ...validateReferences(model, t),
      ...validateVectorIndexes(t),
    ]),
  ];
}

/**
 * Throws one SCHEMA_INVALID error listing every problem, so a user fixes them in one pass.
 * `details.problems` holds them as structured values.
 */
export function validateSchemaModel(model: SchemaModel): void {
  const problems = schemaProblems(model);
  if (problems.length === 0) return;
  const lines = problems.map((p) => `- ${p.problem}. ${p.fix}`);
  const head =
    problems.length === 1 ? 'The schema has a problem' : `The schema has ${problems.length} problems`;
  throw new StrataError('SCHEMA_INVALID', `${head}:\n${lines.join('\n')}`, { problems });
}
