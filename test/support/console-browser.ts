/// <reference lib="dom" />
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

const ROOT = path.resolve(__dirname, '..', '..');
export const WEB_DIR = path.join(ROOT, 'web');
export const CONSOLE_DIST = path.join(WEB_DIR, 'dist');
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Debian's Chromium, as the tests and scripts run it: headless, no sandbox, nothing fetched from outside. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function newest(dir: string): number {
  let latest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return latest;
}

/**
 * Builds the console (vite build) unless web/dist is newer than its sources and the client it
 * bundles. One process builds while others wait on the lock, so parallel suites share one build.
 */
export function ensureConsoleBuilt(): void {
  const sources = Math.max(newest(path.join(WEB_DIR, 'src')), ...['index.html', 'vite.config.ts', 'package.json'].map((f) => fs.statSync(path.join(WEB_DIR, f)).mtimeMs), newest(path.join(ROOT, 'packages', 'client', 'src')));
  const built = () => {
    try {
      return fs.statSync(path.join(CONSOLE_DIST, 'index.html')).mtimeMs > sources;
    } catch {
      return false;
    }
  };
  if (built()) return;
  const lock = path.join(os.tmpdir(), `neuralops-console-build-${Buffer.from(ROOT).toString('hex').slice(-24)}`);
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`waited 3 min for the console build lock ${lock}`);
      execFileSync(process.execPath, ['-e', 'setTimeout(() => {}, 500)']);
      if (built()) return;
    }
  }
  try {
    if (built()) return;
    // the client's ES build is what the console bundles
    execFileSync(process.execPath, [path.join(ROOT, 'packages', 'client', 'scripts', 'build.js')], { cwd: ROOT, stdio: 'pipe' });
    // jest sets NODE_ENV=test, which would make Vite bundle React's development build
    const env = { ...process.env, NODE_ENV: 'production' };
    execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], { cwd: WEB_DIR, stdio: 'pipe', env });
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

export interface Browser {
  context: BrowserContext;
  close: () => Promise<void>;
}

/** One browser for a whole suite: a fresh profile in a temp dir, removed on close. */
export async function launchBrowser(): Promise<Browser> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'neuralops-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 800 },
    bypassCSP: false,
    locale: 'en-GB',
    timezoneId: 'UTC',
  });
  return {
    context,
    close: async () => {
      await context.close().catch(() => undefined);
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

export interface WatchedPage {
  page: Page;
  /** console errors and uncaught page errors seen since the last take() */
  take: () => string[];
}

/**
 * A tab whose console errors, uncaught exceptions and `securitypolicyviolation` events are
 * recorded (the listener is installed before any page script runs).
 */
export async function watchedPage(context: BrowserContext): Promise<WatchedPage> {
  const page = await context.newPage();
  let errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  await page.addInitScript(() => {
    const w = window as unknown as { __cspViolations: string[] };
    w.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`));
  });
  return {
    page,
    take: () => {
      const out = errors;
      errors = [];
      return out;
    },
  };
}

/** CSP violations the page has seen since it loaded. */
export async function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? []);
}

const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core run in the page (evaluated, not injected as a script tag: the page's CSP stays on); serious and critical findings. */
export async function seriousAxeViolations(page: Page): Promise<string[]> {
  await page.evaluate(`${AXE_SOURCE}\n;void 0`);
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[] }> }> }> } }).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)) }));
  });
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.impact} ${v.id}: ${v.help} at ${v.targets.join(', ')}`);
}

/** Whether the page scrolls sideways at the current viewport. */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}
