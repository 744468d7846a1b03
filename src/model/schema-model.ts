import type { SequenceOptions } from './column.js';
import type { TableModel } from './table.js';

export interface ExtensionModel {
  readonly kind: 'extension';
  readonly name: string;
  /** Schema the extension's objects live in; undefined for the default (`public`). */
  readonly schema?: string;
}

export interface EnumModel {
  readonly kind: 'enum';
  readonly schema: string;
  readonly name: string;
  /** Labels in their sort order. */
  readonly values: readonly string[];
  /** Migration hint from the DSL: labels renamed since the last version (`{ old: 'new' }`). Never read from a catalog. */
  readonly renamedValues?: Readonly<Record<string, string>>;
}

export interface SequenceModel extends SequenceOptions {
  readonly kind: 'sequence';
  readonly schema: string;
  readonly name: string;
  readonly dataType: 'smallint' | 'integer' | 'bigint';
}

/**
 * The whole of a database schema as Strata sees it. The DSL builds one, the catalog
 * reader reads one from a live database, and the differ compares two.
 * Lists are kept in a stable order (by schema, then name) so that two models of the
 * same database are deeply equal.
 */
export interface SchemaModel {
  readonly kind: 'schemaModel';
  readonly extensions: readonly ExtensionModel[];
  /** Schemas (namespaces) other than `public` that the model uses. */
  readonly schemas: readonly string[];
  readonly enums: readonly EnumModel[];
  readonly sequences: readonly SequenceModel[];
  readonly tables: readonly TableModel[];
}

/** Qualified name helper used for map keys: `schema.name`. */
export function qualifiedName(object: { readonly schema: string; readonly name: string }): string {
  return `${object.schema}.${object.name}`;
}
