/**
 * Shared pieces of the benchmarks: a throwaway database on the local server, interleaved
 * timing rounds, and the result tables `bench/run.ts` prints and writes to docs/benchmarks.md.
 */
import os from 'node:os';
import pg from 'pg';

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
  readonly warmup: number;
  readonly rounds: number;
  readonly iterations: number;
}

/** Median microseconds per operation of each contender, over interleaved rounds. */
export async function compareLatency(
  contenders: readonly Contender[],
  options: LatencyOptions,
): Promise<Map<string, number>> {
  const detailed = await measureLatency(contenders, options);
  return new Map([...detailed].map(([name, m]) => [name, m.wallUs]));
}

/** Per contender: median wall-clock and client CPU microseconds per operation. */
export interface LatencyMeasure {
  readonly wallUs: number;
  /** CPU time of this process (all its threads) per operation: the client-side cost, unaffected by server waits. */
  readonly cpuUs: number;
}

/**
 * Like `compareLatency`, with the client CPU time per operation too. Rounds are interleaved
 * and the order rotates, so drift (autovacuum, caches, other load) does not favour anyone.
 */
export async function measureLatency(
  contenders: readonly Contender[],
  options: LatencyOptions,
): Promise<Map<string, LatencyMeasure>> {
  for (const c of contenders) for (let i = 0; i < options.warmup; i += 1) await c.op(i);
  const wall = new Map<string, number[]>(contenders.map((c) => [c.name, []]));
  const cpu = new Map<string, number[]>(contenders.map((c) => [c.name, []]));
  let counter = options.warmup;
  for (let round = 0; round < options.rounds; round += 1) {
    const order = contenders.map((_, i) => contenders[(i + round) % contenders.length]!);
    for (const c of order) {
      const cpuStart = process.cpuUsage();
      const start = performance.now();
      for (let i = 0; i < options.iterations; i += 1) {
        await c.op(counter);
        counter += 1;
      }
      const elapsed = performance.now() - start;
      const used = process.cpuUsage(cpuStart);
      wall.get(c.name)!.push((elapsed * 1000) / options.iterations);
      cpu.get(c.name)!.push((used.user + used.system) / options.iterations);
    }
  }
  return new Map(
    contenders.map((c) => [c.name, { wallUs: median(wall.get(c.name)!), cpuUs: median(cpu.get(c.name)!) }]),
  );
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
