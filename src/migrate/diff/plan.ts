import type { MigrationOperation } from '../ops/operation.js';

/**
 * The order operations run in on the way up. Each phase may only depend on earlier ones:
 * renames first (everything after uses the new names), types before the tables that use
 * them, foreign keys dropped before what they reference and added after every table exists,
 * indexes and constraints dropped before their columns, what holds objects dropped last.
 * The downgrade is the reverse list of inverses, so it runs in the opposite order.
 */
export const PHASES = [
  'renames',
  'createSchemas',
  'createExtensions',
  'enums',
  'sequences',
  'dropForeignKeys',
  'dropIndexesAndConstraints',
  'dropTables',
  'dropColumns',
  'recreateEnums',
  'createTables',
  'alterColumns',
  'addIndexesAndConstraints',
  'addForeignKeys',
  'comments',
  'dropSequences',
  'dropEnums',
  'dropExtensions',
  'dropSchemas',
] as const;

export type Phase = (typeof PHASES)[number];

/** Operations collected by phase while diffing. */
export class Plan {
  private readonly buckets = new Map<Phase, MigrationOperation[]>(PHASES.map((phase) => [phase, []]));

  add(phase: Phase, ...ops: MigrationOperation[]): void {
    this.buckets.get(phase)?.push(...ops);
  }

  operations(): MigrationOperation[] {
    return PHASES.flatMap((phase) => this.buckets.get(phase) ?? []);
  }
}
