/**
 * The web console in a real browser (Debian's Chromium, headless, driven by playwright-core) against
 * a real openrds: create an instance and a read replica from the console, see the topology and the
 * lag chart, stop replication with mysql.rds_stop_replication and see the page change by itself
 * (server-sent events, no reload), then promote the replica and delete the old source.
 * Screenshots go to test-artifacts/.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { ARTIFACTS, cell, until, waitForCell, withBrowser } from './support/browser.js';
import { connectTo, startTestService } from './support/service.js';
import { waitForStatus } from '../kit/api.js';

const PASSWORD = 'Secret-pass1';

test('the web console: create, replicate, watch, stop replication, promote', { timeout: 150_000 }, async () => {
  await using t = await startTestService();
  await withBrowser('console', async (page) => {
    // The API's address sends a browser to the console.
    await page.goto(`${t.service.endpoint}/`);
    assert.match(page.url(), /\/console\/$/);
    await page.getByTestId('live').filter({ hasText: 'Live' }).waitFor();
    // Marks this page load: a reload would lose it.
    await page.evaluate('window.__openrdsPageLoad = 1');

    // Create an instance.
    await page.getByRole('button', { name: 'Create DB instance' }).click();
    const create = page.getByTestId('create-instance-dialog');
    await create.locator('input[name="id"]').fill('db1');
    await create.locator('input[name="username"]').fill('admin');
    await create.locator('input[name="password"]').fill(PASSWORD);
    await page.screenshot({ path: join(ARTIFACTS, 'console-1-create-dialog.png') });
    await create.getByRole('button', { name: 'Create', exact: true }).click();
    await create.waitFor({ state: 'detached' });
    await waitForCell(page, 'db1', 'status', 'available');
    await page.locator('[data-testid="events"] li').filter({ hasText: 'DB instance created' }).waitFor();

    // Create a read replica of it.
    await page.getByRole('button', { name: 'Create read replica' }).click();
    const replicaDialog = page.getByTestId('create-replica-dialog');
    await replicaDialog.locator('input[name="replicaId"]').fill('db1-replica');
    await replicaDialog.getByRole('button', { name: 'Create read replica' }).click();
    await replicaDialog.waitFor({ state: 'detached' });
    await waitForCell(page, 'db1-replica', 'status', 'available', 90_000);
    await waitForCell(page, 'db1-replica', 'replication', 'replicating');
    assert.match(await cell(page, 'db1', 'role').innerText(), /source/);
    assert.match(await cell(page, 'db1-replica', 'role').innerText(), /replica of db1/);

    // The topology draws the source, the replica and the edge between them.
    await page.locator('svg.topology [data-edge="db1->db1-replica"]').waitFor();
    await page.locator('svg.topology [data-node="db1"]').waitFor();
    // The lag chart fills in (the replica is selected after its creation): two samples make a line.
    await until(async () => Number(await page.locator('svg.lag-chart').getAttribute('data-points', { timeout: 1000 }).catch(() => 0)) >= 2, 20_000);
    // A flat line at 0 s has no height: Playwright calls it hidden, so wait for it to be there.
    await page.locator('svg.lag-chart path.lag-line').waitFor({ state: 'attached' });
    await page.screenshot({ path: join(ARTIFACTS, 'console-2-replica.png') });

    // Stop replication behind the console's back, as the master user: the page follows by itself.
    const replica = await waitForStatus(t.rds, 'db1-replica', 'available');
    {
      await using conn = await connectTo(replica, 'admin', PASSWORD);
      await conn.query('CALL mysql.rds_stop_replication');
    }
    await waitForCell(page, 'db1-replica', 'replication', 'stopped', 20_000);
    await page.locator('[data-testid="events"] li').filter({ hasText: 'manually stopped' }).waitFor({ timeout: 10_000 });
    assert.match(await page.getByTestId('lag-now').innerText(), /not replicating/);
    // The next lag sample (-1) marks the chart where replication stopped.
    await page.locator('svg.lag-chart rect.stopped-band').waitFor({ state: 'attached', timeout: 10_000 });
    await page.screenshot({ path: join(ARTIFACTS, 'console-3-replication-stopped.png') });

    // Promote the replica (a destructive action: the console asks first).
    await page.locator('tr[data-instance="db1-replica"]').click();
    await page.getByRole('button', { name: 'Promote' }).click();
    const confirm = page.getByTestId('confirm-dialog');
    await confirm.getByText('cannot be undone').waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'console-4-promote-confirm.png') });
    await confirm.getByRole('button', { name: 'Promote' }).click();
    await confirm.waitFor({ state: 'detached' });
    await waitForCell(page, 'db1-replica', 'role', 'standalone', 60_000);
    await waitForCell(page, 'db1-replica', 'status', 'available', 60_000);
    await waitForCell(page, 'db1', 'role', 'standalone');
    assert.equal(await page.locator('svg.topology [data-edge]').count(), 0);
    await page.locator('[data-testid="events"] li').filter({ hasText: 'promoted' }).waitFor({ timeout: 10_000 });
    await page.screenshot({ path: join(ARTIFACTS, 'console-5-promoted.png') });

    // Delete the old source: the console wants its identifier typed first.
    await page.locator('tr[data-instance="db1"]').click();
    await page.getByRole('button', { name: 'Delete' }).click();
    const remove = page.getByTestId('confirm-dialog');
    const deleteButton = remove.getByRole('button', { name: 'Delete' });
    assert.equal(await deleteButton.isDisabled(), true);
    await remove.locator('input[name="confirm"]').fill('db1');
    await deleteButton.click();
    await page.locator('tr[data-instance="db1"]').waitFor({ state: 'detached', timeout: 30_000 });

    assert.equal(await page.evaluate('window.__openrdsPageLoad'), 1, 'the page was reloaded');
  });
});
