/** Options of one `embed` call. */
export interface EmbedOptions {
  /** Cancels the call (pending requests are aborted, the promise rejects). */
  readonly signal?: AbortSignal;
  /** Called as texts are embedded: how many are done out of how many. */
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * Turns texts into vectors. `model` names what made a vector: ingestion records it with each
 * embedding and re-embeds when it changes, so two embedders with different outputs must never
 * share a model name.
 *
 * @example
 * ```ts
 * import { hashingEmbedder } from 'strata/embed';
 *
 * const embedder: Embedder = hashingEmbedder({ dimensions: 384 });
 * const [vector] = await embedder.embed(['hello world']);
 * vector?.length; // 384
 * ```
 */
export interface Embedder {
  /** Identifies the model and everything that changes its output (dimensions included). */
  readonly model: string;
  /** Length of every vector it returns. */
  readonly dimensions: number;
  /** One vector per text, in the same order. */
  embed(texts: readonly string[], options?: EmbedOptions): Promise<number[][]>;
}

/**
 * Embeds one text.
 *
 * @example
 * ```ts
 * import { hashingEmbedder } from 'strata/embed';
 *
 * const query = await embedOne(hashingEmbedder(), 'how do I reset my password?');
 * query.length; // 384
 * ```
 */
export async function embedOne(embedder: Embedder, text: string, options?: EmbedOptions): Promise<number[]> {
  const [vector] = await embedder.embed([text], options);
  return vector!;
}
