import { describe, expect, it } from 'vitest';
import { DEFAULT_POOL_OPTIONS, type PoolOptions, resolvePoolOptions } from '../../src/db/pool-options.js';
import { isStrataError } from '../../src/errors/strata-error.js';

describe('resolvePoolOptions', () => {
  it('documents SQLAlchemy-like defaults', () => {
    expect(resolvePoolOptions()).toEqual({
      max: 10,
      connectionTimeoutMs: 10_000,
      idleTimeoutMs: 30_000,
      maxLifetimeSeconds: 1800,
      prePing: true,
      prePingAfterMs: 30_000,
      statementTimeoutMs: undefined,
      applicationName: 'strata',
    });
    expect(resolvePoolOptions()).toEqual(DEFAULT_POOL_OPTIONS);
  });

  it('keeps given settings and fills in the rest', () => {
    const resolved = resolvePoolOptions({
      max: 3,
      prePing: false,
      statementTimeoutMs: 5000,
      maxLifetimeSeconds: 0,
    });
    expect(resolved).toMatchObject({
      max: 3,
      prePing: false,
      statementTimeoutMs: 5000,
      maxLifetimeSeconds: 0,
    });
    expect(resolved.idleTimeoutMs).toBe(30_000);
  });

  it.each([
    [{ max: 0 }, 'pool.max'],
    [{ max: 2.5 }, 'pool.max'],
    [{ connectionTimeoutMs: -1 }, 'pool.connectionTimeoutMs'],
    [{ statementTimeoutMs: Number.NaN }, 'pool.statementTimeoutMs'],
    [{ prePing: 'yes' as unknown as boolean }, 'pool.prePing'],
    [{ maxLifeTimeSeconds: 10 } as unknown as PoolOptions, 'pool.maxLifeTimeSeconds'],
  ])('refuses %o, naming %s', (options, option) => {
    let caught: unknown;
    try {
      resolvePoolOptions(options);
    } catch (error) {
      caught = error;
    }
    expect(isStrataError(caught, 'CONFIG_INVALID')).toBe(true);
    expect(isStrataError(caught) && caught.details.option).toBe(option);
    expect(isStrataError(caught) && caught.message).toContain(option.replace('pool.', ''));
  });
});
