/**
 * The knowledge base in a real browser: Debian's Chromium driven by playwright-core (no
 * browser download). Skipped, saying why, when /usr/bin/chromium is missing: install it with
 * `bash scripts/install-chromium.sh`.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../examples/knowledge-base/app.js';
import { type KnowledgeBase, openKnowledgeBase } from '../../examples/knowledge-base/knowledge-base.js';
import { seedSampleCorpus } from '../../examples/knowledge-base/seed.js';

// CHROMIUM_PATH lets a machine point elsewhere (or check the skip path); Debian installs it here.
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
const SKIP_REASON = `skipped: ${CHROMIUM} is missing; install it with \`bash scripts/install-chromium.sh\``;
if (!hasChromium) console.warn(`[e2e] browser test ${SKIP_REASON}`);

let kb: KnowledgeBase;
let app: FastifyInstance;
let baseUrl: string;
let userDataDir: string;
let context: BrowserContext;
let page: Page;
const pageErrors: string[] = [];

const SUITE = 'the knowledge base page in headless Chromium';

describe.skipIf(!hasChromium)(hasChromium ? SUITE : `${SUITE} (${SKIP_REASON})`, () => {
  beforeAll(async () => {
    kb = await openKnowledgeBase({ url: 'memory://' });
    await seedSampleCorpus(kb);
    app = await buildApp(kb);
    baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
    userDataDir = await mkdtemp(join(tmpdir(), 'strata-chromium-'));
    // Playwright passes the profile folder itself (--user-data-dir) and adds --headless.
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });

  afterAll(async () => {
    await context?.close();
    await app?.close();
    await kb?.close();
    if (userDataDir) await rm(userDataDir, { recursive: true, force: true });
  });

  it('lists the sample documents on the start page', async () => {
    await page.goto(`${baseUrl}/`);
    await expect.poll(() => page.locator('.document-link').count()).toBe(20);
    expect(await page.locator('#status').textContent()).toContain('20 documents');
  });

  it('searches, shows ranked passages, and opens the document of a result', async () => {
    await page.fill('#search-input', 'reciprocal rank fusion');
    await page.selectOption('#search-mode', 'hybrid');
    await page.click('#search-button');
    const first = page.locator('#results .result').first();
    await first.waitFor();
    expect(await first.locator('h2').textContent()).toBe('Hybrid search: keywords and meaning together');
    expect(await page.locator('#status').textContent()).toMatch(
      /results? for “reciprocal rank fusion” \(hybrid\)/,
    );
    await first.click();
    await page.locator('#document-title').waitFor();
    expect(await page.locator('#document-title').textContent()).toBe(
      'Hybrid search: keywords and meaning together',
    );
    expect(await page.locator('#document-body').textContent()).toContain(
      'Reciprocal Rank Fusion is a simple and robust way',
    );
    expect(await page.title()).toBe('Hybrid search: keywords and meaning together · Knowledge base');
    await page.screenshot({ path: join(tmpdir(), 'strata-kb-document.png') });
  });

  it('goes back to the same results, and searches in full-text mode', async () => {
    await page.goBack();
    await page.locator('#results .result').first().waitFor();
    expect(await page.inputValue('#search-input')).toBe('reciprocal rank fusion');
    await page.fill('#search-input', 'zebra unicorn');
    await page.selectOption('#search-mode', 'text');
    await page.click('#search-button');
    await expect.poll(() => page.locator('#status').textContent()).toBe('No results for “zebra unicorn”.');
    await page.fill('#search-input', 'bytea chunks');
    await page.click('#search-button');
    await page.locator('#results .result').first().waitFor();
    expect(await page.locator('#results .result h2').first().textContent()).toBe(
      'Storing files in PostgreSQL',
    );
    await page.screenshot({ path: join(tmpdir(), 'strata-kb-search.png') });
  });

  it('ran without script errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
