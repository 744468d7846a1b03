import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  invertOperation,
  invertOperations,
  isIrreversible,
  type MigrationOperation,
  type OperationKind,
  type RenderedStatement,
  renderOperation,
  renderOperationsAsCode,
} from '../../src/migrate/ops/index.js';
import { ALL_KINDS, OPERATION_SAMPLES } from './ops-samples.js';

const GOLDEN_DIR = fileURLToPath(new URL('../golden/ops/', import.meta.url));
const update = process.env.UPDATE_GOLDEN === '1';
const REGENERATE =
  'Do not edit by hand: UPDATE_GOLDEN=1 npx vitest run test/unit/ops-golden.test.ts rewrites it.';

function fileName(kind: OperationKind): string {
  return `${kind.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}.sql`;
}

function statements(rendered: readonly RenderedStatement[]): string {
  return rendered.map((s) => (s.transactional ? s.sql : `-- outside transaction\n${s.sql}`)).join('\n');
}

function goldenSql(kind: OperationKind): string {
  const samples = Object.entries(OPERATION_SAMPLES).filter(([, op]) => op.kind === kind);
  const blocks = samples.map(([name, op]) => {
    const inverse = invertOperation(op);
    const down = isIrreversible(inverse)
      ? `-- irreversible: ${inverse.reason}`
      : statements(renderOperation(inverse));
    return `-- ${name}\n-- up\n${statements(renderOperation(op))}\n-- down\n${down}\n`;
  });
  return `-- The '${kind}' samples of test/unit/ops-samples.ts, rendered up and down.\n-- ${REGENERATE}\n\n${blocks.join('\n')}`;
}

function goldenCode(): string {
  const ops: MigrationOperation[] = Object.values(OPERATION_SAMPLES);
  return `// up\n${renderOperationsAsCode(ops)}\n// down\n${renderOperationsAsCode(invertOperations(ops))}`;
}

async function compare(file: string, rendered: string): Promise<void> {
  const path = `${GOLDEN_DIR}${file}`;
  if (update) {
    await mkdir(GOLDEN_DIR, { recursive: true });
    await writeFile(path, rendered);
  }
  const golden = await readFile(path, 'utf8').catch(() => undefined);
  if (golden === undefined)
    throw new Error(`${path} is missing: run UPDATE_GOLDEN=1 npx vitest run test/unit/ops-golden.test.ts`);
  expect(rendered).toBe(golden);
}

describe('operation SQL golden files (test/golden/ops)', () => {
  for (const kind of ALL_KINDS) {
    it(`renders ${kind} operations and their inverses exactly as ${fileName(kind)}`, async () => {
      expect(Object.values(OPERATION_SAMPLES).some((op) => op.kind === kind)).toBe(true);
      await compare(fileName(kind), goldenSql(kind));
    });
  }

  it('renders every sample as migration code exactly as code.txt', async () => {
    await compare('code.txt', goldenCode());
  });

  it('keeps no golden file whose kind is gone', async () => {
    const files = (await readdir(GOLDEN_DIR)).sort();
    expect(files).toEqual([...ALL_KINDS.map(fileName), 'code.txt'].sort());
  });
});
