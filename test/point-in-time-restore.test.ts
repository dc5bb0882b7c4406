/**
 * Automated backups and point-in-time restore on real servers, through the SDK and once through the
 * AWS CLI: rows written before and after marked seconds; an instance restored to a mark has exactly
 * the rows before it (from the automated backup, and from a later manual snapshot), one restored to
 * the latest restorable time has every row committed before it; RDS's refusals around them.
 */
import {
  CreateDBInstanceReadReplicaCommand,
  CreateDBSnapshotCommand,
  DeleteDBSnapshotCommand,
  DescribeDBInstanceAutomatedBackupsCommand,
  DescribeDBSnapshotsCommand,
  ModifyDBInstanceCommand,
  RestoreDBInstanceFromDBSnapshotCommand,
  RestoreDBInstanceToPointInTimeCommand,
} from '@aws-sdk/client-rds';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import type { Connection } from 'mysql2/promise';
import { describeOne, rdsFailure, waitForStatus } from '../kit/api.js';
import { awsRds } from '../kit/clients.js';
import { done, notYet, poll } from '../kit/poll.js';
import { createInstance, eventMessages, recordFigure, rows } from './support/cluster.js';
import { connectTo, startTestService, type TestService } from './support/service.js';

const PASSWORD = 'pitr-secret-1';

/** Waits until the clock is past the next whole second, and returns that second (ms): the mark. */
async function nextSecond(): Promise<number> {
  const mark = Math.ceil((Date.now() + 1) / 1000) * 1000;
  await sleep(mark - Date.now() + 150);
  return mark;
}

async function values(conn: Connection): Promise<string[]> {
  return (await rows<{ v: string }>(conn, 'SELECT v FROM marks ORDER BY id')).map((r) => r.v);
}

describe('automated backups and point-in-time restore', { timeout: 600_000 }, () => {
  let t: TestService;
  let source: Connection;
  const marks: number[] = [];

  before(async () => {
    t = await startTestService({ automatedBackups: true });
    const instance = await createInstance(t.rds, 'pitr-src', PASSWORD);
    source = await connectTo(instance, 'admin', PASSWORD, { database: 'app' });
  });

  after(async () => {
    await source?.end().catch(() => undefined);
    await t?.[Symbol.asyncDispose]();
  });

  test('the first automated backup is taken right after creation, and the instance shows its restore window', async () => {
    const backup = await poll('the first automated backup', async () => {
      const { DBInstanceAutomatedBackups: [b] = [] } = await t.rds.send(new DescribeDBInstanceAutomatedBackupsCommand({ DBInstanceIdentifier: 'pitr-src' }));
      return b?.Status === 'active' ? done(b) : notYet(b?.Status);
    }, 60_000);
    assert.equal(backup.BackupRetentionPeriod, 1);
    assert.ok(backup.RestoreWindow?.EarliestTime && backup.RestoreWindow.LatestTime);
    const { DBSnapshots = [] } = await t.rds.send(new DescribeDBSnapshotsCommand({ DBInstanceIdentifier: 'pitr-src', SnapshotType: 'automated' }));
    assert.equal(DBSnapshots.length, 1);
    assert.match(DBSnapshots[0]!.DBSnapshotIdentifier!, /^rds:pitr-src-\d{4}-\d\d-\d\d-\d\d-\d\d$/);
    assert.equal(DBSnapshots[0]!.SnapshotType, 'automated');
    const refused = await rdsFailure(t.rds.send(new DeleteDBSnapshotCommand({ DBSnapshotIdentifier: DBSnapshots[0]!.DBSnapshotIdentifier })));
    assert.deepEqual([refused.code, refused.message], ['InvalidDBSnapshotState', 'automated snapshots cannot be deleted.']);
    const described = await describeOne(t.rds, 'pitr-src');
    assert.ok(described.LatestRestorableTime instanceof Date);
  });

  test('rows around marked seconds: A, mark 1, B, a manual snapshot, C, mark 2, D', async () => {
    await source.query('CREATE TABLE marks (id INT AUTO_INCREMENT PRIMARY KEY, v VARCHAR(20))');
    await source.query("INSERT INTO marks (v) VALUES ('a1'), ('a2')");
    marks.push(await nextSecond());
    await source.query("INSERT INTO marks (v) VALUES ('b1')");
    await t.rds.send(new CreateDBSnapshotCommand({ DBInstanceIdentifier: 'pitr-src', DBSnapshotIdentifier: 'pitr-manual' }));
    await waitForStatus(t.rds, 'pitr-src', 'available', 120_000);
    await source.query("INSERT INTO marks (v) VALUES ('c1')");
    await source.query("UPDATE marks SET v = 'a2-changed' WHERE v = 'a2'");
    marks.push(await nextSecond());
    await source.query("INSERT INTO marks (v) VALUES ('d1')");
    await source.query("DELETE FROM marks WHERE v = 'a1'");
  });

  test('restored to mark 1 (from the automated backup): exactly the rows before it', async () => {
    const started = Date.now();
    await t.rds.send(
      new RestoreDBInstanceToPointInTimeCommand({ SourceDBInstanceIdentifier: 'pitr-src', TargetDBInstanceIdentifier: 'pitr-at-1', RestoreTime: new Date(marks[0]!) }),
    );
    const restored = await waitForStatus(t.rds, 'pitr-at-1', 'available', 180_000);
    await recordFigure({ figure: 'point-in-time restore, request to available (ms)', value: Date.now() - started });
    await using conn = await connectTo(restored, 'admin', PASSWORD, { database: 'app' });
    assert.deepEqual(await values(conn), ['a1', 'a2']);
    // Standalone and writable.
    await conn.query("INSERT INTO marks (v) VALUES ('mine')");
    assert.equal(restored.ReadReplicaSourceDBInstanceIdentifier, undefined);
    const events = await eventMessages(t.rds, 'pitr-at-1');
    assert.ok(events.includes(`Restored from DB instance pitr-src to ${new Date(marks[0]!).toISOString()}`), events.join(' | '));
  });

  test('beside it, a restore of the same automated backup alone (no replay): the figures', async () => {
    const { DBSnapshots: [automated] = [] } = await t.rds.send(new DescribeDBSnapshotsCommand({ DBInstanceIdentifier: 'pitr-src', SnapshotType: 'automated' }));
    const started = Date.now();
    await t.rds.send(new RestoreDBInstanceFromDBSnapshotCommand({ DBInstanceIdentifier: 'pitr-plain', DBSnapshotIdentifier: automated!.DBSnapshotIdentifier }));
    const restored = await waitForStatus(t.rds, 'pitr-plain', 'available', 180_000);
    await recordFigure({ figure: 'restore of the automated backup alone, request to available (ms)', value: Date.now() - started });
    await using conn = await connectTo(restored, 'admin', PASSWORD, { database: 'app' });
    assert.deepEqual(await rows(conn, "SHOW TABLES LIKE 'marks'"), []);
  });

  test('restored to mark 2 through the AWS CLI (from the manual snapshot): the rows before it, the update in, the delete not', async () => {
    await awsRds(t.service.endpoint, [
      'restore-db-instance-to-point-in-time',
      '--source-db-instance-identifier', 'pitr-src',
      '--target-db-instance-identifier', 'pitr-at-2',
      '--restore-time', new Date(marks[1]!).toISOString(),
    ]);
    const restored = await waitForStatus(t.rds, 'pitr-at-2', 'available', 180_000);
    await using conn = await connectTo(restored, 'admin', PASSWORD, { database: 'app' });
    assert.deepEqual(await values(conn), ['a1', 'a2-changed', 'b1', 'c1']);
  });

  test('restored to the latest restorable time: every row committed before it', async () => {
    const committed = Date.now();
    await poll('LatestRestorableTime past the last commit', async () => {
      const latest = (await describeOne(t.rds, 'pitr-src')).LatestRestorableTime;
      return latest && latest.getTime() > committed ? done(latest) : notYet(latest);
    }, 10_000);
    await t.rds.send(
      new RestoreDBInstanceToPointInTimeCommand({
        SourceDBInstanceIdentifier: 'pitr-src',
        TargetDBInstanceIdentifier: 'pitr-latest',
        UseLatestRestorableTime: true,
        AllocatedStorage: 30,
        BackupRetentionPeriod: 0,
        CACertificateIdentifier: 'rds-ca-rsa4096-g1',
      }),
    );
    const restored = await waitForStatus(t.rds, 'pitr-latest', 'available', 180_000);
    assert.deepEqual(
      [restored.AllocatedStorage, restored.BackupRetentionPeriod, restored.CACertificateIdentifier],
      [30, 0, 'rds-ca-rsa4096-g1'],
      "the request's storage, retention (the source's is 1) and CA",
    );
    await using conn = await connectTo(restored, 'admin', PASSWORD, { database: 'app' });
    assert.deepEqual(await values(conn), ['a2-changed', 'b1', 'c1', 'd1']);
  });

  test("RDS's refusals: outside the window, both times, a taken name, backups off", async () => {
    const early = await rdsFailure(
      t.rds.send(new RestoreDBInstanceToPointInTimeCommand({ SourceDBInstanceIdentifier: 'pitr-src', TargetDBInstanceIdentifier: 'pitr-x', RestoreTime: new Date(Date.now() - 3 * 86_400_000) })),
    );
    assert.equal(early.code, 'InvalidRestoreFault');
    const late = await rdsFailure(
      t.rds.send(new RestoreDBInstanceToPointInTimeCommand({ SourceDBInstanceIdentifier: 'pitr-src', TargetDBInstanceIdentifier: 'pitr-x', RestoreTime: new Date(Date.now() + 3_600_000) })),
    );
    assert.equal(late.code, 'InvalidRestoreFault');
    const both = await rdsFailure(
      t.rds.send(new RestoreDBInstanceToPointInTimeCommand({ SourceDBInstanceIdentifier: 'pitr-src', TargetDBInstanceIdentifier: 'pitr-x', RestoreTime: new Date(marks[0]!), UseLatestRestorableTime: true })),
    );
    assert.equal(both.code, 'InvalidParameterCombination');
    const taken = await rdsFailure(
      t.rds.send(new RestoreDBInstanceToPointInTimeCommand({ SourceDBInstanceIdentifier: 'pitr-src', TargetDBInstanceIdentifier: 'pitr-at-1', UseLatestRestorableTime: true })),
    );
    assert.equal(taken.code, 'DBInstanceAlreadyExists');
    const range = await rdsFailure(t.rds.send(new ModifyDBInstanceCommand({ DBInstanceIdentifier: 'pitr-src', BackupRetentionPeriod: 36 })));
    assert.deepEqual([range.code, range.message], ['InvalidParameterValue', 'Invalid backup retention period: 36. Retention period must be between 0 and 35.']);

    await t.rds.send(new ModifyDBInstanceCommand({ DBInstanceIdentifier: 'pitr-src', BackupRetentionPeriod: 0, ApplyImmediately: true }));
    const off = await rdsFailure(
      t.rds.send(new RestoreDBInstanceToPointInTimeCommand({ SourceDBInstanceIdentifier: 'pitr-src', TargetDBInstanceIdentifier: 'pitr-x', UseLatestRestorableTime: true })),
    );
    assert.equal(off.code, 'PointInTimeRestoreNotEnabled');
    assert.equal((await describeOne(t.rds, 'pitr-src')).LatestRestorableTime, undefined);
    await poll('the automated backups gone with the retention period', async () => {
      const { DBSnapshots = [] } = await t.rds.send(new DescribeDBSnapshotsCommand({ DBInstanceIdentifier: 'pitr-src' }));
      const ids = DBSnapshots.map((s) => s.DBSnapshotIdentifier);
      return ids.length === 1 ? done(ids) : notYet(ids);
    }, 10_000);
    const replica = await rdsFailure(t.rds.send(new CreateDBInstanceReadReplicaCommand({ DBInstanceIdentifier: 'pitr-r', SourceDBInstanceIdentifier: 'pitr-src' })));
    assert.deepEqual(
      [replica.code, replica.message],
      ['InvalidDBInstanceState', 'Automated backups are not enabled for this database instance. To enable automated backups, use ModifyDBInstance to set the backup retention period to a non-zero value.'],
    );
  });
});
