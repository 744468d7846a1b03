/** Where an ingestion is: embedding chunks, or storing documents. */
export interface IngestProgress {
  readonly kind: 'ingestProgress';
  readonly phase: 'embedding' | 'storing';
  readonly done: number;
  readonly total: number;
}

/** A callback that receives progress. */
export type ProgressListener = (progress: IngestProgress) => void;

/** The stream a progress bar draws on: stderr, or anything with its `isTTY` and `write`. */
export interface ProgressStream {
  readonly isTTY?: boolean;
  readonly columns?: number;
  write(text: string): unknown;
}

const LABELS: Readonly<Record<IngestProgress['phase'], string>> = {
  embedding: 'Embedding',
  storing: 'Storing',
};

/**
 * A progress bar on the terminal, or undefined when `stream` (stderr by default) is not a
 * TTY: piped and CI output stays free of carriage returns. Redraws at most ten times a
 * second, and ends each phase with a newline.
 *
 * @example
 * ```ts
 * import type { Database } from 'strata';
 * import type { DocumentStore } from 'strata/ingest';
 * import type { AnyTable } from 'strata/schema';
 *
 * declare const db: Database;
 * declare const store: DocumentStore<AnyTable, AnyTable>;
 *
 * // Draw on stdout instead of stderr (nothing is drawn when stdout is not a terminal).
 * await store.ingest(db, { content: 'Some text' }, { onProgress: terminalProgressBar(process.stdout) });
 * ```
 */
export function terminalProgressBar(stream: ProgressStream = process.stderr): ProgressListener | undefined {
  if (stream.isTTY !== true) return undefined;
  let lastDraw = 0;
  let lastPhase: string | undefined;
  return (progress) => {
    const finished = progress.done >= progress.total;
    const now = Date.now();
    if (!finished && progress.phase === lastPhase && now - lastDraw < 100) return;
    lastDraw = now;
    lastPhase = progress.phase;
    stream.write(`\r${renderProgressBar(progress, Math.max(10, Math.min(40, (stream.columns ?? 80) - 40)))}`);
    if (finished) {
      stream.write('\n');
      lastPhase = undefined;
    }
  };
}

/**
 * One line of a progress bar: `Embedding [##########----------]  50% 120/240`.
 *
 * @example
 * ```ts
 * renderProgressBar({ kind: 'ingestProgress', phase: 'storing', done: 1, total: 4 }, 8); // 'Storing   [##------]  25% 1/4'
 * ```
 */
export function renderProgressBar(progress: IngestProgress, width = 30): string {
  const ratio = progress.total === 0 ? 1 : Math.min(1, Math.max(0, progress.done / progress.total));
  const filled = Math.round(ratio * width);
  const percent = `${Math.floor(ratio * 100)}%`.padStart(4);
  return `${LABELS[progress.phase].padEnd(9)} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${percent} ${progress.done}/${progress.total}`;
}
