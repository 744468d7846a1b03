import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { StrataError } from '../../src/errors/strata-error.js';
import { fixedSizeChunks } from '../../src/files/file-content.js';

function bytes(size: number, start = 0): Buffer {
  return Buffer.from(Array.from({ length: size }, (_, i) => (start + i) % 251));
}

async function rechunk(
  source: Uint8Array | AsyncIterable<Uint8Array>,
  chunkSize: number,
  maxSize = Number.MAX_SAFE_INTEGER,
): Promise<{ chunks: Buffer[]; seen: number; tally: number }> {
  const tally = { bytes: 0 };
  let seen = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of fixedSizeChunks(source, {
    chunkSize,
    maxSize,
    onBytes: (b) => (seen += b.length),
    tally,
  })) {
    chunks.push(Buffer.from(chunk));
  }
  return { chunks, seen, tally: tally.bytes };
}

async function errorOf(promise: Promise<unknown>): Promise<StrataError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StrataError);
  return error as StrataError;
}

describe('fixedSizeChunks', () => {
  it('cuts one buffer into full chunks and a shorter last one', async () => {
    const data = bytes(10);
    const { chunks, seen, tally } = await rechunk(data, 4);
    expect(chunks.map((c) => c.length)).toEqual([4, 4, 2]);
    expect(Buffer.concat(chunks)).toEqual(data);
    expect(seen).toBe(10);
    expect(tally).toBe(10);
  });

  it('joins small pieces of a stream into full chunks', async () => {
    const data = bytes(26);
    const cuts = [0, 3, 4, 5, 11, 12, 26];
    const pieces = cuts.slice(1).map((end, i) => data.subarray(cuts[i], end));
    const { chunks } = await rechunk(Readable.from(pieces, { objectMode: false }), 8);
    expect(chunks.map((c) => c.length)).toEqual([8, 8, 8, 2]);
    expect(Buffer.concat(chunks)).toEqual(data);
  });

  it('gives exact multiples of the chunk size as full chunks only', async () => {
    const { chunks } = await rechunk(bytes(12), 4);
    expect(chunks.map((c) => c.length)).toEqual([4, 4, 4]);
  });

  it('keeps its chunks intact when the source reuses its buffer', async () => {
    const shared = Buffer.alloc(3);
    async function* reusing(): AsyncGenerator<Uint8Array> {
      for (let i = 0; i < 4; i += 1) {
        shared.fill(i + 1);
        yield shared;
      }
    }
    const { chunks } = await rechunk(reusing(), 5);
    expect(Buffer.concat(chunks)).toEqual(Buffer.from([1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4]));
  });

  it('gives nothing for an empty source', async () => {
    expect((await rechunk(Readable.from([], { objectMode: false }), 4)).chunks).toEqual([]);
  });

  it('stops at the first piece over the size limit and closes the source', async () => {
    let pulled = 0;
    let closed = false;
    async function* endless(): AsyncGenerator<Uint8Array> {
      try {
        for (;;) {
          pulled += 1;
          yield bytes(10);
        }
      } finally {
        closed = true;
      }
    }
    const error = await errorOf(rechunk(endless(), 4, 25));
    expect(error.code).toBe('FILE_INVALID');
    expect(error.details).toEqual({ maxSize: 25, bytesRead: 30 });
    expect(pulled).toBe(3);
    expect(closed).toBe(true);
  });

  it('reports a failing source as FILE_INVALID with the failure as cause', async () => {
    const failure = new Error('socket hang up');
    async function* failing(): AsyncGenerator<Uint8Array> {
      yield bytes(6);
      throw failure;
    }
    const error = await errorOf(rechunk(failing(), 4));
    expect(error.code).toBe('FILE_INVALID');
    expect(error.message).toBe(
      'The upload stream failed after 6 bytes (socket hang up); nothing was stored.',
    );
    expect(error.cause).toBe(failure);
  });

  it('refuses pieces that are not bytes', async () => {
    const error = await errorOf(rechunk(Readable.from(['abc']) as unknown as AsyncIterable<Uint8Array>, 4));
    expect(error.code).toBe('FILE_INVALID');
    expect(error.message).toContain('gave a string where bytes were expected');
  });

  it('closes the source when the consumer stops early', async () => {
    let closed = false;
    async function* source(): AsyncGenerator<Uint8Array> {
      try {
        for (;;) yield bytes(4);
      } finally {
        closed = true;
      }
    }
    const tally = { bytes: 0 };
    for await (const chunk of fixedSizeChunks(source(), {
      chunkSize: 4,
      maxSize: 100,
      onBytes: () => {},
      tally,
    })) {
      expect(chunk.length).toBe(4);
      break;
    }
    expect(closed).toBe(true);
  });
});
