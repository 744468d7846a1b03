import { StrataError } from '../errors/strata-error.js';

/** Options of `chunkText`. Sizes are in characters (UTF-16 code units, as `string.length` counts). */
export interface ChunkOptions {
  /** Longest chunk (default 1,000). */
  readonly size?: number;
  /** Characters the start of a chunk repeats from the end of the previous one (default: the smaller of 200 and a fifth of `size`; less than size). */
  readonly overlap?: number;
}

/** A piece of a text, with where it is in it: `text === source.slice(start, end)`. */
export interface TextChunk {
  readonly kind: 'textChunk';
  readonly index: number;
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/**
 * How strong the boundary before a piece is: a cut there keeps more of the text's structure.
 * `None` is inside a word longer than a chunk; 4 is the start of the text.
 */
const Boundary = { None: 0, Word: 1, Sentence: 2, Paragraph: 3 } as const;
type Boundary = 0 | 1 | 2 | 3 | 4;
type SplitLevel = 1 | 2 | 3;

interface Piece {
  readonly start: number;
  readonly end: number;
  /** Boundary between the previous piece and this one. */
  readonly boundary: Boundary;
}

const PARAGRAPH_BREAK = /\n[ \t]*\n\s*/g;
/** After . ! ? … (and CJK stops), with closing quotes or brackets, then blank space. */
const SENTENCE_BREAK = /(?<=[.!?…。！？]["'”’)\]]*)\s+/g;
const WORD_BREAK = /\s+/g;
const BREAKS: Readonly<Record<SplitLevel, RegExp>> = {
  [Boundary.Paragraph]: PARAGRAPH_BREAK,
  [Boundary.Sentence]: SENTENCE_BREAK,
  [Boundary.Word]: WORD_BREAK,
};

/** Splits `[start, end)` at a separator, dropping the separators; each part with its content trimmed. */
function splitRange(
  text: string,
  start: number,
  end: number,
  separator: RegExp,
): { start: number; end: number }[] {
  const parts: { start: number; end: number }[] = [];
  const slice = text.slice(start, end);
  let from = 0;
  for (const match of slice.matchAll(separator)) {
    if (match.index > from) parts.push({ start: start + from, end: start + match.index });
    from = match.index + match[0].length;
  }
  if (from < slice.length) parts.push({ start: start + from, end });
  return parts;
}

/** Cuts a range into pieces of at most `size`, never between the two halves of a surrogate pair. */
function hardCut(text: string, start: number, end: number, size: number): Piece[] {
  const pieces: Piece[] = [];
  let at = start;
  while (at < end) {
    let cut = Math.min(end, at + size);
    const code = text.charCodeAt(cut - 1);
    if (cut < end && cut - 1 > at && code >= 0xd800 && code <= 0xdbff) cut -= 1;
    pieces.push({ start: at, end: cut, boundary: Boundary.None });
    at = cut;
  }
  return pieces;
}

/** The text as pieces that each fit a chunk: paragraphs, else sentences, else words, else hard cuts. */
function pieces(text: string, start: number, end: number, level: SplitLevel | 0, size: number): Piece[] {
  if (end - start <= size) return [{ start, end, boundary: level }];
  if (level === Boundary.None) return hardCut(text, start, end, size);
  const out: Piece[] = [];
  const parts = splitRange(text, start, end, BREAKS[level]);
  parts.forEach((part, i) => {
    const inner =
      part.end - part.start <= size
        ? [{ ...part, boundary: level }]
        : pieces(text, part.start, part.end, (level - 1) as SplitLevel | 0, size);
    // The first piece of a part is preceded by this level's boundary (or the enclosing one for the very first).
    inner.forEach((piece, j) => {
      out.push(j === 0 ? { ...piece, boundary: i === 0 ? ((level + 1) as Boundary) : level } : piece);
    });
  });
  return out;
}

/**
 * Splits a text into chunks of at most `size` characters that overlap by up to `overlap`,
 * cutting at paragraph breaks where it can, else at sentence ends, else between words, and
 * inside a word only when one word is longer than a chunk. A chunk is cut at the strongest
 * boundary in its second half, so chunks are at least half full unless the text ends. The
 * overlap is made of whole sentences or words from the end of the previous chunk. Chunks are
 * exact slices of the text (`text.slice(start, end)`), without leading or trailing blank space.
 *
 * @example
 * ```ts
 * declare const article: string;
 *
 * for (const chunk of chunkText(article, { size: 800, overlap: 100 })) {
 *   chunk.text === article.slice(chunk.start, chunk.end); // true
 * }
 * ```
 */
export function chunkText(text: string, options: ChunkOptions = {}): TextChunk[] {
  const size = options.size ?? 1000;
  const overlap = options.overlap ?? Math.min(200, Math.floor(size / 5));
  if (typeof text !== 'string')
    throw new StrataError('USAGE', `chunkText takes a string; got ${typeof text}.`);
  if (!Number.isInteger(size) || size < 1) {
    throw new StrataError('USAGE', `Chunk size must be a whole number of characters ≥ 1; got ${size}.`);
  }
  if (!Number.isInteger(overlap) || overlap < 0 || overlap >= size) {
    throw new StrataError(
      'USAGE',
      `Chunk overlap must be a whole number from 0 to size − 1 (${size - 1}); got ${overlap}.`,
    );
  }
  const trimmedStart = text.length - text.trimStart().length;
  const trimmedEnd = text.trimEnd().length;
  if (trimmedEnd <= trimmedStart) return [];
  const all = pieces(text, trimmedStart, trimmedEnd, Boundary.Paragraph, size);
  const chunks: TextChunk[] = [];
  const emit = (first: number, last: number) => {
    const start = all[first]!.start;
    const end = all[last]!.end;
    chunks.push({ kind: 'textChunk', index: chunks.length, text: text.slice(start, end), start, end });
  };
  let first = 0;
  let last = 0;
  while (last < all.length) {
    // Grow the chunk while the next piece fits.
    while (last + 1 < all.length && all[last + 1]!.end - all[first]!.start <= size) last += 1;
    if (last + 1 === all.length) {
      emit(first, last);
      break;
    }
    // Cut at the strongest boundary in the chunk's second half (the latest among equals).
    const start = all[first]!.start;
    let cut = last;
    for (let i = last; i >= first; i -= 1) {
      if (all[i]!.end - start < size / 2) break;
      if (all[i + 1]!.boundary > all[cut + 1]!.boundary) cut = i;
    }
    emit(first, cut);
    // The next chunk starts with whole pieces from the end of this one, up to `overlap` characters,
    // as long as the piece after the cut still fits and the chunk moves forward.
    let next = cut + 1;
    while (
      next - 1 > first &&
      all[cut]!.end - all[next - 1]!.start <= overlap &&
      all[cut + 1]!.end - all[next - 1]!.start <= size
    ) {
      next -= 1;
    }
    first = next;
    last = Math.max(first, cut + 1);
  }
  return chunks;
}
