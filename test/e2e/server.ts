import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { AxeBuilder } from '@axe-core/playwright';
import {
  type Browser,
  type BrowserContext,
  chromium,
  type Locator,
  type Page,
} from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const STARTUP_TIMEOUT_MS = 180_000;

/** Chromium as the Debian package installs it; scripts/test.sh makes sure it is there. */
const chromiumPath = process.env.TVS_CHROMIUM ?? '/usr/bin/chromium';
const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The WCAG levels TVS promises. */
const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export interface RunningApp {
  baseUrl: string;
  browser: Browser;
  stop: () => Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => {
        resolvePort(port);
      });
    });
  });
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { redirect: 'manual' });
    await response.body?.cancel();
    return response.status === 200;
  } catch {
    return false;
  }
}

/** Polls the login page until the app answers, the process dies or time runs out. */
async function waitUntilReady(url: string, child: ChildProcess, output: () => string) {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `TVS stopte tijdens het starten (code ${String(child.exitCode ?? child.signalCode)}):\n` +
          output(),
      );
    }
    if (await answers(url)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(
    `TVS antwoordde niet binnen ${STARTUP_TIMEOUT_MS / 1000} s op ${url}:\n${output()}`,
  );
}

async function stopProcess(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => {
    child.once('exit', () => {
      r();
    });
  });
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/**
 * Starts the real app (demo mode, embedded database in a fresh temporary folder, free port) and
 * one Chromium. The returned `stop` ends both and removes the folder.
 */
export async function startApp(): Promise<RunningApp> {
  const dataDir = await mkdtemp(join(tmpdir(), 'tvs-e2e-'));
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    TVS_DATA_DIR: dataDir,
    LOG_LEVEL: process.env.TVS_E2E_LOG_LEVEL ?? 'warn',
  };
  delete env.NODE_ENV;
  delete env.DATABASE_URL;
  delete env.VITEST;
  delete env.VITEST_POOL_ID;
  delete env.VITEST_WORKER_ID;

  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-20_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const output = () => log;

  const baseUrl = `http://127.0.0.1:${port}`;
  let browser: Browser | undefined;
  try {
    await waitUntilReady(`${baseUrl}/inloggen`, child, output);
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  } catch (error) {
    await stopProcess(child);
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  const openBrowser = browser;
  return {
    baseUrl,
    browser: openBrowser,
    stop: async () => {
      await openBrowser.close();
      await stopProcess(child);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Registers the hooks of a browser test file: the app once for the file, and a fresh browser
 * context (no cookies) with one page for every test. Call the returned function inside a test.
 */
export function useBrowser(): () => { app: RunningApp; page: Page } {
  let app: RunningApp | undefined;
  let context: BrowserContext | undefined;
  let page: Page | undefined;

  beforeAll(async () => {
    app = await startApp();
  }, STARTUP_TIMEOUT_MS + 30_000);
  afterAll(async () => {
    await app?.stop();
  });
  beforeEach(async () => {
    if (!app) throw new Error('De app draait niet.');
    context = await app.browser.newContext({ baseURL: app.baseUrl, locale: 'nl-NL' });
    context.setDefaultTimeout(15_000);
    page = await context.newPage();
  });
  afterEach(async () => {
    await context?.close();
  });

  return () => {
    if (!app || !page) throw new Error('Geen pagina: roep dit aan binnen een test.');
    return { app, page };
  };
}

/** Logs in through the form, the way a person does, and waits for the Startpagina. */
export async function logIn(page: Page, email: string, password = 'demo') {
  await page.goto('/inloggen');
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord').fill(password);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await shows(page.getByRole('heading', { level: 1, name: /^Welkom, / }));
}

/** Runs axe on the current page and fails with a readable list of violations. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(wcagTags).analyze();
  const violations = results.violations.map(
    (v) =>
      `${v.id} (${v.impact ?? 'onbekend'}): ${v.help}\n` +
      v.nodes.map((n) => `    ${n.target.join(' ')}`).join('\n'),
  );
  expect(results.passes.length, 'axe heeft gecontroleerd').toBeGreaterThan(0);
  expect(violations, `toegankelijkheid van ${page.url()}`).toEqual([]);
}

/** Waits until the locator's (single) element is visible, as a person would wait for it. */
export async function shows(locator: Locator) {
  await locator.waitFor({ state: 'visible' });
}

/** Minimal DOM types for code that runs in the page (the project compiles without lib dom). */
interface PageElement {
  id: string;
  tagName: string;
  textContent: string | null;
  getAttribute: (name: string) => string | null;
}
declare const document: { activeElement: PageElement | null };

/** What has the keyboard focus now. */
export function focused(
  page: Page,
): Promise<{ id: string; tag: string; text: string; role: string }> {
  return page.evaluate(() => {
    const el = document.activeElement;
    return {
      id: el?.id ?? '',
      tag: el?.tagName ?? '',
      text: (el?.textContent ?? '').trim(),
      role: el?.getAttribute('role') ?? '',
    };
  });
}
