/**
 * Compiles every TypeScript code sample: the ```ts blocks of README.md and docs/*.md and the
 * ```ts blocks inside JSDoc `@example`s in src/. Samples import `strata` and `strata/<sub>`,
 * which tsconfig.samples.json maps onto src/. Docs blocks marked ```ts run are also executed.
 *
 * Usage: tsx scripts/check-samples.ts [--run]
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const outDir = join(root, '.samples');

interface Sample {
  /** Names the sample may use without importing them (a JSDoc example sees its own module). */
  readonly prelude?: string;
  readonly source: string;
  readonly line: number;
  readonly code: string;
  readonly run: boolean;
}

function walk(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) walk(path, out);
    else out.push(path);
  }
  return out;
}

function markdownSamples(file: string): Sample[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  const samples: Sample[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(ts|typescript)(\s+run)?\s*$/.exec(lines[i]!);
    if (!open) continue;
    const start = i + 1;
    const body: string[] = [];
    for (i = start; i < lines.length && !lines[i]!.startsWith('```'); i++) body.push(lines[i]!);
    samples.push({
      source: relative(root, file),
      line: start,
      code: body.join('\n'),
      run: open[2] !== undefined,
    });
  }
  return samples;
}

function jsdocSamples(file: string): Sample[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  const samples: Sample[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^\s*\*\s*```ts\s*$/.test(lines[i]!)) continue;
    const start = i + 1;
    const body: string[] = [];
    for (i = start; i < lines.length && !/^\s*\*\s*```\s*$/.test(lines[i]!); i++) {
      body.push(lines[i]!.replace(/^\s*\* ?/, ''));
    }
    samples.push({
      source: relative(root, file),
      line: start,
      code: body.join('\n'),
      run: false,
      prelude: ownExportsImport(file, body.join('\n')),
    });
  }
  return samples;
}

/** The names a module exports (declarations and `export { … }` lists, not `export *`). */
function exportedNames(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const names = new Set<string>();
  for (const m of text.matchAll(
    /^export\s+(?:declare\s+)?(?:async\s+)?(?:function\*?|const|let|class|abstract\s+class|type|interface|enum)\s+([A-Za-z_$][\w$]*)/gm,
  )) {
    names.add(m[1]!);
  }
  for (const m of text.matchAll(/^export\s+(?:type\s+)?\{([^}]*)\}/gm)) {
    for (const part of m[1]!.split(',')) {
      const name = part
        .trim()
        .replace(/^type\s+/, '')
        .split(/\s+as\s+/)
        .pop()
        ?.trim();
      if (name) names.add(name);
    }
  }
  return [...names];
}

/** A JSDoc example may use what its own module exports, as if written inside that module. */
function ownExportsImport(file: string, code: string): string | undefined {
  const imported = new Set(
    [...code.matchAll(/import\s+(?:type\s+)?\{([^}]*)\}/g)].flatMap((m) =>
      m[1]!.split(',').map((p) =>
        p
          .trim()
          .replace(/^type\s+/, '')
          .split(/\s+as\s+/)
          .pop()!
          .trim(),
      ),
    ),
  );
  const names = exportedNames(file).filter(
    (n) => !imported.has(n) && new RegExp(`\\b${n.replace('$', '\\$')}\\b`).test(code),
  );
  if (names.length === 0) return undefined;
  return `import { ${names.join(', ')} } from '${file.replace(/\.ts$/, '.js')}';`;
}

const docs = [
  join(root, 'README.md'),
  ...(existsSync(join(root, 'docs')) ? walk(join(root, 'docs')) : []),
].filter((f) => f.endsWith('.md'));
const sources = walk(join(root, 'src')).filter((f) => f.endsWith('.ts'));
const samples = [...docs.flatMap(markdownSamples), ...sources.flatMap(jsdocSamples)];

rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
const files = samples.map((sample, n) => {
  const name = `${String(n).padStart(4, '0')}_${sample.source.replace(/[^a-zA-Z0-9]+/g, '_')}_${sample.line}.ts`;
  // Each sample is its own module; `export {}` keeps top-level await and local names legal.
  const prelude = sample.prelude ? `${sample.prelude}\n` : '';
  writeFileSync(
    join(outDir, name),
    `// ${sample.source}:${sample.line}\n${prelude}${sample.code}\nexport {};\n`,
  );
  return { ...sample, file: join(outDir, name) };
});
writeFileSync(
  join(outDir, 'tsconfig.json'),
  JSON.stringify(
    {
      extends: '../tsconfig.json',
      compilerOptions: {
        noEmit: true,
        rootDir: '..',
        noUnusedLocals: false,
        // Samples import types and values alike, as readers copy them.
        verbatimModuleSyntax: false,
        baseUrl: '..',
        paths: { strata: ['./src/index.ts'], 'strata/*': ['./src/*/index.ts'] },
      },
      include: ['./*.ts'],
    },
    null,
    2,
  ),
);

try {
  execFileSync(join(root, 'node_modules/.bin/tsc'), ['-p', join(outDir, 'tsconfig.json')], { stdio: 'pipe' });
} catch (error) {
  const output = String((error as { stdout?: Buffer }).stdout ?? error);
  process.stderr.write(`Code samples do not compile:\n${output}`);
  process.exit(1);
}
let ran = 0;
if (process.argv.includes('--run')) {
  for (const sample of files.filter((f) => f.run)) {
    execFileSync(
      join(root, 'node_modules/.bin/tsx'),
      ['--tsconfig', join(outDir, 'tsconfig.json'), sample.file],
      {
        stdio: 'inherit',
        cwd: outDir,
      },
    );
    ran += 1;
  }
}
process.stdout.write(`${samples.length} code samples compile${ran ? `, ${ran} ran` : ''}\n`);
