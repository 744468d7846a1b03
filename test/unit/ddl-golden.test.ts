import { mkdir, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import {
  GOLDEN_DDL_DIR,
  goldenDdl,
  goldenDdlNames,
  goldenDdlPath,
  readGoldenDdl,
} from '../support/golden-ddl.js';
import { MODEL_FIXTURES } from '../support/model-fixtures.js';

const update = process.env.UPDATE_GOLDEN === '1';

describe('toSql golden files (test/golden/ddl)', () => {
  for (const [name, model] of Object.entries(MODEL_FIXTURES)) {
    it(`renders the ${name} model exactly as ${name}.sql`, async () => {
      const rendered = goldenDdl(name, model);
      if (update) {
        await mkdir(GOLDEN_DDL_DIR, { recursive: true });
        await writeFile(goldenDdlPath(name), rendered);
      }
      const golden = await readGoldenDdl(name);
      if (golden === undefined) {
        throw new Error(
          `${goldenDdlPath(name)} is missing: run UPDATE_GOLDEN=1 npx vitest run test/unit/ddl-golden.test.ts`,
        );
      }
      expect(rendered).toBe(golden);
    });
  }

  it('keeps no golden file whose fixture is gone', async () => {
    expect((await goldenDdlNames()).sort()).toEqual(Object.keys(MODEL_FIXTURES).sort());
  });
});
