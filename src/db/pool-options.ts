import { StrataError } from '../errors/strata-error.js';

/**
 * Connection pool settings of the server backend (ignored by PGlite, which has one
 * connection). Named after SQLAlchemy's `create_engine` knobs where there is one.
 */
export interface PoolOptions {
  /** Most connections open at once (`pool_size` + `max_overflow`). Default 10. */
  readonly max?: number;
  /** How long to wait for a free or new connection before failing (`pool_timeout`). Default 10 000 ms; 0 waits forever. */
  readonly connectionTimeoutMs?: number;
  /** Close connections idle this long. Default 30 000 ms; 0 keeps them. */
  readonly idleTimeoutMs?: number;
  /** Replace a connection this old once it is idle (`pool_recycle`). Default 1800 s; 0 never. */
  readonly maxLifetimeSeconds?: number;
  /**
   * Check an idle connection with `SELECT 1` before handing it out, and replace it when the
   * check fails (`pool_pre_ping`): survives server restarts, failovers and killed sessions.
   * Default true.
   */
  readonly prePing?: boolean;
  /** Only ping connections idle at least this long, so busy pools pay nothing. Default 30 000 ms. */
  readonly prePingAfterMs?: number;
  /** Server-side `statement_timeout` of every connection. Default: the server's setting. */
  readonly statementTimeoutMs?: number;
  /** `application_name` shown in `pg_stat_activity`. Default `strata`. */
  readonly applicationName?: string;
}

/** Pool settings with every default applied. */
export interface ResolvedPoolOptions {
  readonly max: number;
  readonly connectionTimeoutMs: number;
  readonly idleTimeoutMs: number;
  readonly maxLifetimeSeconds: number;
  readonly prePing: boolean;
  readonly prePingAfterMs: number;
  readonly statementTimeoutMs: number | undefined;
  readonly applicationName: string;
}

/** The defaults of `PoolOptions`. */
export const DEFAULT_POOL_OPTIONS: ResolvedPoolOptions = Object.freeze({
  max: 10,
  connectionTimeoutMs: 10_000,
  idleTimeoutMs: 30_000,
  maxLifetimeSeconds: 1800,
  prePing: true,
  prePingAfterMs: 30_000,
  statementTimeoutMs: undefined,
  applicationName: 'strata',
});

/** Applies the defaults and checks every setting, naming the one that is wrong. */
export function resolvePoolOptions(options: PoolOptions = {}): ResolvedPoolOptions {
  const known = new Set<string>(Object.keys(DEFAULT_POOL_OPTIONS));
  for (const key of Object.keys(options)) {
    if (!known.has(key)) {
      throw new StrataError(
        'CONFIG_INVALID',
        `Unknown pool option "${key}". Known options: ${[...known].join(', ')}.`,
        { option: `pool.${key}` },
      );
    }
  }
  const resolved: ResolvedPoolOptions = {
    max: options.max ?? DEFAULT_POOL_OPTIONS.max,
    connectionTimeoutMs: options.connectionTimeoutMs ?? DEFAULT_POOL_OPTIONS.connectionTimeoutMs,
    idleTimeoutMs: options.idleTimeoutMs ?? DEFAULT_POOL_OPTIONS.idleTimeoutMs,
    maxLifetimeSeconds: options.maxLifetimeSeconds ?? DEFAULT_POOL_OPTIONS.maxLifetimeSeconds,
    prePing: options.prePing ?? DEFAULT_POOL_OPTIONS.prePing,
    prePingAfterMs: options.prePingAfterMs ?? DEFAULT_POOL_OPTIONS.prePingAfterMs,
    statementTimeoutMs: options.statementTimeoutMs,
    applicationName: options.applicationName ?? DEFAULT_POOL_OPTIONS.applicationName,
  };
  requireWhole('max', resolved.max, 1);
  requireWhole('connectionTimeoutMs', resolved.connectionTimeoutMs, 0);
  requireWhole('idleTimeoutMs', resolved.idleTimeoutMs, 0);
  requireWhole('maxLifetimeSeconds', resolved.maxLifetimeSeconds, 0);
  requireWhole('prePingAfterMs', resolved.prePingAfterMs, 0);
  if (resolved.statementTimeoutMs !== undefined)
    requireWhole('statementTimeoutMs', resolved.statementTimeoutMs, 0);
  if (typeof resolved.prePing !== 'boolean') {
    throw new StrataError(
      'CONFIG_INVALID',
      `pool.prePing must be true or false; got ${String(resolved.prePing)}.`,
      {
        option: 'pool.prePing',
      },
    );
  }
  if (typeof resolved.applicationName !== 'string') {
    throw new StrataError('CONFIG_INVALID', 'pool.applicationName must be a string.', {
      option: 'pool.applicationName',
    });
  }
  return Object.freeze(resolved);
}

function requireWhole(name: string, value: unknown, min: number): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new StrataError(
      'CONFIG_INVALID',
      `pool.${name} must be a whole number of at least ${min}; got ${String(value)}.`,
      { option: `pool.${name}` },
    );
  }
}
