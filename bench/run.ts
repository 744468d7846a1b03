/**
 * `npm run bench [name…]`: runs every bench file in bench/ (each default-exports a `Bench`),
 * prints its tables, and rewrites its section of docs/benchmarks.md with the results, the
 * date and the machine. Names on the command line pick bench files by name.
 *
 * `npm run bench` compiles src/ and bench/ with `tsc` (tsconfig.bench.json, into .bench/) and
 * runs the output with plain Node: Strata is measured as the JavaScript users run, like the
 * published JavaScript of `pg`, Kysely and Drizzle it is compared with. (Run through tsx,
 * every closure the source creates per call would also pay for esbuild's `keepNames` helper.)
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type Bench, type BenchReport, PROJECT_ROOT, type ResultTable } from './support/kit.js';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const docsFile = path.join(PROJECT_ROOT, 'docs', 'benchmarks.md');
/** A bench file, compiled (`.js`, as `npm run bench` runs them) or not (`.ts`, through tsx). */
const BENCH_FILE = /^(?!run\.)[\w-]+\.(?:ts|js)$/;

function isBench(value: unknown): value is Bench {
  return typeof value === 'object' && value !== null && typeof (value as Bench).run === 'function';
}

function textTable(table: ResultTable): string {
  const widths = table.columns.map((c, i) =>
    Math.max(c.length, ...table.rows.map((r) => (r[i] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [
    table.title,
    line(table.columns),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...table.rows.map(line),
  ].join('\n');
}

function markdownTable(table: ResultTable): string {
  const row = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [
    `**${table.title}**`,
    '',
    row(table.columns),
    row(table.columns.map((_, i) => (i === 0 ? '---' : '---:'))),
    ...table.rows.map(row),
  ].join('\n');
}

function markdownSection(report: BenchReport): string {
  return [
    `## ${report.section}`,
    '',
    ...report.intro,
    '',
    ...report.tables.flatMap((t) => [markdownTable(t), '']),
    ...report.notes.map((n) => `- ${n}`),
    '',
  ].join('\n');
}

/** Replaces `## section` (up to the next `## ` heading) in the document, or appends it. */
function replaceSection(document: string, section: string, body: string): string {
  const lines = document.split('\n');
  const start = lines.findIndex((l) => l.trim() === `## ${section}`);
  if (start < 0) return `${document.trimEnd()}\n\n${body}`;
  let end = lines.findIndex((l, i) => i > start && l.startsWith('## '));
  if (end < 0) end = lines.length;
  return [...lines.slice(0, start), ...body.trimEnd().split('\n'), '', ...lines.slice(end)].join('\n');
}

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const files = readdirSync(benchDir)
    .filter((f) => BENCH_FILE.test(f) && !f.endsWith('.d.ts'))
    .filter((f) => wanted.length === 0 || wanted.some((w) => f.includes(w)))
    .sort();
  if (files.length === 0) {
    console.error(`No bench file matches ${wanted.join(', ')}.`);
    process.exitCode = 1;
    return;
  }
  for (const file of files) {
    const module: { default?: unknown } = await import(pathToFileURL(path.join(benchDir, file)).href);
    if (!isBench(module.default)) {
      console.error(`bench/${file} has no default-exported Bench; skipped.`);
      continue;
    }
    const bench = module.default;
    console.log(`\n=== ${bench.name} (bench/${file.replace(/\.js$/, '.ts')}) ===`);
    const started = performance.now();
    const report = await bench.run();
    for (const table of report.tables) console.log(`\n${textTable(table)}`);
    for (const note of report.notes) console.log(`- ${note}`);
    console.log(`(${((performance.now() - started) / 1000).toFixed(1)} s)`);
    mkdirSync(path.dirname(docsFile), { recursive: true });
    const current = existsSync(docsFile)
      ? readFileSync(docsFile, 'utf8')
      : '# Benchmarks\n\nWritten by `npm run bench`.\n';
    writeFileSync(docsFile, replaceSection(current, report.section, markdownSection(report)));
    console.log(`docs/benchmarks.md: section "${report.section}" updated.`);
  }
}

await main();
