import { CompiledQuery, type DatabaseConnection, type Driver, type TransactionSettings } from 'kysely';
import { StrataError } from '../errors/strata-error.js';
import { quoteIdentifier, type StrataConnection } from './strata-driver.js';

/** What a `PinnedDriver` needs from the transaction that owns the connection. */
export interface PinnedConnectionOwner {
  /** The connection, or a `USAGE` error when the transaction already ended. */
  connectionOrThrow(): StrataConnection;
  /** A savepoint name unique within the transaction. */
  nextSavepointName(): string;
}

/**
 * The Kysely driver of a transaction's `kysely`: every query runs on the transaction's one
 * connection. Kysely's own `transaction()`/`startTransaction()` on it become savepoints, so
 * code written against plain Kysely nests safely inside a Strata transaction.
 */
export class PinnedDriver implements Driver {
  readonly #owner: PinnedConnectionOwner;
  readonly #savepoints: string[] = [];

  constructor(owner: PinnedConnectionOwner) {
    this.#owner = owner;
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    return this.#owner.connectionOrThrow();
  }

  async releaseConnection(): Promise<void> {}

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    if (settings.isolationLevel !== undefined || settings.accessMode !== undefined) {
      throw new StrataError(
        'USAGE',
        'A transaction nested in a Strata transaction is a savepoint and cannot set its isolation level or ' +
          'access mode; set them on the outermost transaction.',
      );
    }
    const name = this.#owner.nextSavepointName();
    await connection.executeQuery(CompiledQuery.raw(`savepoint ${name}`));
    this.#savepoints.push(name);
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    const name = this.#popSavepoint();
    await connection.executeQuery(CompiledQuery.raw(`release savepoint ${name}`));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    const name = this.#popSavepoint();
    await connection.executeQuery(CompiledQuery.raw(`rollback to savepoint ${name}`));
    await connection.executeQuery(CompiledQuery.raw(`release savepoint ${name}`));
  }

  async savepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`savepoint ${quoteIdentifier(name)}`));
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`rollback to savepoint ${quoteIdentifier(name)}`));
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`release savepoint ${quoteIdentifier(name)}`));
  }

  /** The transaction owns the connection; nothing to close here. */
  async destroy(): Promise<void> {}

  #popSavepoint(): string {
    const name = this.#savepoints.pop();
    if (name === undefined) {
      throw new StrataError('USAGE', 'Kysely ended a nested transaction that was never started.');
    }
    return name;
  }
}
