/**
 * The web console's snapshots and blue/green views in a real browser against a real openrds: take
 * a snapshot from an instance's details and watch it go creating → available with its progress,
 * see the API's refusal of a taken name in the dialog, copy and delete, restore as a new instance
 * and to the latest restorable time; create a blue/green deployment with a version and parameter
 * group from the API's catalogues, see its green instance and tasks, switch over (the old blue
 * listed as `-old1`), delete the deployment. Each step is checked through the AWS SDK too.
 */
import {
  CreateDBParameterGroupCommand,
  DescribeBlueGreenDeploymentsCommand,
  DescribeDBInstanceAutomatedBackupsCommand,
  DescribeDBSnapshotsCommand,
  SwitchoverBlueGreenDeploymentCommand,
} from '@aws-sdk/client-rds';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { describeOne, rdsFailure, waitForStatus } from '../kit/api.js';
import { createInstance, rows } from './support/cluster.js';
import { ARTIFACTS, waitForCell, withBrowser } from './support/browser.js';
import { connectTo, startTestService } from './support/service.js';

const PASSWORD = 'Console-pass1';

const snapshotCell = (page: Page, id: string, column: string) => page.locator(`tr[data-snapshot="${id}"] [data-col="${column}"]`);
const tab = (page: Page, name: string) => page.locator('nav.tabs').getByRole('link', { name: new RegExp(`^${name}`) });

test('the web console: snapshots, restores and a blue/green deployment', { timeout: 240_000 }, async () => {
  await using t = await startTestService({ automatedBackups: true });
  await t.rds.send(new CreateDBParameterGroupCommand({ DBParameterGroupName: 'green-params', DBParameterGroupFamily: 'mariadb10.11', Description: 'for green' }));
  // A version with a newer minor beside it, so that the catalogue offers a target.
  const shop = await createInstance(t.rds, 'shop', PASSWORD, { EngineVersion: '10.11.18' });
  {
    await using conn = await connectTo(shop, 'admin', PASSWORD);
    await conn.query('CREATE TABLE app.orders (n INT PRIMARY KEY, note TEXT)');
    await conn.query("INSERT INTO app.orders SELECT seq, REPEAT('x', 2000) FROM app.seq_1_to_20000");
  }

  await withBrowser('console-snapshots', async (page) => {
    await page.goto(`${t.service.endpoint}/console/#snapshots`);
    await page.getByTestId('live').filter({ hasText: 'Live' }).waitFor();
    const view = page.getByTestId('snapshots-view');
    // The first automated backup of shop is listed as the instance's (no Delete: RDS deletes those).
    const automated = view.locator('tr[data-snapshot^="rds:shop-"]');
    await automated.locator('[data-col="status"]').filter({ hasText: 'available' }).waitFor({ timeout: 30_000 });
    assert.equal(await automated.locator('[data-col="type"]').innerText(), 'automated');
    assert.equal(await automated.getByRole('button', { name: 'Delete' }).count(), 0);

    // Take a snapshot from the instance's details: creating with its progress, then available.
    await page.getByTestId('details').getByRole('button', { name: 'Take snapshot' }).click();
    const take = page.getByTestId('take-snapshot-dialog');
    await take.locator('input[name="snapshotId"]').fill('shop-snap1');
    await take.getByRole('button', { name: 'Take snapshot' }).click();
    await take.waitFor({ state: 'detached' });
    const progress = snapshotCell(page, 'shop-snap1', 'status').getByTestId('snapshot-progress');
    await progress.waitFor({ timeout: 10_000 });
    assert.match(await snapshotCell(page, 'shop-snap1', 'status').innerText(), /creating\s+\d+%/);
    await page.screenshot({ path: join(ARTIFACTS, 'console-snapshots-1-creating.png') });
    await snapshotCell(page, 'shop-snap1', 'status').filter({ hasText: 'available' }).waitFor({ timeout: 60_000 });
    assert.equal(await progress.count(), 0);
    const [snap1] = (await t.rds.send(new DescribeDBSnapshotsCommand({ DBSnapshotIdentifier: 'shop-snap1' }))).DBSnapshots!;
    assert.deepEqual([snap1!.Status, snap1!.PercentProgress, snap1!.SnapshotType, snap1!.DBInstanceIdentifier], ['available', 100, 'manual', 'shop']);

    // The name again, from the view: the dialog shows the API's refusal as the API words it.
    await view.getByRole('button', { name: 'Take snapshot' }).click();
    await take.locator('select[name="instance"]').selectOption('shop');
    await take.locator('input[name="snapshotId"]').fill('shop-snap1');
    await take.getByRole('button', { name: 'Take snapshot' }).click();
    await take.locator('.form-error').filter({ hasText: 'Cannot create the snapshot because a snapshot with the identifier shop-snap1 already exists.' }).waitFor();
    await take.getByRole('button', { name: 'Cancel' }).click();

    // Copy it, then delete the copy (the console asks first).
    await view.locator('tr[data-snapshot="shop-snap1"]').getByRole('button', { name: 'Copy' }).click();
    const copy = page.getByTestId('copy-snapshot-dialog');
    assert.equal(await copy.locator('input[name="targetId"]').inputValue(), 'shop-snap1-copy');
    await copy.getByRole('button', { name: 'Copy' }).click();
    await snapshotCell(page, 'shop-snap1-copy', 'status').filter({ hasText: 'available' }).waitFor({ timeout: 30_000 });
    const [copied] = (await t.rds.send(new DescribeDBSnapshotsCommand({ DBSnapshotIdentifier: 'shop-snap1-copy' }))).DBSnapshots!;
    assert.match(copied!.SourceDBSnapshotIdentifier!, /:snapshot:shop-snap1$/);
    await view.locator('tr[data-snapshot="shop-snap1-copy"]').getByRole('button', { name: 'Delete' }).click();
    await page.getByTestId('confirm-dialog').getByRole('button', { name: 'Delete' }).click();
    await view.locator('tr[data-snapshot="shop-snap1-copy"]').waitFor({ state: 'detached', timeout: 10_000 });
    assert.equal((await rdsFailure(t.rds.send(new DescribeDBSnapshotsCommand({ DBSnapshotIdentifier: 'shop-snap1-copy' })))).code, 'DBSnapshotNotFound');

    // Restore the snapshot as a new instance of another class; it comes up available with the data.
    await view.locator('tr[data-snapshot="shop-snap1"]').getByRole('button', { name: 'Restore' }).click();
    const restore = page.getByTestId('restore-snapshot-dialog');
    await restore.locator('input[name="newId"]').fill('shop-restored');
    await restore.locator('select[name="instanceClass"]').selectOption('db.t3.small');
    await restore.getByRole('button', { name: 'Restore' }).click();
    await restore.waitFor({ state: 'detached' });
    await tab(page, 'DB instances').click();
    await waitForCell(page, 'shop-restored', 'status', 'available', 90_000);
    const restored = await describeOne(t.rds, 'shop-restored');
    assert.equal(restored.DBInstanceClass, 'db.t3.small');
    {
      await using conn = await connectTo(restored, 'admin', PASSWORD);
      assert.deepEqual((await rows(conn, 'SELECT COUNT(*) AS n FROM app.orders')).map((r) => Number(r.n)), [20000]);
    }

    // Point-in-time restore from shop's details: the dialog shows the API's restore window.
    await page.locator('tr[data-instance="shop"]').click();
    await page.getByTestId('details').getByRole('button', { name: 'Restore to point in time' }).click();
    const pitr = page.getByTestId('point-in-time-dialog');
    const earliest = pitr.getByTestId('restore-window').locator('dd[data-time]').first();
    await earliest.waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'console-snapshots-2-point-in-time.png') });
    const [backups] = (await t.rds.send(new DescribeDBInstanceAutomatedBackupsCommand({ DBInstanceIdentifier: 'shop' }))).DBInstanceAutomatedBackups!;
    assert.equal(await earliest.getAttribute('data-time'), backups!.RestoreWindow!.EarliestTime!.toISOString());
    await pitr.locator('input[name="newId"]').fill('shop-pitr');
    await pitr.getByRole('button', { name: 'Restore' }).click();
    await pitr.waitFor({ state: 'detached' });
    await waitForCell(page, 'shop-pitr', 'status', 'available', 90_000);
    {
      await using conn = await connectTo(await describeOne(t.rds, 'shop-pitr'), 'admin', PASSWORD);
      assert.deepEqual((await rows(conn, 'SELECT COUNT(*) AS n FROM app.orders')).map((r) => Number(r.n)), [20000]);
    }

    // A blue/green deployment of shop: the version and parameter group come from the API's catalogues.
    await tab(page, 'Blue/green').click();
    await page.getByTestId('blue-green-view').getByRole('button', { name: 'Create blue/green deployment' }).click();
    const create = page.getByTestId('create-blue-green-dialog');
    await create.locator('input[name="name"]').fill('shop-upgrade');
    await create.locator('select[name="instance"]').selectOption('shop');
    // selectOption waits for the option: the choices load from DescribeDBEngineVersions and DescribeDBParameterGroups.
    await create.locator('select[name="targetEngineVersion"]').selectOption('10.11.19');
    await create.locator('select[name="targetParameterGroup"]').selectOption('green-params');
    await create.getByRole('button', { name: 'Create' }).click();
    await create.waitFor({ state: 'detached' });
    const card = page.locator('[data-deployment]').filter({ has: page.getByRole('heading', { name: 'shop-upgrade' }) });
    await card.locator('[data-col="status"]').filter({ hasText: 'AVAILABLE' }).waitFor({ timeout: 120_000 });
    const tasks = await card.locator('[data-task]').evaluateAll((items) => items.map((i) => i.textContent));
    assert.deepEqual(tasks, ['CREATING_READ_REPLICA_OF_SOURCE COMPLETED', 'DB_ENGINE_VERSION_UPGRADE COMPLETED', 'CONFIGURE_BACKUPS COMPLETED']);
    const greenId = (await card.locator('[data-member="shop"] [data-col="target"] .mono').innerText()).trim();
    assert.match(greenId, /^shop-green-[a-z0-9]{6}$/);
    const green = await describeOne(t.rds, greenId);
    assert.deepEqual([green.EngineVersion, green.DBParameterGroups![0]!.DBParameterGroupName, green.ReadReplicaSourceDBInstanceIdentifier], ['10.11.19', 'green-params', 'shop']);
    const deploymentId = (await card.getAttribute('data-deployment'))!;
    await page.screenshot({ path: join(ARTIFACTS, 'console-snapshots-3-blue-green.png') });

    // Switch over: a timeout out of RDS's range gets the API's words; a good one goes through, with its progress shown.
    await card.getByRole('button', { name: 'Switch over' }).click();
    const confirm = page.getByTestId('confirm-dialog');
    await confirm.locator('input[name="timeout"]').fill('10');
    await confirm.getByRole('button', { name: 'Switch over' }).click();
    const refusal = await rdsFailure(t.rds.send(new SwitchoverBlueGreenDeploymentCommand({ BlueGreenDeploymentIdentifier: deploymentId, SwitchoverTimeout: 10 })));
    await confirm.locator('.form-error').filter({ hasText: refusal.message }).waitFor();
    await confirm.locator('input[name="timeout"]').fill('120');
    await confirm.getByRole('button', { name: 'Switch over' }).click();
    await confirm.waitFor({ state: 'detached' });
    // The console polls every half second: a quick switchover may be over before one push shows
    // it in progress, so either its progress or its end shows first; its start event always stays.
    const completed = card.locator('[data-col="status"]').filter({ hasText: 'SWITCHOVER_COMPLETED' });
    await card.getByTestId('switchover-progress').or(completed).first().waitFor({ timeout: 30_000 });
    await page.screenshot({ path: join(ARTIFACTS, 'console-snapshots-4-switching-over.png') });
    await completed.waitFor({ timeout: 120_000 });
    await card.locator('[data-testid="deployment-events"] li').filter({ hasText: 'Switchover started on blue/green deployment.' }).waitFor();
    const member = card.locator('[data-member="shop-old1"]');
    assert.equal((await member.locator('[data-col="target"] .mono').innerText()).trim(), 'shop');
    assert.match(await member.locator('[data-col="member-status"]').innerText(), /SWITCHOVER_COMPLETED/);
    await card.locator('[data-testid="deployment-events"] li').filter({ hasText: 'Switchover completed on blue/green deployment.' }).waitFor();
    const [newBlue, oldBlue] = await Promise.all([waitForStatus(t.rds, 'shop', 'available'), waitForStatus(t.rds, 'shop-old1', 'available')]);
    assert.deepEqual([newBlue.EngineVersion, oldBlue.EngineVersion], ['10.11.19', '10.11.18']);
    await tab(page, 'DB instances').click();
    await page.locator('tr[data-instance="shop-old1"]').waitFor();
    await tab(page, 'Blue/green').click();

    // Delete it: DeleteTarget is refused after a switchover (the API's words); without it the deployment goes, the instances stay.
    await card.getByRole('button', { name: 'Delete' }).click();
    await confirm.locator('input[name="deleteTarget"]').check();
    await confirm.getByRole('button', { name: 'Delete' }).click();
    await confirm.locator('.form-error').filter({ hasText: "is production since its switchover: DeleteTarget can't be specified." }).waitFor();
    await confirm.locator('input[name="deleteTarget"]').uncheck();
    await confirm.getByRole('button', { name: 'Delete' }).click();
    await card.waitFor({ state: 'detached', timeout: 10_000 });
    assert.equal((await rdsFailure(t.rds.send(new DescribeBlueGreenDeploymentsCommand({ BlueGreenDeploymentIdentifier: deploymentId })))).code, 'BlueGreenDeploymentNotFoundFault');
    await Promise.all([describeOne(t.rds, 'shop'), describeOne(t.rds, 'shop-old1')]);
  });
});
