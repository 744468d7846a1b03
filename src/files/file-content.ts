import { StrataError } from '../errors/strata-error.js';

/**
 * What `FileStore.put` stores: bytes in memory (a `Buffer` is a `Uint8Array`), or a stream of
 * them: a Node `Readable` or any async iterable of `Uint8Array`.
 */
export type FileContent = Uint8Array | AsyncIterable<Uint8Array>;

/** Whether a value can be stored as a file's content. */
export function isFileContent(value: unknown): value is FileContent {
  if (value instanceof Uint8Array) return true;
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === 'function'
  );
}

export interface FixedSizeChunksOptions {
  readonly chunkSize: number;
  /** Stop, with FILE_INVALID, as soon as more bytes than this arrive. */
  readonly maxSize: number;
  /** Sees every byte, in order, as it arrives (e.g. to hash it). */
  readonly onBytes: (bytes: Uint8Array) => void;
  /** Counts the bytes read so far. */
  readonly tally: { bytes: number };
}

function overLimit(bytes: number, maxSize: number): StrataError {
  return new StrataError(
    'FILE_INVALID',
    `The file is larger than its size limit of ${maxSize} bytes (${bytes} bytes read so far): ` +
      'store a smaller file, or raise maxSize for this put or for the store.',
    { maxSize, bytesRead: bytes },
  );
}

/**
 * Re-cuts content into pieces of exactly `chunkSize` bytes (the last may be shorter), holding
 * at most one piece in memory however the source cuts its data.
 * A source that fails is reported as FILE_INVALID with the source's error as `cause`.
 *
 * @example
 * ```ts
 * import { createReadStream } from 'node:fs';
 *
 * declare function save(chunk: Buffer): Promise<void>;
 * const readable = createReadStream('report.pdf');
 * const tally = { bytes: 0 };
 * for await (const chunk of fixedSizeChunks(readable, { chunkSize: 262144, maxSize: 1e8, onBytes: () => {}, tally })) {
 *   await save(chunk); // chunk.length === 262144 except for the last one
 * }
 * ```
 */
export async function* fixedSizeChunks(
  content: FileContent,
  options: FixedSizeChunksOptions,
): AsyncGenerator<Buffer, void, undefined> {
  const { chunkSize, maxSize, onBytes, tally } = options;
  let current = Buffer.allocUnsafe(chunkSize);
  let filled = 0;
  const source: AsyncIterable<unknown> | Iterable<unknown> =
    content instanceof Uint8Array ? [content] : content;
  const iterator =
    Symbol.asyncIterator in source
      ? (source as AsyncIterable<unknown>)[Symbol.asyncIterator]()
      : (source as Iterable<unknown>)[Symbol.iterator]();
  let finished = false;
  try {
    for (;;) {
      let step: IteratorResult<unknown>;
      try {
        step = await iterator.next();
      } catch (error) {
        finished = true;
        if (error instanceof StrataError) throw error;
        const reason = error instanceof Error ? error.message : String(error);
        throw new StrataError(
          'FILE_INVALID',
          `The upload stream failed after ${tally.bytes} bytes (${reason}); nothing was stored.`,
          { bytesRead: tally.bytes },
          { cause: error },
        );
      }
      if (step.done) {
        finished = true;
        break;
      }
      const piece = step.value;
      if (!(piece instanceof Uint8Array)) {
        throw new StrataError(
          'FILE_INVALID',
          `The upload stream gave a ${piece === null ? 'null' : typeof piece} where bytes were expected: ` +
            'stream Buffers or Uint8Arrays (a Readable without setEncoding(), not in object mode with other values).',
          { bytesRead: tally.bytes },
        );
      }
      tally.bytes += piece.byteLength;
      if (tally.bytes > maxSize) throw overLimit(tally.bytes, maxSize);
      onBytes(piece);
      // Copied into a chunk of our own: a source may reuse its buffer once asked for the next piece.
      let rest = piece;
      while (rest.byteLength > 0) {
        const take = Math.min(chunkSize - filled, rest.byteLength);
        current.set(rest.subarray(0, take), filled);
        filled += take;
        rest = rest.subarray(take);
        if (filled === chunkSize) {
          yield current;
          current = Buffer.allocUnsafe(chunkSize);
          filled = 0;
        }
      }
    }
    if (filled > 0) yield current.subarray(0, filled);
  } finally {
    // Stopping early (over the limit, a failed write) must release the source, e.g. destroy a Readable.
    if (!finished) await iterator.return?.();
  }
}
