import type { Readable } from 'node:stream';
import type { ResolvedRange } from './byte-range.js';

/** A stored file's description (its bytes are read with `FileStore.get`). */
export interface StoredFile {
  readonly kind: 'storedFile';
  /** UUID, assigned on `put`. */
  readonly id: string;
  readonly name: string;
  readonly contentType: string;
  /** Bytes. */
  readonly size: number;
  /** SHA-256 of the content, lowercase hex; files with the same digest share their bytes. */
  readonly sha256: string;
  readonly createdAt: Date;
}

/** A file being read: its description, the range read and the bytes as a stream. */
export interface FileDownload {
  readonly kind: 'fileDownload';
  readonly file: StoredFile;
  readonly range: ResolvedRange;
  /**
   * The bytes of `range`, one stored chunk (at most the store's chunk size) at a time, read
   * from the database only as the consumer asks for more.
   */
  readonly stream: Readable;
}

/** One page of `FileStore.list`. */
export interface FilePage {
  readonly kind: 'filePage';
  /** Newest first. */
  readonly files: readonly StoredFile[];
  /** Pass as `cursor` for the next page; undefined on the last page. */
  readonly nextCursor: string | undefined;
}
