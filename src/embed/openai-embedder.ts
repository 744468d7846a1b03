import { setTimeout as sleep } from 'node:timers/promises';
import { StrataError } from '../errors/strata-error.js';
import type { Embedder, EmbedOptions } from './embedder.js';

/** Options of `openAIEmbedder`. */
export interface OpenAIEmbedderOptions {
  /** The API root, with its version: `https://api.openai.com/v1`, `http://localhost:11434/v1` (Ollama), … */
  readonly baseUrl: string;
  /** Model name the endpoint knows (`text-embedding-3-small`). */
  readonly model: string;
  /** Length of the vectors; responses of another length are refused. */
  readonly dimensions: number;
  /** Sent as `Authorization: Bearer …`; never appears in errors. */
  readonly apiKey?: string;
  /**
   * Send `dimensions` in the request (models that can shorten their output, like
   * text-embedding-3-*). Default true; turn off for endpoints that reject the field.
   */
  readonly sendDimensions?: boolean;
  /** Texts per request (default 64). */
  readonly batchSize?: number;
  /** Requests in flight at once (default 4). */
  readonly concurrency?: number;
  /** Retries of a request answered 429 or 5xx, or failing in the network (default 5). */
  readonly maxRetries?: number;
  /** First retry delay; doubled each time, with jitter, up to `maxBackoffMs` (defaults 500 and 20,000). */
  readonly initialBackoffMs?: number;
  readonly maxBackoffMs?: number;
  /** Time limit of one request (default 60,000 ms); a timed-out request is retried. */
  readonly timeoutMs?: number;
  /** Extra headers (e.g. `OpenAI-Organization`, or an `api-key` header for Azure). */
  readonly headers?: Readonly<Record<string, string>>;
  /** What ingestion records as the model (default `model`). Change it when the output changes. */
  readonly modelId?: string;
  /** The fetch to use (default the global one). */
  readonly fetch?: typeof fetch;
}

interface EmbeddingResponse {
  readonly data?: readonly { readonly index?: unknown; readonly embedding?: unknown }[];
}

/** Statuses worth retrying: rate limited, and the server's own failures. */
function retryable(status: number): boolean {
  return status === 429 || status === 408 || status >= 500;
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new StrataError('USAGE', `openAIEmbedder: ${name} must be a whole number ≥ 1; got ${value}.`);
  }
  return value;
}

/** How long the server asks us to wait: `retry-after-ms`, then `retry-after` (seconds or an HTTP date). */
function retryAfterMs(headers: Headers): number | undefined {
  const ms = Number(headers.get('retry-after-ms'));
  if (headers.has('retry-after-ms') && Number.isFinite(ms) && ms >= 0) return ms;
  const value = headers.get('retry-after');
  if (value === null) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** The error message an OpenAI-style body carries (`{ error: { message } }`), else the start of the body. */
function errorMessage(body: string): string {
  try {
    const parsed = JSON.parse(body) as { error?: { message?: unknown } | string; message?: unknown };
    if (typeof parsed.error === 'string') return parsed.error;
    if (parsed.error && typeof parsed.error.message === 'string') return parsed.error.message;
    if (typeof parsed.message === 'string') return parsed.message;
  } catch {
    // Not JSON: show the text itself.
  }
  const text = body.trim();
  return text.length > 300 ? `${text.slice(0, 300)}…` : text || '(empty body)';
}

/** A base64 embedding (`encoding_format: "base64"`) is little-endian float32s. */
function decodeBase64(text: string): number[] {
  const bytes = Buffer.from(text, 'base64');
  const out = new Array<number>(bytes.length / 4);
  for (let i = 0; i < out.length; i += 1) out[i] = bytes.readFloatLE(i * 4);
  return out;
}

/**
 * An embedder for any OpenAI-compatible `/embeddings` endpoint (OpenAI, Azure OpenAI, Ollama,
 * vLLM, LM Studio, text-embeddings-inference, LiteLLM, …). Texts are sent in batches, a few
 * requests at a time; a request answered 429 or 5xx (or lost in the network, or timed out) is
 * retried with exponential backoff and jitter, honouring `Retry-After`. Other failures are an
 * EMBEDDING_FAILED error with the endpoint's own message and the HTTP status.
 *
 * @example
 * ```ts
 * const embedder = openAIEmbedder({
 *   baseUrl: 'https://api.openai.com/v1',
 *   model: 'text-embedding-3-small',
 *   dimensions: 1536,
 *   apiKey: process.env.OPENAI_API_KEY,
 * });
 * const vectors = await embedder.embed(['first text', 'second text']);
 * ```
 */
export function openAIEmbedder(options: OpenAIEmbedderOptions): Embedder {
  let url: URL;
  try {
    url = new URL(`${options.baseUrl.replace(/\/+$/, '')}/embeddings`);
  } catch {
    throw new StrataError(
      'USAGE',
      `openAIEmbedder: baseUrl is not a URL: ${JSON.stringify(options.baseUrl)}.`,
    );
  }
  if (typeof options.model !== 'string' || options.model === '') {
    throw new StrataError('USAGE', 'openAIEmbedder: model is required (e.g. "text-embedding-3-small").');
  }
  const dimensions = positiveInteger('dimensions', options.dimensions);
  const batchSize = positiveInteger('batchSize', options.batchSize ?? 64);
  const concurrency = positiveInteger('concurrency', options.concurrency ?? 4);
  const maxRetries = options.maxRetries ?? 5;
  if (!Number.isInteger(maxRetries) || maxRetries < 0) {
    throw new StrataError(
      'USAGE',
      `openAIEmbedder: maxRetries must be a whole number ≥ 0; got ${maxRetries}.`,
    );
  }
  const initialBackoffMs = options.initialBackoffMs ?? 500;
  const maxBackoffMs = options.maxBackoffMs ?? 20_000;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const sendDimensions = options.sendDimensions ?? true;
  const fetchFn = options.fetch ?? globalThis.fetch;
  const headers: Record<string, string> = { 'content-type': 'application/json', ...options.headers };
  if (options.apiKey !== undefined) headers.authorization = `Bearer ${options.apiKey}`;
  const endpoint = `${url.origin}${url.pathname}`;

  const fail = (message: string, details: Record<string, unknown> = {}, cause?: unknown) =>
    new StrataError(
      'EMBEDDING_FAILED',
      `Embedding request to ${endpoint} failed: ${message}`,
      { endpoint, ...details },
      { cause },
    );

  /** One batch, retried as needed. */
  async function request(texts: readonly string[], signal: AbortSignal): Promise<number[][]> {
    const body = JSON.stringify({
      model: options.model,
      input: texts,
      ...(sendDimensions ? { dimensions } : {}),
    });
    for (let attempt = 0; ; attempt += 1) {
      signal.throwIfAborted();
      let response: Response;
      const timeout = AbortSignal.timeout(timeoutMs);
      try {
        response = await fetchFn(url, {
          method: 'POST',
          headers,
          body,
          signal: AbortSignal.any([signal, timeout]),
        });
      } catch (error) {
        if (signal.aborted) throw signal.reason;
        const reason = timeout.aborted ? `no answer within ${timeoutMs} ms` : describeNetworkError(error);
        if (attempt >= maxRetries)
          throw fail(`${reason} (after ${attempt + 1} attempts).`, { attempts: attempt + 1 }, error);
        await backoff(attempt, undefined, signal);
        continue;
      }
      if (!response.ok) {
        const text = await response.text().catch(() => '');
        const message = `HTTP ${response.status}: ${errorMessage(text)}`;
        if (retryable(response.status) && attempt < maxRetries) {
          await backoff(attempt, retryAfterMs(response.headers), signal);
          continue;
        }
        throw fail(
          `${message}${retryable(response.status) ? ` (after ${attempt + 1} attempts)` : ''}` +
            hint(response.status),
          { status: response.status, attempts: attempt + 1 },
        );
      }
      let parsed: EmbeddingResponse;
      try {
        parsed = (await response.json()) as EmbeddingResponse;
      } catch (error) {
        throw fail('the answer is not JSON.', { status: response.status }, error);
      }
      return readVectors(parsed, texts.length);
    }
  }

  function readVectors(parsed: EmbeddingResponse, expected: number): number[][] {
    if (!Array.isArray(parsed.data)) throw fail('the answer has no "data" list of embeddings.');
    if (parsed.data.length !== expected) {
      throw fail(`sent ${expected} texts, got ${parsed.data.length} embeddings back.`);
    }
    const out = new Array<number[] | undefined>(expected);
    parsed.data.forEach((item, position) => {
      const index = typeof item.index === 'number' ? item.index : position;
      if (!Number.isInteger(index) || index < 0 || index >= expected || out[index] !== undefined) {
        throw fail(`embedding ${position} has an invalid or repeated index ${JSON.stringify(item.index)}.`);
      }
      const raw = item.embedding;
      const vector = typeof raw === 'string' ? decodeBase64(raw) : raw;
      if (!Array.isArray(vector) || !vector.every((x) => typeof x === 'number' && Number.isFinite(x))) {
        throw fail(`embedding ${index} is not a list of finite numbers.`);
      }
      if (vector.length !== dimensions) {
        throw fail(
          `the model returned ${vector.length} dimensions, but the embedder was configured with ${dimensions}. ` +
            (sendDimensions
              ? 'The model may not support shortening; set dimensions to its native size.'
              : `Set dimensions: ${vector.length}, or sendDimensions: true if the model can shorten its output.`),
          { expected: dimensions, got: vector.length },
        );
      }
      out[index] = vector as number[];
    });
    return out as number[][];
  }

  async function backoff(attempt: number, serverMs: number | undefined, signal: AbortSignal): Promise<void> {
    const exponential = Math.min(maxBackoffMs, initialBackoffMs * 2 ** attempt);
    // Full jitter in the upper half: clients that failed together do not retry together.
    const delay =
      serverMs !== undefined ? Math.min(serverMs, maxBackoffMs) : exponential * (0.5 + Math.random() / 2);
    await sleep(delay, undefined, { signal });
  }

  return {
    model: options.modelId ?? options.model,
    dimensions,
    async embed(texts: readonly string[], embedOptions: EmbedOptions = {}): Promise<number[][]> {
      if (!Array.isArray(texts)) throw new StrataError('USAGE', 'embed() takes an array of texts.');
      texts.forEach((text, i) => {
        if (typeof text !== 'string' || text.length === 0) {
          throw new StrataError(
            'EMBEDDING_FAILED',
            `Text ${i} is ${typeof text === 'string' ? 'empty' : `not a string (${typeof text})`}: embedding endpoints refuse empty input.`,
            { index: i },
          );
        }
      });
      if (texts.length === 0) return [];
      const batches: { start: number; texts: readonly string[] }[] = [];
      for (let start = 0; start < texts.length; start += batchSize) {
        batches.push({ start, texts: texts.slice(start, start + batchSize) });
      }
      const results = new Array<number[]>(texts.length);
      // One failed batch stops the others: their results would be thrown away.
      const controller = new AbortController();
      const signal = embedOptions.signal
        ? AbortSignal.any([embedOptions.signal, controller.signal])
        : controller.signal;
      let next = 0;
      let done = 0;
      const worker = async () => {
        while (next < batches.length) {
          const batch = batches[next]!;
          next += 1;
          const vectors = await request(batch.texts, signal);
          vectors.forEach((vector, i) => {
            results[batch.start + i] = vector;
          });
          done += batch.texts.length;
          embedOptions.onProgress?.(done, texts.length);
        }
      };
      const workers = Array.from({ length: Math.min(concurrency, batches.length) }, () =>
        worker().catch((error: unknown) => {
          controller.abort(error);
          throw error;
        }),
      );
      const settled = await Promise.allSettled(workers);
      const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
      if (failed) {
        // The first failure, not the aborts it caused in the other workers.
        throw controller.signal.aborted && embedOptions.signal?.aborted !== true
          ? controller.signal.reason
          : failed.reason;
      }
      return results;
    },
  };
}

function describeNetworkError(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
    const code = typeof cause?.code === 'string' ? ` (${cause.code})` : '';
    const message = typeof cause?.message === 'string' ? cause.message : error.message;
    return `network error${code}: ${message}`;
  }
  return `network error: ${String(error)}`;
}

function hint(status: number): string {
  if (status === 401 || status === 403) return ' Check the API key (apiKey) and its permissions.';
  if (status === 404)
    return ' Check baseUrl (it should end with the API version, e.g. /v1) and the model name.';
  if (status === 429)
    return ' The endpoint keeps rate-limiting: lower concurrency or batchSize, or raise maxRetries.';
  return '';
}
