import { describe, expect, it } from 'vitest';
import { normalizeExpression, unwrapParentheses } from '../../src/catalog/normalize.js';

describe('normalizeExpression', () => {
  it('collapses whitespace and drops comments', () => {
    expect(normalizeExpression('price   >\n\t0 -- must be positive')).toBe('price > 0');
    expect(normalizeExpression('f( a ,b )')).toBe('f(a, b)');
  });

  it('lower-cases keywords and names but not literals or quoted identifiers', () => {
    expect(normalizeExpression("Status IN ('Active', 'On Hold') AND \"Kind\" IS NOT NULL")).toBe(
      "status in ('Active', 'On Hold') and \"Kind\" is not null",
    );
  });

  it('removes parentheses around the whole expression', () => {
    expect(normalizeExpression('((price > 0))')).toBe('price > 0');
  });

  it('keeps parentheses that group', () => {
    expect(normalizeExpression('(a > 0) and (b > 0 or c > 0)')).toBe('(a > 0) and (b > 0 or c > 0)');
    expect(normalizeExpression('x = (not(a)) and y')).toBe('x = (not (a)) and y');
    expect(normalizeExpression('(a).b')).toBe('(a).b');
  });

  it('makes pretty and non-pretty pg_get_expr output of a cast equal', () => {
    expect(normalizeExpression('(embedding)::halfvec(3072)')).toBe(
      normalizeExpression('embedding::halfvec(3072)'),
    );
    expect(normalizeExpression('((binary_quantize(embedding))::bit(1536))')).toBe(
      normalizeExpression('binary_quantize(embedding)::bit(1536)'),
    );
    expect(normalizeExpression('(n > (0)::numeric)')).toBe(normalizeExpression('n > 0::numeric'));
    expect(normalizeExpression('((created_at)::timestamp with time zone)')).toBe(
      'created_at::timestamp with time zone',
    );
  });

  it("uses PostgreSQL's spacing after keywords before a parenthesis", () => {
    expect(normalizeExpression("status = ANY(ARRAY['a'::text])")).toBe(
      normalizeExpression("status = ANY (ARRAY['a'::text])"),
    );
    expect(normalizeExpression('a AND(b OR c)')).toBe('a and (b or c)');
  });

  it('spells CURRENT_TIMESTAMP as now()', () => {
    expect(normalizeExpression('created_at <= CURRENT_TIMESTAMP')).toBe('created_at <= now()');
  });

  it('keeps dollar-quoted and escape strings intact', () => {
    expect(normalizeExpression("body <> $$A  B$$ AND tag <> E'X\\'Y'")).toBe(
      "body <> $$A  B$$ and tag <> e'X\\'Y'",
    );
  });

  it('is idempotent', () => {
    const samples = [
      "to_tsvector('english'::regconfig, COALESCE(title, ''::text))",
      '((a)::integer + (b)) * 2',
      "status = ANY (ARRAY['a'::text, 'b'::text])",
    ];
    for (const sample of samples) {
      const once = normalizeExpression(sample);
      expect(normalizeExpression(once)).toBe(once);
    }
  });
});

describe('unwrapParentheses', () => {
  it('removes only parentheses that wrap everything', () => {
    expect(unwrapParentheses('((v::halfvec(3)))')).toBe('v::halfvec(3)');
    expect(unwrapParentheses('(a) + (b)')).toBe('(a) + (b)');
    expect(unwrapParentheses('lower(title)')).toBe('lower(title)');
  });
});
