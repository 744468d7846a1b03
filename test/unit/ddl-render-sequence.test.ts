import { describe, expect, it } from 'vitest';
import { renderCreateSequence, renderDropSequence, renderSequenceOptions } from '../../src/ddl/index.js';
import type { SequenceModel } from '../../src/model/index.js';

const tickets: SequenceModel = { kind: 'sequence', schema: 'app', name: 'ticket_seq', dataType: 'bigint' };

describe('renderSequenceOptions', () => {
  it('renders nothing when no option is set', () => {
    expect(renderSequenceOptions({})).toBe('');
  });

  it('renders every set option in START, INCREMENT, MINVALUE, MAXVALUE, CACHE, CYCLE order', () => {
    expect(
      renderSequenceOptions({
        cycle: true,
        cache: '5',
        maxValue: '9000',
        minValue: '-10',
        increment: '-1',
        start: '10',
      }),
    ).toBe('START WITH 10 INCREMENT BY -1 MINVALUE -10 MAXVALUE 9000 CACHE 5 CYCLE');
  });

  it('renders an explicit cycle: false as NO CYCLE', () => {
    expect(renderSequenceOptions({ cycle: false })).toBe('NO CYCLE');
  });

  it('keeps bigint values exact, as strings', () => {
    expect(renderSequenceOptions({ maxValue: '9223372036854775807' })).toBe('MAXVALUE 9223372036854775807');
  });

  it.each(['1.5', '', '1; DROP TABLE users', '1e3'])('rejects %j as a value', (value) => {
    expect(() => renderSequenceOptions({ start: value })).toThrow(/start.*whole number/);
  });
});

describe('renderCreateSequence / renderDropSequence', () => {
  it('always states the data type', () => {
    expect(renderCreateSequence(tickets)).toBe('CREATE SEQUENCE app.ticket_seq AS bigint;');
    expect(renderCreateSequence({ ...tickets, schema: 'public', dataType: 'integer', start: '1000' })).toBe(
      'CREATE SEQUENCE ticket_seq AS integer START WITH 1000;',
    );
  });

  it('can add IF NOT EXISTS', () => {
    expect(renderCreateSequence(tickets, { ifNotExists: true })).toBe(
      'CREATE SEQUENCE IF NOT EXISTS app.ticket_seq AS bigint;',
    );
  });

  it('drops with IF EXISTS and CASCADE on request', () => {
    expect(renderDropSequence(tickets)).toBe('DROP SEQUENCE app.ticket_seq;');
    expect(renderDropSequence(tickets, { ifExists: true, cascade: true })).toBe(
      'DROP SEQUENCE IF EXISTS app.ticket_seq CASCADE;',
    );
  });
});
