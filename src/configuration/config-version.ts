/** One version of a module's configuration. */
export interface ConfigVersion<T = unknown> {
  readonly kind: 'configVersion';
  readonly module: string;
  /** 1, 2, 3, … per module, in the order the versions were saved. */
  readonly version: number;
  readonly config: T;
  /** The module's prompt template at this version, or null when it has none. */
  readonly promptTemplate: string | null;
  /** Whether this is the version `get` returns. */
  readonly active: boolean;
  /** Why the version was made, e.g. `Rolled back to version 2`. */
  readonly note: string | null;
  readonly createdAt: Date;
}
