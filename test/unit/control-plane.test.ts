/**
 * The control plane's state machine on the fake placement, an in-memory store and an injected
 * clock: every RDS operation's states and events, supervision's crash window, the phases' errors.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ControlPlane } from '../../src/control/control-plane.js';
import { RdsError } from '../../src/errors.js';
import { fakeControlPlane } from '../../kit/fake-control-plane.js';
import { FakePlacement } from '../../kit/fake-placement.js';

/** The personalities re-applied (major version upgrades), in order. */
const reapplied: string[] = [];
const personality = { digest: 'fake', installTemplate: async () => undefined, reapply: async (_endpoint: unknown, _password: string, name: string) => void reapplied.push(name) };

const controlPlane = (options: { now?: () => number; placement?: FakePlacement } = {}) => fakeControlPlane({ ...options, personality });

/** What a create records here: the fake engine is not the MariaDB an instance reports, and the notice says so. */
const CREATED = ['DB instance created', 'Engine served by MariaDB: mariadb 10.11.19 is served by fake 10.11.19'];

const input = { id: 'db1', engine: 'mariadb' as const, instanceClass: 'db.t3.micro', masterUsername: 'admin', masterUserPassword: 'Secret-pass1' };

async function created(control: ControlPlane, id = 'db1') {
  const record = await control.create({ ...input, id });
  assert.equal(record.status, 'creating');
  await control.settled();
  return control.describe(id)[0]!;
}

describe('control plane on the fake placement', () => {
  test('create: creating, then available with the master user bootstrapped, RDS-EVENT-0005', async () => {
    const { control, placement, events } = controlPlane();
    const record = await created(control);
    assert.equal(record.status, 'available');
    assert.ok(placement.servers.has('db1'), 'its server runs');
    assert.ok(placement.calls.includes('db1: bootstrap'));
    assert.deepEqual(events('db1'), CREATED);
    await assert.rejects(control.create(input), (e: unknown) => e instanceof RdsError && e.code === 'DBInstanceAlreadyExists');
    await control[Symbol.asyncDispose]();
  });

  test('stop, start, reboot: the states RDS shows meanwhile, the server, and the events', async () => {
    const { control, placement, events } = controlPlane();
    await created(control);
    assert.equal((await control.stop('db1')).status, 'stopping');
    await control.settled();
    assert.equal(control.describe('db1')[0]!.status, 'stopped');
    assert.ok(!placement.servers.has('db1'));
    await assert.rejects(control.stop('db1'), /Instance db1 is not in available state \(it is stopped\)/);
    await assert.rejects(control.reboot('db1'), (e: unknown) => e instanceof RdsError && e.code === 'InvalidDBInstanceState');
    assert.equal((await control.start('db1')).status, 'starting');
    await control.settled();
    assert.equal(control.describe('db1')[0]!.status, 'available');
    assert.equal((await control.reboot('db1')).status, 'rebooting');
    await control.settled();
    assert.equal(control.describe('db1')[0]!.status, 'available');
    assert.deepEqual(events('db1'), [...CREATED, 'DB instance stopped', 'DB instance is being started', 'DB instance started', 'DB instance restarted']);
    await control[Symbol.asyncDispose]();
  });

  test('supervision: a crash is restarted with an event; more crashes than allowed within the window: failed', async () => {
    let now = 1_000_000;
    const { control, placement, events } = controlPlane({ now: () => now });
    await created(control);
    await placement.crash('db1');
    await control.settled();
    assert.ok(placement.servers.has('db1'), 'restarted');
    assert.equal(events('db1').at(-1), 'DB instance restarted: recovered after the server ended (SIGSEGV)');
    // Outside the window, crashes do not add up.
    for (let i = 0; i < 6; i++) {
      now += 120_000;
      await placement.crash('db1');
      await control.settled();
    }
    assert.equal(control.describe('db1')[0]!.status, 'available');
    for (let i = 0; i < 6; i++) {
      now += 1_000;
      await placement.crash('db1');
      await control.settled();
    }
    assert.equal(control.describe('db1')[0]!.status, 'failed');
    assert.match(events('db1').at(-1)!, /^DB instance put into failed state: the server ended 6 times within 60 s$/);
    await control[Symbol.asyncDispose]();
  });

  test('a read replica: a copy of its running source, set up to replicate; promoted, it stands alone', async () => {
    const { control, placement, events } = controlPlane();
    await created(control, 'src');
    const replica = await control.createReadReplica({ id: 'rep', sourceId: 'src' });
    assert.equal(replica.replicaOf, 'src');
    await control.settled();
    const record = control.describe('rep')[0]!;
    assert.equal(record.status, 'available');
    assert.equal(record.replication?.status, 'replicating');
    assert.deepEqual(
      placement.calls.filter((c) => !c.includes('bootstrap')),
      ['src: setBackupUser', 'src: setBackupUser', 'rep: rotatePassword', 'src: ensureReplicationUser', 'rep: setupReplica'],
    );
    assert.deepEqual(control.replicasOf('src').map((r) => r.id), ['rep']);
    await control.promote('rep');
    await control.settled();
    assert.equal(control.describe('rep')[0]!.replicaOf, null);
    assert.equal(control.describe('rep')[0]!.replication, undefined);
    assert.ok(placement.calls.includes('rep: promote'));
    assert.ok(events('rep').includes('Read replica promoted to a standalone DB instance'));
    await assert.rejects(control.promote('rep'), /DB Instance rep is not a read replica\./);
    await control[Symbol.asyncDispose]();
  });

  test('delete: a source goes, its replicas become standalone; the files go too', async () => {
    const { control, placement, events } = controlPlane();
    await created(control, 'src');
    await control.createReadReplica({ id: 'rep', sourceId: 'src' });
    await control.settled();
    await assert.rejects(control.delete('src', { skipFinalSnapshot: false }), /FinalDBSnapshotIdentifier is required/);
    assert.equal((await control.delete('src', { skipFinalSnapshot: true })).status, 'deleting');
    await assert.rejects(control.delete('src', { skipFinalSnapshot: true }), /Instance src is already being deleted\./);
    await control.settled();
    assert.throws(() => control.describe('src'), (e: unknown) => e instanceof RdsError && e.code === 'DBInstanceNotFound');
    assert.equal(control.describe('rep')[0]!.replicaOf, null);
    assert.deepEqual(await placement.list(), ['rep']);
    assert.deepEqual(events('src').at(-1), 'DB instance deleted');
    await control[Symbol.asyncDispose]();
  });

  test('engine version: a minor upgrade restarts the server now, or waits for the reboot; a major one only at once', async () => {
    const { control, placement, events } = controlPlane();
    await control.create({ ...input, engineVersion: '10.11.16' });
    await control.settled();
    const before = placement.servers.get('db1');
    assert.equal((await control.modify({ id: 'db1', engineVersion: '10.11.18', applyImmediately: true })).status, 'upgrading');
    await control.settled();
    assert.notEqual(placement.servers.get('db1'), before, 'a new server');
    assert.equal(control.describe('db1')[0]!.engineVersion, '10.11.18');
    assert.deepEqual(events('db1').slice(2), ['The engine version upgrade started.', 'The engine version upgrade finished.: now 10.11.18']);

    const later = await control.modify({ id: 'db1', engineVersion: '10.11.19' });
    assert.equal(later.status, 'available');
    assert.deepEqual([later.engineVersion, later.pendingEngineVersion], ['10.11.18', '10.11.19']);
    await control.reboot('db1');
    await control.settled();
    assert.deepEqual([control.describe('db1')[0]!.engineVersion, control.describe('db1')[0]!.pendingEngineVersion], ['10.11.19', undefined]);

    await assert.rejects(
      control.modify({ id: 'db1', engineVersion: '11.4.13', allowMajorVersionUpgrade: true }),
      /openrds applies a major version upgrade at once: set ApplyImmediately/,
    );
    assert.equal(control.describe('db1')[0]!.status, 'available', 'a refusal changes nothing');
    reapplied.length = 0;
    assert.equal((await control.modify({ id: 'db1', engineVersion: '11.4.13', allowMajorVersionUpgrade: true, applyImmediately: true })).status, 'upgrading');
    await control.settled();
    const upgraded = control.describe('db1')[0]!;
    assert.deepEqual([upgraded.status, upgraded.engineVersion, upgraded.parameterGroup], ['available', '11.4.13', 'default.mariadb11.4']);
    assert.deepEqual(reapplied, [], "MariaDB's majors share one personality: nothing to re-apply");
    await control[Symbol.asyncDispose]();
  });

  test('engine version: a major upgrade of MySQL re-applies the new personality, offline, before the server starts again', async () => {
    const { control, placement } = controlPlane();
    await control.create({ ...input, engine: 'mysql', engineVersion: '5.7' });
    await control.settled();
    reapplied.length = 0;
    await control.modify({ id: 'db1', engineVersion: '8.0', allowMajorVersionUpgrade: true, applyImmediately: true });
    await control.settled();
    const upgraded = control.describe('db1')[0]!;
    assert.deepEqual([upgraded.status, upgraded.engineVersion, upgraded.parameterGroup], ['available', '8.0.46-rds.20260908', 'default.mysql8.0']);
    assert.deepEqual(reapplied, ['mysql8.0']);
    assert.ok(placement.servers.get('db1'), 'running again');
    await control[Symbol.asyncDispose]();
  });

  test('engine version: a source waits for its read replicas to be upgraded first', async () => {
    const { control } = controlPlane();
    await control.create({ ...input, engineVersion: '10.11.16' });
    await control.settled();
    await control.createReadReplica({ id: 'rep', sourceId: 'db1' });
    await control.settled();
    await assert.rejects(
      control.modify({ id: 'db1', engineVersion: '10.11.18' }),
      /DB instance db1 has read replicas that need to be upgraded to 10\.11\.18 first: rep\./,
    );
    await control.modify({ id: 'rep', engineVersion: '10.11.18', applyImmediately: true });
    await control.settled();
    assert.equal((await control.modify({ id: 'db1', engineVersion: '10.11.18', applyImmediately: true })).status, 'upgrading');
    await control.settled();
    assert.deepEqual(control.describe().map((r) => [r.id, r.engineVersion, r.status]), [['db1', '10.11.18', 'available'], ['rep', '10.11.18', 'available']]);
    await control[Symbol.asyncDispose]();
  });

  test('a phase that fails puts the instance in failed, with the phase named in the event', async () => {
    const placement = new FakePlacement();
    placement.provision = async () => {
      throw new Error('disk full');
    };
    const { control, events } = controlPlane({ placement });
    await control.create(input);
    await control.settled();
    assert.equal(control.describe('db1')[0]!.status, 'failed');
    assert.equal(events('db1').at(-1), 'DB instance put into failed state: create failed in template copy: disk full');
    await control[Symbol.asyncDispose]();
  });
});
