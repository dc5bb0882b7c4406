/**
 * Automated backups on the fake placement with an injected clock: the backup window's arithmetic,
 * the first backup at once, one per window, expiry past the retention period, the restore window,
 * the binary log kept for it, and RDS's backup-retention rules around read replicas.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { automatedSnapshotId, windowOccurrence } from '../../src/control/backup-window.js';
import { RdsError } from '../../src/errors.js';
import { fakeControlPlane } from '../../kit/fake-control-plane.js';

const DAY = 86_400_000;
const MIN = 60_000;
const refusedWith = (code: string) => (e: unknown) => e instanceof RdsError && e.code === code;

describe('the backup window', () => {
  test('in a window (also across midnight), and where its occurrence began', () => {
    const at = (hh: number, mm: number) => Date.UTC(2026, 0, 5, hh, mm);
    assert.equal(windowOccurrence('03:00-03:30', at(3, 10), DAY), at(3, 0));
    assert.equal(windowOccurrence('03:00-03:30', at(3, 30), DAY), undefined);
    assert.equal(windowOccurrence('03:00-03:30', at(2, 59), DAY), undefined);
    assert.equal(windowOccurrence('23:45-00:15', at(0, 5), DAY), at(0, 5) - 20 * MIN);
    // A day of a minute: 03:00-03:30 is 7.5 s to 8.75 s into each minute.
    assert.equal(windowOccurrence('03:00-03:30', Date.UTC(2026, 0, 5, 10, 0, 8), MIN), Date.UTC(2026, 0, 5, 10, 0, 7, 500));
  });

  test("RDS's names of automated snapshots", () => {
    assert.equal(automatedSnapshotId('db1', Date.UTC(2026, 2, 4, 5, 6, 7)), 'rds:db1-2026-03-04-05-06');
  });
});

async function withService(start: number) {
  let now = start;
  const { control, placement } = fakeControlPlane({ now: () => now });
  const pass = async (at: number) => {
    now = at;
    await control.backups.runOnce();
    await control.settled();
  };
  return { control, placement, pass };
}

describe('automated backups on the fake placement', () => {
  test('the first at once, then one per window; expired past the retention period; the window and the kept binary log', async () => {
    const t0 = Date.UTC(2026, 0, 5, 12, 0);
    const { control, pass } = await withService(t0);
    await control.create({ id: 'db1', engine: 'mariadb', instanceClass: 'db.t3.micro', masterUsername: 'admin', masterUserPassword: 'Secret-pass1', options: { preferredBackupWindow: '03:00-03:30' } });
    await control.settled();
    const record = () => control.describe('db1')[0]!;
    assert.equal(control.backups.restoreWindow(record()), undefined);
    await pass(t0);
    const automated = () => control.snapshots.list().filter((s) => s.type === 'automated').map((s) => s.id);
    assert.deepEqual(automated(), ['rds:db1-2026-01-05-12-00']);
    assert.ok(control.backups.restoreWindow(record()));
    assert.equal(control.monitored.binlogRetainedFrom('db1'), 'binlog.000001');
    await pass(t0 + 60 * MIN); // outside the window: nothing
    assert.equal(automated().length, 1);
    await pass(Date.UTC(2026, 0, 6, 3, 5)); // in the next window
    await pass(Date.UTC(2026, 0, 6, 3, 6)); // the same window: once
    assert.deepEqual(automated(), ['rds:db1-2026-01-05-12-00', 'rds:db1-2026-01-06-03-05']);
    await pass(Date.UTC(2026, 0, 7, 3, 5));
    assert.equal(automated().length, 3); // a restore to 06 03:05:00 still starts from the first
    await pass(Date.UTC(2026, 0, 7, 3, 10));
    // Retention 1 day: the 05 12:00 one is no base for a restore to 06 03:10 or later.
    assert.deepEqual(automated(), ['rds:db1-2026-01-06-03-05', 'rds:db1-2026-01-07-03-05']);
    const window = control.backups.restoreWindow(record())!;
    assert.equal(window.earliest, Date.UTC(2026, 0, 6, 3, 10));
    await assert.rejects(control.snapshots.delete('rds:db1-2026-01-07-03-05'), refusedWith('InvalidDBSnapshotState'));
    // Manual snapshots are not counted in RDS's quota with them.
    assert.equal(control.snapshots.manualCount(), 0);
    // Retention 0: they go, and so does the window.
    await control.modify({ id: 'db1', backupRetentionPeriod: 0 });
    await pass(Date.UTC(2026, 0, 7, 4, 0));
    assert.deepEqual(automated(), []);
    assert.equal(control.monitored.binlogRetainedFrom('db1'), undefined);
    await assert.rejects(control.restores.toPointInTime({ id: 'r', sourceId: 'db1', useLatestRestorableTime: true }), refusedWith('PointInTimeRestoreNotEnabled'));
    await control[Symbol.asyncDispose]();
  });

  test('a point-in-time restore: the latest backup before the time, the replay up to that second, then standalone', async () => {
    const t0 = Date.UTC(2026, 0, 5, 12, 0);
    const { control, placement, pass } = await withService(t0);
    await control.create({ id: 'db1', engine: 'mariadb', instanceClass: 'db.t3.micro', masterUsername: 'admin', masterUserPassword: 'Secret-pass1' });
    await control.settled();
    await pass(t0);
    const restoreTime = new Date(t0 + 10_400);
    await pass(t0 + 60_000);
    await control.restores.toPointInTime({ id: 'r1', sourceId: 'db1', restoreTime });
    await control.settled();
    assert.equal(control.describe('r1')[0]!.status, 'available');
    const second = new Date(Math.floor(restoreTime.getTime() / 1000) * 1000).toISOString();
    assert.match(placement.replays.at(-1)!, new RegExp(`^db1 binlog.000001:4 -> r1 until ${second.replace(/\./g, '\\.')}$`));
    const messages = control.events.list({ sourceIdentifier: 'r1' }).map((e) => e.message);
    assert.ok(messages.includes(`Restored from DB instance db1 to ${second}`), messages.join(' | '));
    await assert.rejects(control.restores.toPointInTime({ id: 'r2', sourceId: 'db1', restoreTime: new Date(t0 - DAY) }), refusedWith('InvalidRestoreFault'));
    await control[Symbol.asyncDispose]();
  });

  test("read replicas: a source needs backups, replicas have none, a chain of four, retention 0 refused on a source", async () => {
    const { control } = await withService(Date.now());
    await control.create({ id: 'top', engine: 'mariadb', instanceClass: 'db.t3.micro', masterUsername: 'admin', masterUserPassword: 'Secret-pass1' });
    await control.settled();
    await control.createReadReplica({ id: 'r1', sourceId: 'top' });
    await control.settled();
    assert.equal(control.describe('r1')[0]!.backupRetentionPeriod, 0);
    await assert.rejects(control.createReadReplica({ id: 'r2', sourceId: 'r1' }), refusedWith('InvalidDBInstanceState'));
    await assert.rejects(control.modify({ id: 'top', backupRetentionPeriod: 0 }), refusedWith('InvalidParameterCombination'));
    for (const [id, source] of [['r2', 'r1'], ['r3', 'r2']] as const) {
      await control.modify({ id: source, backupRetentionPeriod: 1 });
      await control.createReadReplica({ id, sourceId: source });
      await control.settled();
    }
    await control.modify({ id: 'r3', backupRetentionPeriod: 1 });
    await assert.rejects(control.createReadReplica({ id: 'r4', sourceId: 'r3' }), (e: unknown) => e instanceof RdsError && /at most 4 instances/.test(e.message));
    await control[Symbol.asyncDispose]();
  });
});
