/**
 * Snapshots in the control plane's state machine, on the fake placement and an in-memory store:
 * the instance's states around a copy, a failed copy, the final and stop snapshots, a restore.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { RdsError } from '../../src/errors.js';
import { fakeControlPlane } from '../../kit/fake-control-plane.js';

async function withInstance() {
  const { control, placement, events } = fakeControlPlane();
  await control.create({ id: 'db1', engine: 'mariadb', instanceClass: 'db.t3.micro', masterUsername: 'admin', masterUserPassword: 'Secret-pass1' });
  await control.settled();
  return { control, placement, events };
}

const refusedWith = (code: string) => (e: unknown) => e instanceof RdsError && e.code === code;

describe('snapshots on the fake placement', () => {
  test('create: backing-up meanwhile, then available with 100%; a second of the name is refused', async () => {
    const { control, events } = await withInstance();
    const snapshot = control.snapshots.create('s1', 'db1', [{ Key: 'k', Value: 'v' }]);
    assert.equal(snapshot.status, 'creating');
    assert.equal(control.describe('db1')[0]!.status, 'backing-up');
    assert.throws(() => control.snapshots.create('s2', 'db1', undefined), refusedWith('InvalidDBInstanceState'));
    assert.throws(() => control.snapshots.create('s1', 'db1', undefined), refusedWith('InvalidDBInstanceState'));
    await control.settled();
    assert.equal(control.describe('db1')[0]!.status, 'available');
    const taken = control.snapshots.get('s1');
    assert.deepEqual([taken.status, control.snapshots.percentProgress(taken), taken.tags], ['available', 100, [{ Key: 'k', Value: 'v' }]]);
    assert.throws(() => control.snapshots.create('s1', 'db1', undefined), refusedWith('DBSnapshotAlreadyExists'));
    assert.deepEqual(events('db1').slice(-2), ['Backing up DB instance', 'Finished DB Instance backup']);
    await control[Symbol.asyncDispose]();
  });

  test('a copy that fails leaves a failed snapshot without files, and the instance available', async () => {
    const { control, placement } = await withInstance();
    placement.snapshot = async () => {
      throw new Error('disk full');
    };
    control.snapshots.create('s1', 'db1', undefined);
    await control.settled();
    assert.equal(control.snapshots.get('s1').status, 'failed');
    assert.equal(control.describe('db1')[0]!.status, 'available');
    assert.deepEqual(await placement.listSnapshots(), []);
    await assert.rejects(control.restores.fromSnapshot({ id: 'r1', snapshotId: 's1' }), refusedWith('InvalidDBSnapshotState'));
    await control[Symbol.asyncDispose]();
  });

  test('stop with a snapshot, then delete with a final snapshot: both taken, in that order', async () => {
    const { control, placement } = await withInstance();
    await control.stop('db1', 'before-stop');
    await control.settled();
    assert.equal(control.describe('db1')[0]!.status, 'stopped');
    assert.equal(control.snapshots.get('before-stop').status, 'available');
    await assert.rejects(control.delete('db1', { skipFinalSnapshot: false, finalSnapshotId: 'final' }), refusedWith('InvalidDBInstanceState'));
    assert.throws(() => control.snapshots.get('final'), refusedWith('DBSnapshotNotFound'), 'nothing was recorded');
    await control.start('db1');
    await control.settled();
    await control.delete('db1', { skipFinalSnapshot: false, finalSnapshotId: 'final' });
    await control.settled();
    assert.equal(control.describe().length, 0);
    assert.equal(control.snapshots.get('final').instanceId, 'db1');
    assert.deepEqual((await placement.listSnapshots()).sort(), ['before-stop', 'final']);
    await control[Symbol.asyncDispose]();
  });

  test('restore: a standalone instance from the snapshot, with its own operator password; the snapshot cannot go meanwhile', async () => {
    const { control, placement, events } = await withInstance();
    control.snapshots.create('s1', 'db1', undefined);
    await control.settled();
    const restoring = await control.restores.fromSnapshot({ id: 'r1', snapshotId: 's1' });
    assert.equal(restoring.status, 'creating');
    assert.equal(restoring.replicaOf, null);
    await assert.rejects(control.snapshots.delete('s1'), refusedWith('InvalidDBSnapshotState'));
    await control.settled();
    const restored = control.describe('r1')[0]!;
    assert.equal(restored.status, 'available');
    assert.notEqual(restored.port, control.describe('db1')[0]!.port);
    assert.ok(placement.calls.includes('r1: rotatePassword') && placement.calls.includes('r1: promote'));
    assert.deepEqual(events('r1'), ['Restored from snapshot s1', 'Binlog position from crash recovery is binlog.000001 4']);
    assert.equal((await control.snapshots.delete('s1')).status, 'deleted');
    assert.deepEqual(await placement.listSnapshots(), []);
    await control[Symbol.asyncDispose]();
  });
});
