import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { toSql } from '../../src/ddl/to-sql.js';
import { crudRoutes } from '../../src/http/index.js';
import {
  bigint,
  boolean,
  bytea,
  date,
  defineSchema,
  numeric,
  primaryKey,
  table,
  text,
  timestamptz,
  varchar,
  vector,
} from '../../src/schema/index.js';
import { openTestDatabase, type TestDatabase } from '../support/backend.js';
import { connectTestDatabase } from '../support/connect.js';

/** A composite primary key and the value types whose JSON form differs from their JS form. */
const readings = table(
  'readings',
  {
    station: varchar(10).notNull(),
    taken_on: date().notNull(),
    rainfall: numeric(6, 2).notNull(),
    raw: bytea(),
    checked: boolean().notNull().default(false),
    labels: text().array(),
    measured_at: timestamptz(),
    embedding: vector(3),
  },
  (t) => [primaryKey(t.station, t.taken_on)],
);

const events = table('events', {
  id: bigint().primaryKey().generatedAlwaysAsIdentity(),
  name: text().notNull(),
});

let testDb: TestDatabase;
let db: Database;
let app: FastifyInstance;

beforeAll(async () => {
  testDb = await openTestDatabase();
  await testDb.exec(toSql(defineSchema({ readings, events }).model));
  db = await connectTestDatabase(testDb);
  app = Fastify();
  crudRoutes(app, { table: readings, session: db, vectors: ['embedding'] });
  crudRoutes(app, { table: events, session: db });
  await app.ready();
});

afterAll(async () => {
  await app?.close();
  await db?.close();
  await testDb?.close();
});

describe('endpoints over a composite key and non-JSON types', () => {
  it('creates and reads a row by both key columns, values in their JSON forms', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/readings',
      payload: {
        station: 'OSL',
        taken_on: '2024-02-29',
        rainfall: '12.50',
        raw: Buffer.from('sensor').toString('base64'),
        labels: ['storm', null],
        measured_at: '2024-02-29T06:30:00+01:00',
        embedding: [0.5, 0.25, 1],
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.headers.location).toBe('/readings/OSL/2024-02-29');
    const read = await app.inject({ method: 'GET', url: '/readings/OSL/2024-02-29' });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual({
      station: 'OSL',
      taken_on: '2024-02-29',
      rainfall: '12.50',
      raw: Buffer.from('sensor').toString('base64'),
      checked: false,
      labels: ['storm', null],
      measured_at: '2024-02-29T05:30:00.000Z',
      embedding: [0.5, 0.25, 1],
    });
  });

  it('filters and sorts on dates, decimals and booleans from the query string', async () => {
    for (const [day, rain] of [
      ['2024-03-01', '3.00'],
      ['2024-03-02', '40.25'],
    ]) {
      await app.inject({
        method: 'POST',
        url: '/readings',
        payload: { station: 'BGO', taken_on: day, rainfall: rain },
      });
    }
    const wet = await app.inject({ method: 'GET', url: '/readings?rainfall__gte=10&sort=-taken_on' });
    expect(wet.json().data.map((r: { taken_on: string }) => r.taken_on)).toEqual([
      '2024-03-02',
      '2024-02-29',
    ]);
    const march = await app.inject({
      method: 'GET',
      url: '/readings?taken_on__between=2024-03-01,2024-03-31&checked=false',
    });
    expect(march.json().total).toBe(2);
    const badDay = await app.inject({ method: 'GET', url: '/readings?taken_on=2024-13-01' });
    expect(badDay.statusCode).toBe(400);
  });

  it('updates and deletes by the composite key; an unknown key is 404, a malformed one 400', async () => {
    const patched = await app.inject({
      method: 'PATCH',
      url: '/readings/BGO/2024-03-01',
      payload: { checked: true },
    });
    expect(patched.json().checked).toBe(true);
    expect((await app.inject({ method: 'GET', url: '/readings/BGO/2024-04-01' })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/readings/BGO/someday' })).statusCode).toBe(400);
    expect((await app.inject({ method: 'DELETE', url: '/readings/BGO/2024-03-01' })).statusCode).toBe(204);
    expect((await app.inject({ method: 'GET', url: '/readings/BGO/2024-03-01' })).statusCode).toBe(404);
  });

  it('refuses a decimal with too many digits and a vector of the wrong length with 400', async () => {
    const tooBig = await app.inject({
      method: 'POST',
      url: '/readings',
      payload: { station: 'TRD', taken_on: '2024-01-01', rainfall: '123456.7' },
    });
    expect(tooBig.statusCode).toBe(400);
    expect(tooBig.json().message).toContain('readings.rainfall');
    const shortVector = await app.inject({
      method: 'POST',
      url: '/readings',
      payload: { station: 'TRD', taken_on: '2024-01-01', rainfall: '1', embedding: [1, 2] },
    });
    expect(shortVector.statusCode).toBe(400);
    expect(shortVector.json().message).toContain('body.embedding must have exactly 3 items');
  });

  it('serves 64-bit identity keys as strings and finds rows by them', async () => {
    const created = await app.inject({ method: 'POST', url: '/events', payload: { name: 'launch' } });
    expect(created.statusCode).toBe(201);
    const { id } = created.json();
    expect(id).toMatch(/^\d+$/);
    const read = await app.inject({ method: 'GET', url: `/events/${id}` });
    expect(read.json()).toEqual({ id, name: 'launch' });
    const refused = await app.inject({ method: 'POST', url: '/events', payload: { id: '5', name: 'x' } });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().message).toContain('body.id is not a known field');
  });
});
