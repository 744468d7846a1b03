/**
 * `npm start`: the knowledge base as a service. Opens the database (embedded PGlite in
 * .strata/db, or the server in DATABASE_URL), migrates it to head, ingests the bundled sample
 * corpus the first time, and serves the API and the web page on http://127.0.0.1:PORT/.
 *
 * Environment: PORT (default 3000), HOST (default 127.0.0.1), DATABASE_URL, KB_DATA_DIR
 * (embedded database folder), KB_API_TOKEN (require `Authorization: Bearer …` for writes).
 */
import { isStrataError } from '../../src/errors/strata-error.js';
import { terminalProgressBar } from '../../src/ingest/index.js';
import { buildApp } from './app.js';
import { openKnowledgeBase } from './knowledge-base.js';
import { progressLines, seedSampleCorpus } from './seed.js';

function portFrom(text: string | undefined): number {
  if (text === undefined || text === '') return 3000;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a whole number from 0 to 65535; got ${JSON.stringify(text)}.`);
  }
  return port;
}

async function main(): Promise<void> {
  const port = portFrom(process.env.PORT);
  const host = process.env.HOST || '127.0.0.1';
  const log = (line: string) => process.stdout.write(`${line}\n`);

  log('Strata knowledge base');
  const kb = await openKnowledgeBase(process.env.KB_DATA_DIR ? { dataDir: process.env.KB_DATA_DIR } : {});
  log(`  database: ${kb.location}`);
  const steps = kb.migration.steps.map((step) => step.revision);
  log(steps.length === 0 ? '  migrations: already at head' : `  migrations: applied ${steps.join(', ')}`);

  const seeded = await seedSampleCorpus(kb, {
    onProgress: terminalProgressBar() ?? progressLines(log),
  });
  if (seeded.kind === 'seeded') {
    log(`  sample corpus: ingested ${seeded.documents} documents in ${seeded.chunks} passages`);
  } else {
    log(`  documents: ${seeded.documents}`);
  }

  const app = await buildApp(kb, process.env.KB_API_TOKEN ? { apiToken: process.env.KB_API_TOKEN } : {});
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    log(`\n${signal}: closing`);
    await app.close();
    await kb.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  try {
    await app.listen({ port, host });
  } catch (error) {
    await kb.close();
    const code = (error as { code?: unknown }).code;
    if (code === 'EADDRINUSE')
      throw new Error(`Port ${port} on ${host} is in use: stop the other process or set PORT.`);
    throw error;
  }
  const address = app.server.address();
  const actualPort = typeof address === 'object' && address !== null ? address.port : port;
  const shown = host.includes(':') ? `[${host}]` : host;
  log(`\nKnowledge base ready: http://${shown}:${actualPort}/`);
  log(`  API: http://${shown}:${actualPort}/openapi.json   (Ctrl+C to stop)`);
}

main().catch((error: unknown) => {
  const message = isStrataError(error)
    ? `${error.code}: ${error.message}`
    : error instanceof Error
      ? error.message
      : String(error);
  process.stderr.write(`\nThe knowledge base could not start. ${message}\n`);
  process.exit(1);
});
