import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { eventually } from '../../kit/poll.js';

/**
 * The web console in a real browser: Debian's Chromium, headless, driven by playwright-core, with
 * screenshots in test-artifacts/.
 */

const CHROMIUM = '/usr/bin/chromium';
/** Headless, and nothing that reaches for the network (this machine has none beyond loopback). */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
export const ARTIFACTS = join(process.cwd(), 'test-artifacts');

/**
 * Runs `drive` on a page of a fresh browser profile; fails on any error the page threw, and keeps
 * a screenshot of what the page showed when something went wrong (`<name>-failure.png`).
 */
export async function withBrowser(name: string, drive: (page: Page) => Promise<void>): Promise<void> {
  await mkdir(ARTIFACTS, { recursive: true });
  const profile = await mkdtemp(join(tmpdir(), 'openrds-chromium-'));
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1440, height: 960 },
  });
  try {
    const page = browser.pages()[0] ?? (await browser.newPage());
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await drive(page);
    assert.deepEqual(pageErrors, []);
  } catch (error) {
    await browser.pages()[0]?.screenshot({ path: join(ARTIFACTS, `${name}-failure.png`) }).catch(() => undefined);
    throw error;
  } finally {
    await browser.close();
    await rm(profile, { recursive: true, force: true });
  }
}

/** The text of one cell of an instance's row in the table. */
export const cell = (page: Page, id: string, column: string) => page.locator(`tr[data-instance="${id}"] [data-col="${column}"]`);

export async function waitForCell(page: Page, id: string, column: string, text: string, timeout = 60_000): Promise<void> {
  await cell(page, id, column).filter({ hasText: new RegExp(`^\\s*${text}`) }).waitFor({ timeout });
}

/** Polls `check` (the console's CSP rules out Playwright's string predicates, which use eval). */
export function until(check: () => Promise<boolean>, timeoutMs: number, what = 'the page'): Promise<void> {
  return eventually(what, check, { timeoutMs, intervalMs: 100 });
}
