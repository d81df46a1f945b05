/**
 * `npm run console:screenshots`: a PNG of each console page in reports/console/, taken in Debian's
 * Chromium against the compiled server (`npm run build` first) on SQLite, with the data the browser
 * tests record through the API. Desktop size (1280 wide) in the light scheme, plus the signal and
 * run pages in the dark scheme and the workflow page at phone size (390 wide).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { NeuralOpsClient } from '@neuralops/client';
import type { Page } from 'playwright-core';
import { ADMIN_KEY, ROOT, startNeuralOps } from '../../bench/lib';
import { CONSOLE_DIST, launchBrowser } from '../../test/support/console-browser';
import { seedConsole, waitForEmbedding } from '../../test/support/console-seed';

const OUT = path.join(ROOT, 'reports', 'console');

async function main(): Promise<void> {
  if (!fs.existsSync(path.join(ROOT, 'dist/src/main.js')) || !fs.existsSync(path.join(CONSOLE_DIST, 'index.html'))) throw new Error('run `npm run build` first');
  const server = await startNeuralOps({ env: { LOG_LEVEL: 'warn', EMBEDDINGS_ENABLED: 'true', EMBEDDING_WORKER_INTERVAL_MS: '100' } });
  const browser = await launchBrowser();
  try {
    const client = new NeuralOpsClient({ baseUrl: server.url, apiKey: ADMIN_KEY, timeoutMs: 60_000 });
    const seed = await seedConsole(client);
    await waitForEmbedding(client, seed.graphRunId);
    fs.mkdirSync(OUT, { recursive: true });
    const page = await browser.context.newPage();
    await page.addInitScript((key: string) => sessionStorage.setItem('neuralops.apiKey', key), ADMIN_KEY);
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));

    const shoot = async (name: string, url: string, ready: (p: Page) => Promise<unknown>, opts: { scheme?: 'light' | 'dark'; width?: number } = {}) => {
      await page.emulateMedia({ colorScheme: opts.scheme ?? 'light' });
      await page.setViewportSize({ width: opts.width ?? 1280, height: opts.width && opts.width < 600 ? 844 : 800 });
      await page.goto(`${server.url}/ui${url}`);
      await ready(page);
      await page.waitForTimeout(300);
      const file = path.join(OUT, `${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      process.stdout.write(`wrote ${path.relative(ROOT, file)}\n`);
    };
    const rows = (n: number) => (p: Page) => p.locator('tbody tr').nth(n - 1).waitFor();
    const charts = (n: number) => (p: Page) => p.locator('.chart-box canvas').nth(n - 1).waitFor();

    await shoot('workflows', '/workflows', rows(2));
    await shoot('workflow', `/workflows/${seed.workflowId}`, async (p) => (await charts(3)(p), await rows(5)(p)));
    await shoot('workflow-phone', `/workflows/${seed.workflowId}`, charts(3), { width: 390 });
    await shoot('run', `/runs/${seed.graphRunId}`, (p) => p.locator('.wf-row').nth(5).waitFor());
    await shoot('run-dark', `/runs/${seed.graphRunId}`, (p) => p.locator('.wf-row').nth(5).waitFor(), { scheme: 'dark' });
    await shoot('signals', '/signals', rows(1));
    await shoot('signal', `/signals/${seed.signalId}`, charts(1));
    await shoot('signal-dark', `/signals/${seed.signalId}`, charts(1), { scheme: 'dark' });
    await shoot('probes', '/probes', rows(1));
    await shoot('probe-preview', `/probes/${seed.probeId}`, async (p) => {
      await p.getByRole('button', { name: 'Preview' }).click();
      await p.getByRole('region', { name: 'Preview' }).locator('.chart-box canvas').first().waitFor();
    });
    await shoot('api-keys', '/api-keys', rows(1));
    if (errors.length) throw new Error(`the browser reported errors: ${errors.join('; ')}`);
  } finally {
    await browser.close();
    await server.stop();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
