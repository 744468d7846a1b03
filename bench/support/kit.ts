/**
 * Shared pieces of the benchmarks: a throwaway database on the local server, latency measured
 * with contenders taking turns call by call, and the result tables `bench/run.ts` prints and writes to docs/benchmarks.md.
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

/** The folder with the project's package.json, wherever the bench runs from (bench/ or its compiled copy). */
export const PROJECT_ROOT = ((): string => {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('bench: no package.json above the bench files');
    dir = parent;
  }
  return dir;
})();

export const ADMIN_URL =
  process.env.STRATA_BENCH_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

/** A result table: a title, column headings and rows of cells. */
export interface ResultTable {
  readonly title: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

/** What one bench file reports. */
export interface BenchReport {
  /** The docs/benchmarks.md section (`## <section>`) these results replace. */
  readonly section: string;
  /** Method and setup, written above the tables. */
  readonly intro: readonly string[];
  readonly tables: readonly ResultTable[];
  /** Goals met or missed, caveats. */
  readonly notes: readonly string[];
}

/** A bench file's default export. */
export interface Bench {
  readonly name: string;
  run(): Promise<BenchReport>;
}

/**
 * A database created for one bench and dropped after it, whatever happens. `settings` become
 * the database's defaults (`ALTER DATABASE … SET`), for every connection the bench opens.
 */
export async function withBenchDatabase<T>(
  prefix: string,
  fn: (url: string) => Promise<T>,
  settings: Readonly<Record<string, string>> = {},
): Promise<T> {
  const name = `${prefix}_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
    for (const [key, value] of Object.entries(settings)) {
      if (!/^[a-z_.]+$/.test(key)) throw new Error(`Not a setting name: ${key}`);
      await admin.query(`ALTER DATABASE "${name}" SET ${key} = '${value.replaceAll("'", "''")}'`);
    }
  } finally {
    await admin.end();
  }
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  try {
    return await fn(url.toString());
  } finally {
    const drop = new pg.Client({ connectionString: ADMIN_URL });
    await drop.connect();
    try {
      await drop.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    } finally {
      await drop.end();
    }
  }
}

/** One contender of a latency comparison: runs the operation once per call. */
export interface Contender {
  readonly name: string;
  readonly op: (i: number) => Promise<unknown>;
}

/** Options of a latency comparison. */
export interface LatencyOptions {
  /** Turns before measuring, in each round (JIT, connections, caches). */
  readonly warmup: number;
  /** Measured calls of each contender, in each round. */
  readonly samples: number;
  /** Rounds (default 1). */
  readonly rounds?: number;
  /**
   * Runs before each round: the repository bench opens new connections for every contender
   * here, so that where the server placed one contender's backend process does not favour
   * it for the whole run.
   */
  readonly beforeRound?: (round: number) => Promise<void>;
}

/** Per contender: what its calls took. */
export interface LatencyMeasure {
  /** Median wall-clock microseconds of one call, over all rounds. */
  readonly medianUs: number;
  /** Mean wall-clock microseconds of one call, the slowest and fastest 10% left out. */
  readonly trimmedMeanUs: number;
  /** CPU time of this process (all its threads) per call: the client-side cost, unaffected by server waits. */
  readonly cpuUs: number;
  /** The median of each round. */
  readonly roundMedians: readonly number[];
}

/**
 * Times each contender call by call. Contenders take turns operation by operation, in an order
 * shuffled each turn, on the same inputs: on a shared machine load comes and goes within
 * milliseconds, and turns this short share it evenly, where blocks of hundreds of calls let it
 * land on whichever contender was running. Shuffling (rather than rotating) also varies which
 * contender runs just before which, so work one leaves behind (a collection, a timer) does
 * not always land on the same other one. The shuffle is seeded: runs are repeatable.
 */
export async function measureLatency(
  contenders: readonly Contender[],
  options: LatencyOptions,
): Promise<Map<string, LatencyMeasure>> {
  const rounds = options.rounds ?? 1;
  const wall = new Map<string, number[][]>(contenders.map((c) => [c.name, []]));
  const cpu = new Map<string, number>(contenders.map((c) => [c.name, 0]));
  const order = [...contenders];
  let seed = 0x2545f491;
  const random = () => {
    seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0;
    return seed / 2 ** 32;
  };
  let input = 0;
  for (let round = 0; round < rounds; round += 1) {
    await options.beforeRound?.(round);
    for (const c of contenders) wall.get(c.name)!.push([]);
    for (let turn = 0; turn < options.warmup + options.samples; turn += 1) {
      for (let j = order.length - 1; j > 0; j -= 1) {
        const k = Math.floor(random() * (j + 1));
        [order[j], order[k]] = [order[k]!, order[j]!];
      }
      const measured = turn >= options.warmup;
      for (const c of order) {
        const cpuStart = process.cpuUsage();
        const start = performance.now();
        await c.op(input);
        const elapsed = performance.now() - start;
        const used = process.cpuUsage(cpuStart);
        if (measured) {
          wall
            .get(c.name)!
            .at(-1)!
            .push(elapsed * 1000);
          cpu.set(c.name, cpu.get(c.name)! + used.user + used.system);
        }
      }
      input += 1;
    }
  }
  return new Map(
    contenders.map((c) => {
      const byRound = wall.get(c.name)!;
      const all = byRound.flat();
      return [
        c.name,
        {
          medianUs: median(all),
          trimmedMeanUs: trimmedMean(all, 0.1),
          cpuUs: cpu.get(c.name)! / all.length,
          roundMedians: byRound.map(median),
        },
      ];
    }),
  );
}

/** The ratio of medians `a ÷ b` in each round: how far it moves from round to round. */
export function roundRatios(a: LatencyMeasure, b: LatencyMeasure): number[] {
  return a.roundMedians.map((m, i) => m / b.roundMedians[i]!);
}

/** Mean of the values with the `fraction` slowest and fastest left out. */
export function trimmedMean(values: readonly number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const cut = Math.floor(sorted.length * fraction);
  const kept = sorted.slice(cut, sorted.length - cut);
  return kept.reduce((sum, v) => sum + v, 0) / kept.length;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** What the machine is, for the report. */
export function machineDescription(serverVersion?: string): string {
  const cpus = os.cpus();
  const memory = Math.round(os.totalmem() / 2 ** 30);
  const parts = [
    `${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}`,
    `${memory} GiB RAM`,
    `${os.type()} ${os.release()}`,
    `Node ${process.version}`,
  ];
  if (serverVersion !== undefined) parts.push(serverVersion);
  // Benchmarks share the machine with whatever else runs; the load says how quiet it was.
  parts.push(`1-minute load average ${os.loadavg()[0]!.toFixed(1)} at the end of the run`);
  return parts.join(', ');
}

export function formatNumber(value: number, digits = 1): string {
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}
