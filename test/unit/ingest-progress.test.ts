import { describe, expect, it } from 'vitest';
import { renderProgressBar, terminalProgressBar } from '../../src/ingest/progress.js';

describe('progress', () => {
  it('renders a bar with the share done', () => {
    expect(renderProgressBar({ kind: 'ingestProgress', phase: 'embedding', done: 5, total: 10 }, 10)).toBe(
      'Embedding [#####-----]  50% 5/10',
    );
    expect(renderProgressBar({ kind: 'ingestProgress', phase: 'storing', done: 0, total: 0 }, 4)).toBe(
      'Storing   [####] 100% 0/0',
    );
  });

  it('draws on a terminal only', () => {
    expect(terminalProgressBar({ isTTY: false, write: () => true })).toBeUndefined();
    expect(terminalProgressBar({ write: () => true })).toBeUndefined();
  });

  it('redraws in place and ends each phase with a newline', () => {
    const written: string[] = [];
    const bar = terminalProgressBar({ isTTY: true, columns: 60, write: (text) => written.push(text) })!;
    bar({ kind: 'ingestProgress', phase: 'embedding', done: 0, total: 4 });
    bar({ kind: 'ingestProgress', phase: 'embedding', done: 1, total: 4 }); // within 100 ms: skipped
    bar({ kind: 'ingestProgress', phase: 'embedding', done: 4, total: 4 });
    bar({ kind: 'ingestProgress', phase: 'storing', done: 1, total: 1 });
    expect(written).toEqual([
      '\rEmbedding [--------------------]   0% 0/4',
      '\rEmbedding [####################] 100% 4/4',
      '\n',
      '\rStoring   [####################] 100% 1/1',
      '\n',
    ]);
  });
});
