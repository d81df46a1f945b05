import { AddressInfo } from 'node:net';
import { NeuralOpsClient } from '@neuralops/client';
import type { Page } from 'playwright-core';
import { Browser, cspViolations, ensureConsoleBuilt, horizontalOverflow, launchBrowser, seriousAxeViolations, WatchedPage, watchedPage } from '../support/console-browser';
import { ConsoleSeed, seedConsole, waitForEmbedding } from '../support/console-seed';
import { DEFAULT_DETECTOR, DETECTORS } from '../../src/modules/insight/detectors';
import { describeDb, startTestApp, TestApp } from '../support/test-app';

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

/**
 * The console in Debian's Chromium against the real server (this driver's database), with data
 * recorded through the API. One browser for the suite; each role signs in in its own tab.
 */
describeDb('the web console in a real browser', () => {
  let t: TestApp;
  let base: string;
  let admin: NeuralOpsClient;
  let seed: ConsoleSeed;
  let browser: Browser;
  let tab: WatchedPage;
  const findings: string[] = [];

  beforeAll(async () => {
    ensureConsoleBuilt();
    t = await startTestApp({ env: { SCHEDULER_ENABLED: 'false', EMBEDDING_WORKER_INTERVAL_MS: '100', LOG_LEVEL: 'fatal' } });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    admin = new NeuralOpsClient({ baseUrl: base, apiKey: t.admin.key });
    seed = await seedConsole(admin);
    await waitForEmbedding(admin, seed.graphRunId);
    browser = await launchBrowser();
    tab = await watchedPage(browser.context);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const page = () => tab.page;
  const heading = (p: Page, name: string | RegExp) => p.getByRole('heading', { level: 1, name });

  /** The checks every page passes: no console errors or CSP violations, axe clean in light and dark, no sideways scroll at either size. */
  async function pageIsClean(p: Page, label: string, watched: WatchedPage = tab): Promise<void> {
    for (const scheme of ['light', 'dark'] as const) {
      await p.emulateMedia({ colorScheme: scheme });
      for (const v of await seriousAxeViolations(p)) findings.push(`${label} (${scheme}): ${v}`);
    }
    await p.emulateMedia({ colorScheme: 'light' });
    for (const size of [PHONE, DESKTOP]) {
      await p.setViewportSize(size);
      await p.waitForTimeout(50);
      const overflow = await horizontalOverflow(p);
      if (overflow > 0) findings.push(`${label}: scrolls sideways by ${overflow}px at ${size.width}x${size.height}`);
    }
    for (const e of watched.take()) findings.push(`${label}: ${e}`);
    for (const v of await cspViolations(p)) findings.push(`${label}: CSP violation ${v}`);
  }

  it('signs in: an ingest key is refused, an unknown one too, an admin key opens the console', async () => {
    const p = page();
    await p.goto(`${base}/`);
    await heading(p, 'Sign in').waitFor();
    await pageIsClean(p, 'sign-in');
    await p.getByLabel('API key').fill(seed.keys.ingest);
    await p.getByRole('button', { name: 'Sign in' }).click();
    await p.getByRole('alert').filter({ hasText: /this key can only record runs/i }).waitFor();
    await p.getByLabel('API key').fill('nops_not-a-key-at-all');
    await p.getByRole('button', { name: 'Sign in' }).click();
    await p.getByRole('alert').filter({ hasText: /refused/ }).waitFor();
    // the refused key's 401 is the only thing the browser complained about
    expect(tab.take().filter((e) => !/status of 401/.test(e))).toEqual([]);
    await p.getByLabel('API key').fill(t.admin.key);
    await p.getByRole('button', { name: 'Sign in' }).click();
    await heading(p, 'Workflows').waitFor();
    expect(new URL(p.url()).pathname).toBe('/ui/workflows');
    const nav = p.getByRole('navigation', { name: 'Main' });
    expect(await nav.getByRole('link').allTextContents()).toEqual(['Workflows', 'Signals', 'Silences', 'Probes', 'API keys']);
    expect(await p.evaluate(() => sessionStorage.getItem('neuralops.apiKey'))).toBe(t.admin.key);
  });

  it('Workflows lists the workflows with 24 h figures and a sparkline', async () => {
    const p = page();
    const row = p.getByRole('row').filter({ hasText: 'Invoice agent' });
    await row.waitFor();
    const cells = await row.getByRole('cell').allTextContents();
    expect(cells[0]).toContain('Invoice agent');
    expect(Number(cells[3])).toBe(181);
    expect(Number(cells[4])).toBe(4);
    await row.getByRole('img', { name: /181 runs in 24 hours/ }).waitFor();
    await p.getByRole('row').filter({ hasText: 'support-bot' }).waitFor();
    await p.getByLabel('Search by name').fill('support');
    await p.getByRole('row').filter({ hasText: 'Invoice agent' }).waitFor({ state: 'detached' });
    await p.getByLabel('Search by name').fill('');
    await pageIsClean(p, 'workflows');
  });

  it('Workflow charts runs, failure ratio and durations with its signal shaded, and lists its runs with filters', async () => {
    const p = page();
    await p.getByRole('link', { name: 'Invoice agent' }).click();
    await heading(p, /^Workflow\s+Invoice agent/).waitFor();
    await p.getByText('Extracts totals from supplier invoices').waitFor();
    const charts = p.locator('.chart-box');
    await charts.nth(2).locator('canvas').waitFor();
    expect(await charts.count()).toBe(3);
    expect(Number(await charts.first().getAttribute('data-points'))).toBeGreaterThan(50);
    const inRange = (await admin.listSignals({ wpk_id: seed.workflowId, active_from: new Date(Date.now() - 86_400_000).toISOString() })).items.length;
    expect(inRange).toBeGreaterThanOrEqual(1);
    expect(await charts.first().getAttribute('data-bands')).toBe(String(inRange));
    const runs = p.getByRole('region', { name: 'Runs of the workflow' });
    await runs.getByRole('row').nth(25).waitFor();
    await p.getByLabel('Status').selectOption('failed');
    await p.getByLabel('Tag').fill('prod');
    await p.getByRole('button', { name: 'Filter' }).click();
    await runs.getByRole('row').filter({ hasText: 'inv-graph' }).waitFor();
    expect(await runs.getByRole('row').count()).toBe(2);
    // the activity range's 7 d (the insights section has a window selector of its own)
    const range = p.getByRole('group', { name: 'Time range' });
    await range.getByRole('button', { name: '7 d' }).click();
    await range.getByRole('button', { name: '7 d', pressed: true }).waitFor();
    // the range is in the address: a reload (or a shared link) shows the same one
    expect(new URL(p.url()).searchParams.get('range')).toBe('7d');
    await p.reload();
    await p.getByRole('group', { name: 'Time range' }).getByRole('button', { name: '7 d', pressed: true }).waitFor();
    await p.locator('.chart-box').nth(2).locator('canvas').waitFor();
    await pageIsClean(p, 'workflow');
  });

  it('Workflow shows its insights: regressions in words, slowest and failing nodes, failure clusters, with the window selector', async () => {
    const now = Date.now();
    const errors = ['TimeoutError: the OCR service did not answer within 30000 ms', 'RateLimitError: 429 Too Many Requests from the enrichment API'];
    const runs = [false, true].flatMap((late) =>
      Array.from({ length: 40 }, (_, i) => {
        const at = new Date(now - (late ? 3 : 10) * 86_400_000 + i * 60_000).toISOString();
        const error = late && i < 16 ? errors[i % 2] : !late && i < 2 ? errors[0] : null;
        return {
          wpk_id: 'insights-demo', run_id: `${late ? 'late' : 'early'}-${i}`, status: error ? ('failed' as const) : ('completed' as const), error, started_at: at, created_at: at,
          duration_ms: 400 + i,
          node_logs: [
            { node: 'fetch', status: 'completed', duration_ms: 100 + (i % 5) },
            error ? { node: 'ocr', status: 'failed', duration_ms: 60, error } : { node: 'ocr', status: 'completed', duration_ms: 60 },
            { node: 'enrich', status: 'completed', duration_ms: late ? 1000 + i * 5 : 300 + i },
          ],
        };
      }),
    );
    await admin.recordRuns(runs);
    // failure clusters need the failed runs embedded: the suite's worker runs every 100 ms
    for (let i = 0; i < 200 && (await admin.getWorkflowInsights('insights-demo', '7d')).failure_clusters === null; i++) await new Promise((r) => setTimeout(r, 100));
    const p = page();
    await p.goto(`${base}/ui/workflows/insights-demo`);
    await heading(p, /^Workflow\s+insights-demo/).waitFor();
    const section = p.getByRole('region', { name: 'Insights' });
    await section.getByRole('button', { name: '24 h', pressed: true }).waitFor();
    await section.getByText('No node got slower or fails more than in the window before.').waitFor();
    await section.getByRole('button', { name: '7 d' }).click();
    const since = new Date(now - 7 * 86_400_000).toISOString().slice(0, 10);
    await section.getByRole('listitem').filter({ hasText: `node enrich p95 rose from 337 ms to 1.2 s since ${since}` }).waitFor();
    await section.getByRole('listitem').filter({ hasText: 'node ocr failure ratio rose from 5% to 40%' }).waitFor();
    const slow = p.getByRole('region', { name: 'Slowest nodes' });
    expect((await slow.getByRole('row').allTextContents()).slice(1).map((r) => r.split(/\d/)[0])).toEqual(['enrich', 'fetch', 'ocr']);
    const failing = p.getByRole('region', { name: 'Failing nodes' });
    await failing.getByRole('row').filter({ hasText: /ocr.*8 × TimeoutError/ }).waitFor();
    const clusters = p.getByRole('region', { name: /^Failed runs grouped by similarity/ });
    expect(await clusters.getByRole('row').count()).toBe(3);
    await clusters.getByRole('row').filter({ hasText: 'RateLimitError' }).getByRole('link', { name: 'run 1' }).waitFor();
    await pageIsClean(p, 'workflow insights');
  });

  it('Run shows the facts and a node timeline with each node, the failed one red, the interrupted one marked (deep link, reloaded)', async () => {
    const p = page();
    await p.goto(`${base}/ui/runs/${seed.graphRunId}`);
    await heading(p, /^Run\s+inv-graph/).waitFor();
    const timeline = p.getByRole('group', { name: /Node timeline: 6 node executions/ });
    await timeline.waitFor();
    for (const node of seed.graphNodes) await timeline.locator(`[data-node="${node}"]`).waitFor();
    expect(await timeline.locator('.wf-row').count()).toBe(6);
    expect(await timeline.locator('[data-node="score"]').getAttribute('data-state')).toBe('failed');
    expect(await timeline.locator('[data-node="review"]').getAttribute('data-state')).toBe('interrupted');
    // nested under the subgraph's node, which folds away
    await timeline.getByRole('button', { name: 'Collapse enrich' }).click();
    expect(await timeline.locator('.wf-row').count()).toBe(4);
    await timeline.getByRole('button', { name: 'Expand enrich' }).click();
    await timeline.getByRole('button', { name: /^score: failed, 950 ms, error: scoring timed out/ }).hover();
    await p.getByRole('tooltip').filter({ hasText: 'scoring timed out' }).waitFor();
    await timeline.getByRole('button', { name: /^fetch: completed/ }).click();
    await p.getByText('"bytes": 18231').waitFor();
    await p.getByRole('heading', { name: 'Similar runs' }).waitFor();
    await p.getByRole('region', { name: 'Similar runs' }).getByRole('row').nth(1).waitFor();
    await p.getByText('INV-2026-0042', { exact: false }).first().waitFor({ state: 'attached' });
    await pageIsClean(p, 'run');
  });

  it('Signals lists the signal; Signal charts its series with the episode shaded and the peak marked, its runs and deliveries', async () => {
    const p = page();
    await p.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Signals' }).click();
    await heading(p, 'Signals').waitFor();
    const row = p.getByRole('row').filter({ hasText: seed.probeName }).filter({ hasText: 'firing' });
    await row.waitFor();
    await pageIsClean(p, 'signals');
    await row.getByRole('link', { name: seed.probeName }).click();
    await heading(p, new RegExp(`^Signal\\s+${seed.probeName}`)).waitFor();
    const chart = p.locator('.chart-box');
    await chart.locator('canvas').waitFor();
    expect(await chart.getAttribute('data-markers')).toBe('1');
    expect(await chart.getAttribute('data-bands')).toBe('1');
    expect(Number(await chart.getAttribute('data-points'))).toBeGreaterThan(20);
    await p.getByText(/re-scored from scratch/).waitFor();
    await p.getByRole('region', { name: 'Runs behind the signal, failed first' }).getByRole('row').nth(1).filter({ hasText: 'failed' }).waitFor();
    await p.getByRole('heading', { name: 'Deliveries' }).waitFor();
    expect(new URL(p.url()).pathname).toBe(`/ui/signals/${seed.signalId}`);
    await pageIsClean(p, 'signal');
  });

  it('Signal: Acknowledge, Noise, Useful and Snooze act on it; Silences: one made from its labels, refused without a comment, then expired', async () => {
    const p = page();
    await p.goto(`${base}/ui/signals/${seed.signalId}`);
    await heading(p, new RegExp(`^Signal\\s+${seed.probeName}`)).waitFor();
    const actions = p.getByRole('group', { name: 'Act on the signal' });
    await actions.getByRole('button', { name: 'Acknowledge' }).click();
    await p.getByRole('status').filter({ hasText: 'Acknowledged.' }).waitFor();
    await actions.getByRole('button', { name: 'Acknowledge' }).waitFor({ state: 'detached' });
    const me = await admin.currentKey();
    await p.getByText(`by ${me.name}`).waitFor();
    expect((await admin.getSignal(seed.signalId)).acknowledged_by).toEqual({ key_id: me.id, name: me.name });

    await actions.getByRole('button', { name: 'Noise' }).click();
    await actions.getByRole('button', { name: 'Noise', pressed: true }).waitFor();
    expect((await admin.getProbe(seed.probeId)).tuning_steps).toBe(1);
    await actions.getByRole('button', { name: 'Useful' }).click();
    await actions.getByRole('button', { name: 'Useful', pressed: true }).waitFor();
    expect((await admin.getProbe(seed.probeId)).tuning_steps).toBe(0);
    expect((await admin.getSignal(seed.signalId)).feedback.map((f) => f.label)).toEqual(['useful']);

    await p.getByLabel('Snooze for').selectOption({ label: '4 hours' });
    await actions.getByRole('button', { name: 'Snooze' }).click();
    await p.getByRole('status').filter({ hasText: /Snoozed/ }).waitFor();
    const snoozed = await admin.getSignal(seed.signalId);
    expect(Date.parse(snoozed.snoozed_until!)).toBeGreaterThan(Date.now() + 3.9 * 3_600_000);
    expect(snoozed.silenced_by).toEqual(expect.any(String));
    await p.getByText(/snoozed until/).waitFor();
    await pageIsClean(p, 'signal with actions');

    await actions.getByRole('link', { name: 'Silence similar…' }).click();
    await heading(p, 'Silences').waitFor();
    const labels = Object.entries(snoozed.alert_labels);
    await p.getByLabel(`Value ${labels.length}`).waitFor();
    expect(await p.locator('.matcher-row').count()).toBe(labels.length);
    const probeRow = labels.findIndex(([name]) => name === 'probe') + 1;
    expect(await p.getByLabel(`Value ${probeRow}`).inputValue()).toBe(seed.probeName);
    // keep only the probe matcher
    for (let i = labels.length; i >= 1; i--) if (i !== probeRow) await p.getByRole('button', { name: `Remove matcher ${i}` }).click();
    expect(await p.locator('.matcher-row').count()).toBe(1);
    await p.getByLabel('Comment').fill('');
    await p.getByRole('button', { name: 'Create silence' }).click();
    await p.locator('#silence-comment-error').waitFor();
    expect(await p.getByLabel('Comment').getAttribute('aria-invalid')).toBe('true');
    expect(tab.take().filter((e) => !/status of 400/.test(e))).toEqual([]);
    await p.getByLabel('Comment').fill('browser maintenance');
    await p.getByLabel('For').selectOption({ label: '2 hours' });
    await p.getByRole('button', { name: 'Create silence' }).click();
    await p.getByRole('status').filter({ hasText: 'Silence created' }).waitFor();
    const list = p.getByRole('table', { name: /Silences/ });
    const made = list.getByRole('row').filter({ hasText: 'browser maintenance' });
    await made.getByText(`probe="${seed.probeName}"`).waitFor();
    await list.getByRole('row').filter({ hasText: 'snoozed signal' }).waitFor();
    await pageIsClean(p, 'silences');
    p.once('dialog', (d) => d.accept());
    await made.getByRole('button', { name: 'Expire browser maintenance' }).click();
    await made.getByText('expired').waitFor();
    const silences = (await admin.listSilences()).items;
    expect(silences.find((s) => s.comment === 'browser maintenance')?.state).toBe('expired');
    expect(silences.find((s) => s.signal_id === seed.signalId)?.state).toBe('active');

    // the list filters by what was done
    await p.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Signals' }).click();
    await heading(p, 'Signals').waitFor();
    await p.getByLabel('Acknowledged').selectOption('yes');
    await p.getByLabel('Silenced').selectOption('yes');
    await p.getByLabel('Feedback').selectOption('useful');
    await p.getByRole('button', { name: 'Filter' }).click();
    await p.getByRole('row').filter({ hasText: seed.probeName }).filter({ hasText: 'acked' }).filter({ hasText: 'silenced' }).waitFor();
    await p.getByLabel('Acknowledged').selectOption('no');
    await p.getByRole('button', { name: 'Filter' }).click();
    await p.getByText('No signals match.').waitFor();
    await pageIsClean(p, 'signals filtered');

    // the probe shows what the labels did to its threshold, and an admin can undo it
    await admin.signalFeedback(seed.signalId, { label: 'noise' });
    await p.goto(`${base}/ui/probes/${seed.probeId}`);
    await p.getByRole('heading', { name: 'Threshold tuning' }).waitFor();
    const changes = p.getByRole('table', { name: 'Changes of the effective threshold' });
    await changes.getByRole('row').nth(3).waitFor();
    expect(await changes.getByRole('row').count()).toBe(4);
    await p.getByRole('button', { name: 'Reset tuning' }).click();
    await changes.getByRole('row').filter({ hasText: `reset by ${me.name}` }).waitFor();
    await p.getByRole('button', { name: 'Reset tuning' }).waitFor({ state: 'detached' });
    const probe = await admin.getProbe(seed.probeId);
    expect(probe.effective_threshold).toBe(probe.configured_threshold);
    await pageIsClean(p, 'probe with tuning');
  });

  it('Probes lists the probe; the form shows the API\'s messages by field, Preview charts what it would raise, storing nothing', async () => {
    const p = page();
    await p.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Probes' }).click();
    await heading(p, 'Probes').waitFor();
    const row = p.getByRole('row').filter({ hasText: seed.probeName });
    await row.getByRole('cell').filter({ hasText: 'runs_duration_p95_ms' }).waitFor();
    // the threshold scores are judged against, and where it comes from (the feedback test above undid its tuning)
    await row.getByRole('cell').filter({ hasText: `robust ≥ ${DETECTORS.robust.defaultThreshold}sensitivity medium` }).waitFor();
    await row.getByRole('button', { name: `Run now: ${seed.probeName}` }).waitFor();
    await pageIsClean(p, 'probes');
    await p.getByRole('link', { name: 'New probe' }).click();
    await heading(p, /^Probe/).waitFor();
    await p.getByLabel('Name').fill('browser-probe');
    await p.getByLabel('Workflow (optional)').fill(seed.workflowId);
    await p.getByLabel('Lookback').fill('soon');
    await p.getByRole('button', { name: 'Create' }).click();
    await p.locator('#probe-lookback-error').filter({ hasText: /Prometheus duration/ }).waitFor();
    expect(await p.getByLabel('Lookback').getAttribute('aria-invalid')).toBe('true');
    expect(tab.take().filter((e) => !/status of 400/.test(e))).toEqual([]);
    await p.getByLabel('Lookback').fill('2h');
    // the detectors and their sensitivity levels come from GET /detectors: the default named, each level's measured rate
    const detector = p.getByLabel('Detector', { exact: true });
    await detector.locator('option', { hasText: `default (${DEFAULT_DETECTOR})` }).waitFor({ state: 'attached' });
    expect(await detector.locator('option').allTextContents()).toEqual([`default (${DEFAULT_DETECTOR})`, ...Object.keys(DETECTORS)]);
    await p.locator('#probe-sensitivity-hint').filter({ hasText: /^threshold [\d.]+ \w+: [\d.]+ false alarms per series per 30 days .* healthy series; caught \d+ of \d+ injected incidents$/ }).waitFor();
    await detector.selectOption('robust');
    await p.locator('#probe-detector_params-hint').filter({ hasText: `robust's defaults, each of which this overrides: ${JSON.stringify(DETECTORS.robust.defaultParams)}` }).waitFor();
    await p.getByLabel('Detector parameters (JSON)').fill('{"window": 30}');
    const sensitivity = p.getByLabel('Sensitivity');
    await sensitivity.selectOption('number');
    await p.getByRole('button', { name: 'Create' }).click();
    await p.locator('#probe-threshold-error').filter({ hasText: 'pick a sensitivity' }).waitFor();
    await sensitivity.selectOption('high');
    await p.getByLabel('Threshold', { exact: true }).waitFor({ state: 'detached' });
    await p.locator('#probe-sensitivity-hint').filter({ hasText: `threshold ${DETECTORS.robust.sensitivities.high} ${DETECTORS.robust.unit}: ` }).waitFor();
    const before = (await admin.listSignals({ wpk_id: seed.workflowId })).items.length;
    await p.getByRole('button', { name: 'Preview' }).click();
    const preview = p.getByRole('region', { name: 'Preview' });
    await preview.locator('.chart-box canvas').first().waitFor();
    expect(Number(await preview.locator('.chart-box').first().getAttribute('data-points'))).toBeGreaterThan(60);
    expect(Number(await preview.locator('.chart-box').first().getAttribute('data-markers'))).toBeGreaterThanOrEqual(1);
    await p.getByText(/would be raised\. Nothing was stored/).waitFor();
    expect((await admin.listSignals({ wpk_id: seed.workflowId })).items).toHaveLength(before);
    await pageIsClean(p, 'probe form');
    await p.getByRole('button', { name: 'Create' }).click();
    await p.getByRole('status').filter({ hasText: 'Saved browser-probe' }).waitFor();
    expect((await admin.listProbes()).items.find((x) => x.name === 'browser-probe')).toMatchObject({ detector: 'robust', sensitivity: 'high', threshold: DETECTORS.robust.sensitivities.high });
    await p.getByRole('button', { name: 'Run now' }).click();
    await p.getByText(/Ran: \d+ points scored/).waitFor();
  });

  it('API keys: a created key is shown once, with a copy button; revoke', async () => {
    const p = page();
    await p.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'API keys' }).click();
    await heading(p, 'API keys').waitFor();
    await p.getByLabel('Name').fill('made-in-browser');
    await p.getByLabel('Role').selectOption('read');
    await p.getByRole('button', { name: 'Create key' }).click();
    const secret = p.getByLabel('The new API key');
    await secret.waitFor();
    const key = (await secret.textContent())!;
    expect(key).toMatch(/^nops_/);
    await p.getByRole('button', { name: 'Copy' }).waitFor();
    await p.getByRole('row').filter({ hasText: 'made-in-browser' }).waitFor();
    await pageIsClean(p, 'api keys');
    await p.reload();
    await p.getByRole('row').filter({ hasText: 'made-in-browser' }).waitFor();
    expect(await p.content()).not.toContain(key);
    p.once('dialog', (d) => d.accept());
    await p.getByRole('button', { name: 'Revoke made-in-browser' }).click();
    await p.getByRole('button', { name: 'Revoke made-in-browser' }).waitFor({ state: 'detached' });
    expect((await admin.listApiKeys()).items.find((k) => k.name === 'made-in-browser')?.revoked_at).toEqual(expect.any(String));
  });

  it('is usable from the keyboard alone', async () => {
    const p = page();
    await p.goto(`${base}/ui/workflows`);
    await heading(p, 'Workflows').waitFor();
    let focused = '';
    for (let i = 0; i < 12 && focused !== 'Signals'; i++) {
      await p.keyboard.press('Tab');
      focused = await p.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
    }
    expect(focused).toBe('Signals');
    await p.keyboard.press('Enter');
    await heading(p, 'Signals').waitFor();
    await p.keyboard.press('Shift+Tab');
    expect(await p.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Workflows');
  });

  it('a read key browses without admin actions; a 401 returns to sign-in with the reason', async () => {
    const readTab = await watchedPage(browser.context);
    const p = readTab.page;
    try {
      await p.goto(`${base}/ui/probes`);
      await p.getByLabel('API key').fill(seed.keys.read);
      await p.getByRole('button', { name: 'Sign in' }).click();
      await heading(p, 'Probes').waitFor();
      await p.getByRole('row').filter({ hasText: seed.probeName }).waitFor();
      expect(await p.getByRole('navigation', { name: 'Main' }).getByRole('link').allTextContents()).toEqual(['Workflows', 'Signals', 'Silences', 'Probes']);
      for (const action of ['New probe', 'Edit', 'Run now', 'Delete']) expect(await p.getByText(action, { exact: true }).count()).toBe(0);
      await p.getByRole('link', { name: seed.probeName }).click();
      await heading(p, new RegExp(`^Probe\\s+${seed.probeName}`)).waitFor();
      for (const action of ['Save', 'Preview', 'Run now', 'Delete']) expect(await p.getByRole('button', { name: action }).count()).toBe(0);
      await p.goto(`${base}/ui/signals/${seed.signalId}`);
      await p.getByRole('heading', { name: 'Deliveries' }).waitFor();
      for (const action of ['Acknowledge', 'Snooze', 'Useful', 'Noise']) expect(await p.getByRole('button', { name: action }).count()).toBe(0);
      await p.goto(`${base}/ui/silences`);
      await p.getByRole('table', { name: /Silences/ }).getByRole('row').nth(1).waitFor();
      for (const action of ['Create silence', 'Expire']) expect(await p.getByRole('button', { name: action }).count()).toBe(0);
      await p.goto(`${base}/ui/api-keys`);
      await p.getByText('Only admin keys manage API keys.').waitFor();
      await pageIsClean(p, 'read key', readTab);

      // the key is revoked while the tab is open: its next call lands on sign-in, saying why
      const id = (await admin.listApiKeys()).items.find((k) => k.name === 'console-read')!.id;
      await admin.revokeApiKey(id);
      await p.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Signals' }).click();
      await heading(p, 'Sign in').waitFor();
      await p.getByRole('alert').filter({ hasText: /unknown or revoked/ }).waitFor();
      expect(await p.evaluate(() => sessionStorage.getItem('neuralops.apiKey'))).toBeNull();
      expect(readTab.take().filter((e) => !/status of 401/.test(e))).toEqual([]);
    } finally {
      await p.close();
    }
  });

  it('no page had a console error, a CSP violation, a serious or critical axe finding or a sideways scroll', () => {
    expect(findings).toEqual([]);
  });
});
