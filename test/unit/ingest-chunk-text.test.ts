import { describe, expect, it } from 'vitest';
import { isStrataError } from '../../src/errors/strata-error.js';
import { chunkText } from '../../src/ingest/chunk-text.js';
import { seededRandom } from '../../src/search/clustered-vectors.js';

/** A text of paragraphs of sentences of words, from a seed. */
function generatedText(seed: number): string {
  const random = seededRandom(seed);
  const word = () => {
    const n = 1 + Math.floor(random() * 10);
    return Array.from({ length: n }, () => String.fromCharCode(97 + Math.floor(random() * 26))).join('');
  };
  const sentence = () => {
    const words = Array.from({ length: 3 + Math.floor(random() * 20) }, word);
    words[0] = words[0]!.charAt(0).toUpperCase() + words[0]!.slice(1);
    return `${words.join(' ')}${['.', '!', '?'][Math.floor(random() * 3)]}`;
  };
  const paragraph = () => Array.from({ length: 1 + Math.floor(random() * 8) }, sentence).join(' ');
  return Array.from({ length: 1 + Math.floor(random() * 12) }, paragraph).join('\n\n');
}

describe('chunkText', () => {
  it('keeps every chunk within size, as an exact slice of the text, covering all of it in order', () => {
    for (let seed = 1; seed <= 60; seed += 1) {
      const text = generatedText(seed);
      const size = 80 + (seed % 7) * 60;
      const overlap = Math.floor(size / 5);
      const chunks = chunkText(text, { size, overlap });
      expect(chunks.length).toBeGreaterThan(0);
      let covered = 0;
      chunks.forEach((chunk, i) => {
        expect(chunk.index).toBe(i);
        expect(chunk.text.length).toBeLessThanOrEqual(size);
        expect(chunk.text).toBe(text.slice(chunk.start, chunk.end));
        expect(chunk.text).toBe(chunk.text.trim());
        // No gap: the text between the previous chunk and this one is blank.
        expect(text.slice(covered, chunk.start).trim()).toBe('');
        if (i > 0) {
          expect(chunk.start).toBeGreaterThan(chunks[i - 1]!.start);
          expect(chunks[i - 1]!.end - chunk.start).toBeLessThanOrEqual(overlap);
        }
        covered = Math.max(covered, chunk.end);
      });
      expect(text.slice(covered).trim()).toBe('');
    }
  });

  it('returns the whole text as one chunk when it fits', () => {
    expect(chunkText('  Short text.\n', { size: 100 }).map((c) => [c.text, c.start, c.end])).toEqual([
      ['Short text.', 2, 13],
    ]);
    expect(chunkText('   \n\n ', { size: 100 })).toEqual([]);
  });

  it("cuts at paragraph breaks rather than inside paragraphs when a break lies in the chunk's second half", () => {
    const p1 = 'First paragraph has words. It goes on a while.';
    const p2 = 'Second paragraph, also of some length. More here.';
    const p3 = 'Third one.';
    const chunks = chunkText(`${p1}\n\n${p2}\n\n${p3}`, { size: 80, overlap: 0 });
    expect(chunks.map((c) => c.text)).toEqual([p1, `${p2}\n\n${p3}`]);
  });

  it('cuts at sentence ends inside a paragraph that is longer than a chunk', () => {
    const sentences = Array.from({ length: 8 }, (_, i) => `Sentence ${i} ends here.`);
    const chunks = chunkText(sentences.join(' '), { size: 60, overlap: 0 });
    for (const chunk of chunks)
      expect(chunk.text).toMatch(/^Sentence \d ends here\.( Sentence \d ends here\.)*$/);
  });

  it('repeats whole sentences from the end of the previous chunk as overlap', () => {
    const sentences = Array.from({ length: 10 }, (_, i) => `This is sentence ${i}.`);
    const chunks = chunkText(sentences.join(' '), { size: 70, overlap: 25 });
    for (let i = 1; i < chunks.length; i += 1) {
      const previous = chunks[i - 1]!.text;
      const first = /^This is sentence \d\./.exec(chunks[i]!.text)![0];
      expect(previous.endsWith(first)).toBe(true);
    }
  });

  it('cuts inside a word only when the word is longer than a chunk, never inside a surrogate pair', () => {
    const long = '😀'.repeat(30);
    const chunks = chunkText(`short words ${long} end`, { size: 25, overlap: 0 });
    for (const chunk of chunks) {
      expect(chunk.text.length).toBeLessThanOrEqual(25);
      expect(chunk.text).not.toMatch(/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/);
    }
    expect(
      chunks
        .map((c) => c.text)
        .join('')
        .replace(/\s/g, ''),
    ).toBe(`shortwords${long}end`);
    expect(chunks.filter((c) => c.text.startsWith('😀') || c.text.endsWith('😀')).length).toBeGreaterThan(1);
  });

  it('refuses an overlap that is not smaller than the size', () => {
    for (const options of [{ size: 100, overlap: 100 }, { size: 0 }, { size: 50, overlap: -1 }]) {
      let error: unknown;
      try {
        chunkText('text', options);
      } catch (e) {
        error = e;
      }
      expect(isStrataError(error, 'USAGE')).toBe(true);
    }
  });
});
