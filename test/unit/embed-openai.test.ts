import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openAIEmbedder } from '../../src/embed/openai-embedder.js';
import { isStrataError, type StrataError } from '../../src/errors/strata-error.js';

/** What the fake endpoint saw of one request. */
interface Seen {
  readonly authorization: string | undefined;
  readonly body: { model: string; input: string[]; dimensions?: number };
}

/** Decides the answer to a request; the default answers like OpenAI. */
type Handler = (seen: Seen, res: ServerResponse, n: number) => void | Promise<void>;

/** A deterministic embedding of a text: its length and character codes, so order mix-ups show. */
function fakeVector(text: string, dimensions: number): number[] {
  return Array.from(
    { length: dimensions },
    (_, i) => text.length * 10 + (text.charCodeAt(i % text.length) % 7) + i / 100,
  );
}

function answer(
  seen: Seen,
  res: ServerResponse,
  options: { shuffle?: boolean; base64?: boolean } = {},
): void {
  const dimensions = seen.body.dimensions ?? 4;
  const data = seen.body.input.map((text, index) => {
    const vector = fakeVector(text, dimensions);
    const embedding = options.base64
      ? Buffer.from(new Float32Array(vector).buffer).toString('base64')
      : vector;
    return { object: 'embedding', index, embedding };
  });
  if (options.shuffle) data.reverse();
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(
    JSON.stringify({
      object: 'list',
      data,
      model: seen.body.model,
      usage: { prompt_tokens: 1, total_tokens: 1 },
    }),
  );
}

let server: Server;
let baseUrl: string;
let handler: Handler;
let requests: Seen[];
let inFlight = 0;
let maxInFlight = 0;

beforeAll(async () => {
  server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    res.on('close', () => {
      inFlight -= 1;
    });
    let raw = '';
    for await (const chunk of req) raw += chunk;
    if (req.method !== 'POST' || req.url !== '/v1/embeddings') {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: `Unknown request URL: ${req.method} ${req.url}` } }));
      return;
    }
    const seen: Seen = { authorization: req.headers.authorization, body: JSON.parse(raw) };
    requests.push(seen);
    await handler(seen, res, requests.length);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

afterEach(() => {
  requests = [];
  maxInFlight = 0;
  handler = (seen, res) => answer(seen, res);
});
requests = [];
handler = (seen, res) => answer(seen, res);

function embedder(options: Partial<Parameters<typeof openAIEmbedder>[0]> = {}) {
  return openAIEmbedder({ baseUrl, model: 'test-embedding', dimensions: 4, initialBackoffMs: 1, ...options });
}

async function failure(promise: Promise<unknown>): Promise<StrataError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isStrataError(error)) throw new Error(`expected a StrataError, got ${String(error)}`);
  return error;
}

describe('the OpenAI-compatible embedder', () => {
  it('sends the model, the dimensions and the key, and returns one vector per text in order', async () => {
    handler = (seen, res) => answer(seen, res, { shuffle: true });
    const texts = ['alpha', 'be', 'gamma ray'];
    const vectors = await embedder({ apiKey: 'sk-test' }).embed(texts);
    expect(vectors).toEqual(texts.map((t) => fakeVector(t, 4)));
    expect(requests).toHaveLength(1);
    expect(requests[0]).toEqual({
      authorization: 'Bearer sk-test',
      body: { model: 'test-embedding', input: texts, dimensions: 4 },
    });
  });

  it('leaves dimensions out of the request when told to', async () => {
    await embedder({ sendDimensions: false }).embed(['x']);
    expect(requests[0]!.body).toEqual({ model: 'test-embedding', input: ['x'] });
  });

  it('sends texts in batches and reports progress per batch', async () => {
    const texts = Array.from({ length: 7 }, (_, i) => `text ${i}`);
    const progress: number[] = [];
    const vectors = await embedder({ batchSize: 3, concurrency: 1 }).embed(texts, {
      onProgress: (done) => progress.push(done),
    });
    expect(requests.map((r) => r.body.input.length)).toEqual([3, 3, 1]);
    expect(vectors).toEqual(texts.map((t) => fakeVector(t, 4)));
    expect(progress).toEqual([3, 6, 7]);
  });

  it('keeps at most `concurrency` requests in flight', async () => {
    handler = async (seen, res) => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      answer(seen, res);
    };
    const texts = Array.from({ length: 12 }, (_, i) => `t${i}`);
    const vectors = await embedder({ batchSize: 1, concurrency: 3 }).embed(texts);
    expect(vectors).toEqual(texts.map((t) => fakeVector(t, 4)));
    expect(requests).toHaveLength(12);
    expect(maxInFlight).toBe(3);
  });

  it('retries a 429, waiting as Retry-After asks, then succeeds', async () => {
    const times: number[] = [];
    handler = (seen, res, n) => {
      times.push(Date.now());
      if (n === 1) {
        res.writeHead(429, { 'retry-after-ms': '150', 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: 'Rate limit reached' } }));
      } else answer(seen, res);
    };
    const vectors = await embedder().embed(['x']);
    expect(vectors).toEqual([fakeVector('x', 4)]);
    expect(requests).toHaveLength(2);
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(140);
  });

  it('retries 5xx answers with backoff', async () => {
    handler = (seen, res, n) => {
      if (n <= 2) {
        res.writeHead(n === 1 ? 500 : 503);
        res.end('upstream failure');
      } else answer(seen, res);
    };
    await expect(embedder().embed(['x'])).resolves.toEqual([fakeVector('x', 4)]);
    expect(requests).toHaveLength(3);
  });

  it("gives up after maxRetries with EMBEDDING_FAILED naming the status and the endpoint's message", async () => {
    handler = (_seen, res) => {
      res.writeHead(503, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: 'The server is overloaded' } }));
    };
    const error = await failure(embedder({ maxRetries: 2, apiKey: 'sk-secret' }).embed(['x']));
    expect(error.code).toBe('EMBEDDING_FAILED');
    expect(error.message).toBe(
      `Embedding request to ${baseUrl}/embeddings failed: HTTP 503: The server is overloaded (after 3 attempts)`,
    );
    expect(error.details.status).toBe(503);
    expect(requests).toHaveLength(3);
    expect(JSON.stringify(error.toJSON())).not.toContain('sk-secret');
  });

  it('does not retry a client error, and says what to check', async () => {
    handler = (_seen, res) => {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: 'Incorrect API key provided' } }));
    };
    const error = await failure(embedder({ apiKey: 'sk-wrong' }).embed(['x']));
    expect(error.message).toMatch(/HTTP 401: Incorrect API key provided Check the API key/);
    expect(error.message).not.toContain('sk-wrong');
    expect(requests).toHaveLength(1);
  });

  it('explains a 404 from a wrong base URL', async () => {
    const error = await failure(
      openAIEmbedder({ baseUrl: baseUrl.replace('/v1', ''), model: 'm', dimensions: 4, maxRetries: 0 }).embed(
        ['x'],
      ),
    );
    expect(error.message).toMatch(/HTTP 404: Unknown request URL: POST \/embeddings Check baseUrl/);
  });

  it('refuses vectors of another length than configured', async () => {
    handler = (seen, res) => answer({ ...seen, body: { ...seen.body, dimensions: 3 } }, res);
    const error = await failure(embedder().embed(['x']));
    expect(error.message).toMatch(/the model returned 3 dimensions, but the embedder was configured with 4/);
  });

  it('refuses an answer with the wrong number of embeddings', async () => {
    handler = (seen, res) =>
      answer({ ...seen, body: { ...seen.body, input: seen.body.input.slice(1) } }, res);
    const error = await failure(embedder().embed(['x', 'y']));
    expect(error.message).toMatch(/sent 2 texts, got 1 embeddings back/);
  });

  it('decodes base64 embeddings', async () => {
    handler = (seen, res) => answer(seen, res, { base64: true });
    const [v] = await embedder().embed(['hello']);
    expect(v).toEqual(Array.from(new Float32Array(fakeVector('hello', 4))));
  });

  it('retries a request that times out', async () => {
    handler = async (seen, res, n) => {
      if (n === 1) await new Promise((resolve) => setTimeout(resolve, 300));
      if (!res.destroyed) answer(seen, res);
    };
    await expect(embedder({ timeoutMs: 100 }).embed(['x'])).resolves.toEqual([fakeVector('x', 4)]);
    expect(requests.length).toBeGreaterThanOrEqual(2);
  });

  it('fails clearly when nothing listens', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await failure(
      openAIEmbedder({
        baseUrl: `http://127.0.0.1:${port}/v1`,
        model: 'm',
        dimensions: 4,
        maxRetries: 1,
        initialBackoffMs: 1,
      }).embed(['x']),
    );
    expect(error.code).toBe('EMBEDDING_FAILED');
    expect(error.message).toMatch(/network error.*ECONNREFUSED.*after 2 attempts/);
  });

  it('refuses empty texts before sending anything', async () => {
    const error = await failure(embedder().embed(['ok', '']));
    expect(error.message).toMatch(/Text 1 is empty/);
    expect(requests).toHaveLength(0);
  });

  it('stops when the caller aborts', async () => {
    handler = async (seen, res) => {
      await new Promise((resolve) => setTimeout(resolve, 200));
      if (!res.destroyed) answer(seen, res);
    };
    const controller = new AbortController();
    const pending = embedder().embed(['x'], { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('cancelled by the test')), 20);
    await expect(pending).rejects.toThrow('cancelled by the test');
  });
});
