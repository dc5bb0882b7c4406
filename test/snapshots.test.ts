/**
 * DB snapshots end to end, through the AWS SDK and the AWS CLI, on real servers: a snapshot of an
 * instance taking writes, restored as an instance of its own that replicates from its source at
 * the binary log position the restore reports (nothing lost, nothing doubled); describe with
 * RDS's filters, copies, tags by ARN, deletion freeing the files, the final snapshot of
 * DeleteDBInstance and the snapshot of StopDBInstance, and snapshots surviving a restart.
 */
import {
  AddTagsToResourceCommand,
  CopyDBSnapshotCommand,
  CreateDBSnapshotCommand,
  DeleteDBInstanceCommand,
  DeleteDBSnapshotCommand,
  DescribeDBSnapshotsCommand,
  DescribeDBSnapshotAttributesCommand,
  ModifyDBSnapshotAttributeCommand,
  ListTagsForResourceCommand,
  RemoveTagsFromResourceCommand,
  CreateDBSubnetGroupCommand,
  RestoreDBInstanceFromDBSnapshotCommand,
  StopDBInstanceCommand,
  waitUntilDBSnapshotAvailable,
  type DBInstance,
  type DBSnapshot,
  type DescribeDBSnapshotsCommandInput,
  type RDSClient,
} from '@aws-sdk/client-rds';
import assert from 'node:assert/strict';
import { rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { after, before, describe, test } from 'node:test';
import type { Connection, RowDataPacket } from 'mysql2/promise';
import { describeOne, rdsFailure, waitForStatus } from '../kit/api.js';
import { awsRds, openrdsCli } from '../kit/clients.js';
import { eventually, waitFor } from '../kit/poll.js';
import { createInstance, eventMessages } from './support/cluster.js';
import { answer } from './support/procedures-family.js';
import { connectTo, startTestService, type TestService } from './support/service.js';

const PASSWORD = 'Secret-pass1';
const REPL_PASSWORD = 'Repl-pass1';

async function snapshotOf(rds: RDSClient, id: string): Promise<DBSnapshot> {
  return (await rds.send(new DescribeDBSnapshotsCommand({ DBSnapshotIdentifier: id }))).DBSnapshots![0]!;
}

async function waitForSnapshot(rds: RDSClient, id: string): Promise<DBSnapshot> {
  await waitUntilDBSnapshotAvailable({ client: rds, maxWaitTime: 120, minDelay: 1, maxDelay: 1 }, { DBSnapshotIdentifier: id });
  return snapshotOf(rds, id);
}

/** The ids of items, as one string: equal strings are equal tables. */
async function ids(conn: Connection): Promise<string> {
  const [[row]] = await conn.query<RowDataPacket[]>('SELECT COUNT(*) AS n, COALESCE(MAX(id), 0) AS top, MD5(COALESCE(GROUP_CONCAT(id ORDER BY id), \'\')) AS h FROM app.items');
  return `${row!.n} rows, top ${row!.top}, ${row!.h}`;
}

describe('DB snapshots on real servers', () => {
  let t: TestService;
  let source: DBInstance;
  let conn: Connection & AsyncDisposable;
  let restartedHome: string | undefined;

  before(async () => {
    t = await startTestService();
    source = await createInstance(t.rds, 'snapsrc', PASSWORD, { Tags: [{ Key: 'team', Value: 'db' }], CopyTagsToSnapshot: true });
    conn = await connectTo(source, 'admin', PASSWORD, { database: 'app' });
    await conn.query('SET SESSION group_concat_max_len = 16777216');
    await conn.query('CREATE TABLE app.items (id INT PRIMARY KEY, note VARCHAR(64))');
    await conn.query("INSERT INTO app.items SELECT seq, CONCAT('before ', seq) FROM seq_1_to_2000");
    await conn.query(`CREATE USER 'repl'@'%' IDENTIFIED BY '${REPL_PASSWORD}'`);
    await conn.query("GRANT REPLICATION SLAVE ON *.* TO 'repl'@'%'");
  });
  after(async () => {
    await conn?.end();
    await t?.[Symbol.asyncDispose]();
    if (restartedHome) await rm(restartedHome, { recursive: true, force: true });
  });

  test('a snapshot of an instance taking writes is consistent, restores as its own instance, and replicates from the position it reports', async () => {
    let writing = true;
    let next = 2001;
    const writer = (async () => {
      while (writing) await conn.query('INSERT INTO app.items VALUES (?, ?)', [next, `during ${next++}`]);
    })();
    const started = performance.now();
    const created = await t.rds.send(new CreateDBSnapshotCommand({ DBSnapshotIdentifier: 'Snap1', DBInstanceIdentifier: 'snapsrc' }));
    assert.equal(created.DBSnapshot?.DBSnapshotIdentifier, 'snap1', 'identifiers are stored in lower case');
    assert.equal(created.DBSnapshot?.Status, 'creating');
    assert.equal((await describeOne(t.rds, 'snapsrc')).DBInstanceStatus, 'backing-up');
    const snap = await waitForSnapshot(t.rds, 'snap1');
    const createMs = performance.now() - started;
    writing = false;
    await writer;
    assert.ok(next > 2001, 'the instance took writes during the snapshot');
    console.log(`CreateDBSnapshot of a small instance under writes: ${createMs.toFixed(0)} ms to available`);

    const instance = await waitForStatus(t.rds, 'snapsrc', 'available');
    assert.equal(snap.Status, 'available');
    assert.equal(snap.PercentProgress, 100);
    assert.equal(snap.SnapshotType, 'manual');
    assert.equal(snap.DBInstanceIdentifier, 'snapsrc');
    assert.equal(snap.Engine, 'mariadb');
    assert.equal(snap.EngineVersion, instance.EngineVersion);
    assert.equal(snap.AllocatedStorage, instance.AllocatedStorage);
    assert.equal(snap.Port, instance.Endpoint?.Port);
    assert.equal(snap.MasterUsername, 'admin');
    assert.equal(snap.StorageType, 'gp2');
    assert.equal(snap.DbiResourceId, instance.DbiResourceId);
    assert.equal(snap.InstanceCreateTime?.toISOString(), instance.InstanceCreateTime?.toISOString());
    assert.ok(snap.SnapshotCreateTime instanceof Date);
    assert.equal(snap.DBSnapshotArn, 'arn:aws:rds:us-east-1:000000000000:snapshot:snap1');
    assert.deepEqual(snap.TagList, [{ Key: 'team', Value: 'db' }], 'CopyTagsToSnapshot gave it the instance’s tags');
    const messages = await eventMessages(t.rds, 'snapsrc');
    assert.ok(messages.includes('Backing up DB instance') && messages.includes('Finished DB Instance backup'), messages.join('; '));

    await t.rds.send(new CreateDBSubnetGroupCommand({ DBSubnetGroupName: 'restored', DBSubnetGroupDescription: 'restores', SubnetIds: ['subnet-0a1b2c3d'] }));
    const restoreStarted = performance.now();
    const restoring = await t.rds.send(
      new RestoreDBInstanceFromDBSnapshotCommand({
        DBInstanceIdentifier: 'snaprest',
        DBSnapshotIdentifier: 'snap1',
        DBInstanceClass: 'db.t3.small',
        DBSubnetGroupName: 'restored',
        OptionGroupName: 'default:mariadb-10-11',
        AllocatedStorage: 40,
        BackupRetentionPeriod: 0,
        PreferredBackupWindow: '02:00-02:30',
        CACertificateIdentifier: 'rds-ca-ecc384-g1',
      }),
    );
    assert.equal(restoring.DBInstance?.DBInstanceStatus, 'creating');
    const restored = await waitForStatus(t.rds, 'snaprest', 'available', 120_000);
    console.log(`RestoreDBInstanceFromDBSnapshot: ${(performance.now() - restoreStarted).toFixed(0)} ms to available`);
    assert.notEqual(restored.Endpoint?.Port, instance.Endpoint?.Port, 'a port of its own');
    assert.equal(restored.EngineVersion, snap.EngineVersion);
    assert.equal(restored.DBInstanceClass, 'db.t3.small');
    assert.equal(snap.AllocatedStorage, 20);
    assert.deepEqual(
      [restored.AllocatedStorage, restored.BackupRetentionPeriod, restored.PreferredBackupWindow, restored.CACertificateIdentifier],
      [40, 0, '02:00-02:30', 'rds-ca-ecc384-g1'],
      "the request's storage, retention (RDS's default is 1), backup window and CA",
    );
    assert.equal(restored.DBSubnetGroup?.DBSubnetGroupName, 'restored');
    assert.deepEqual(restored.OptionGroupMemberships?.map((m) => m.OptionGroupName), ['default:mariadb-10-11']);
    assert.equal(restored.MasterUsername, 'admin');
    assert.equal(restored.ReadReplicaSourceDBInstanceIdentifier, undefined);
    assert.deepEqual(restored.TagList, [{ Key: 'team', Value: 'db' }], 'the snapshot’s tags');
    const restoredEvents = await eventMessages(t.rds, 'snaprest');
    assert.ok(restoredEvents.includes('Restored from snapshot snap1'), restoredEvents.join('; '));
    const position = restoredEvents.map((m) => /^Binlog position from crash recovery is (\S+) (\d+)$/.exec(m)).find(Boolean);
    assert.ok(position, `the binlog position is reported: ${restoredEvents.join('; ')}`);

    await using copy = await connectTo(restored, 'admin', PASSWORD);
    await copy.query('SET SESSION group_concat_max_len = 16777216');
    const [[got]] = await copy.query<RowDataPacket[]>('SELECT COUNT(*) AS n, MAX(id) AS top FROM app.items');
    assert.ok(Number(got!.n) >= 2000, 'everything written before the snapshot');
    assert.equal(Number(got!.n), Number(got!.top), 'no transaction is torn or missing: ids 1..n');
    assert.ok(Number(got!.top) < next, 'what was written after the copy is not there');
    const [[ro]] = await copy.query<RowDataPacket[]>('SELECT @@read_only AS ro');
    assert.equal(ro!.ro, 0);

    // From the reported position, the restored instance replicates the rest: nothing lost, nothing doubled.
    const { Address, Port } = instance.Endpoint!;
    assert.equal(
      await answer(copy, 'CALL mysql.rds_set_external_master(?, ?, ?, ?, ?, ?, 0)', [Address, Port, 'repl', REPL_PASSWORD, position[1], Number(position[2])]),
      '',
    );
    assert.equal(await answer(copy, 'CALL mysql.rds_start_replication'), 'Slave running normally.');
    await conn.query("INSERT INTO app.items VALUES (1000000, 'after')");
    const want = await ids(conn);
    await waitFor('the restored instance to catch up with its source', async () => (await ids(copy)) === want, { timeoutMs: 30_000, intervalMs: 100 });
    assert.equal(await answer(copy, 'CALL mysql.rds_stop_replication'), 'Slave is down or disabled');
    assert.equal(await answer(copy, 'CALL mysql.rds_reset_external_master'), 'Slave has been reset');
  });

  test("RDS's refusals: a taken name, an unknown instance or snapshot, a bad name, an instance that is not available", async () => {
    const taken = await rdsFailure(t.rds.send(new CreateDBSnapshotCommand({ DBSnapshotIdentifier: 'snap1', DBInstanceIdentifier: 'snapsrc' })));
    assert.deepEqual([taken.code, taken.message], ['DBSnapshotAlreadyExists', 'Cannot create the snapshot because a snapshot with the identifier snap1 already exists.']);
    const noInstance = await rdsFailure(t.rds.send(new CreateDBSnapshotCommand({ DBSnapshotIdentifier: 'x1', DBInstanceIdentifier: 'nope' })));
    assert.deepEqual([noInstance.code, noInstance.status], ['DBInstanceNotFound', 404]);
    const badName = await rdsFailure(t.rds.send(new CreateDBSnapshotCommand({ DBSnapshotIdentifier: '1-bad--name', DBInstanceIdentifier: 'snapsrc' })));
    assert.equal(badName.code, 'InvalidParameterValue');
    assert.match(badName.message, /^The parameter DBSnapshotIdentifier is not a valid identifier/);
    const missing = await rdsFailure(t.rds.send(new DescribeDBSnapshotsCommand({ DBSnapshotIdentifier: 'nope' })));
    assert.deepEqual([missing.code, missing.status, missing.message], ['DBSnapshotNotFound', 404, 'DBSnapshot nope not found.']);
    const noFinal = await rdsFailure(t.rds.send(new DeleteDBInstanceCommand({ DBInstanceIdentifier: 'snaprest' })));
    assert.deepEqual([noFinal.code, noFinal.message], ['InvalidParameterCombination', 'FinalDBSnapshotIdentifier is required unless SkipFinalSnapshot is specified.']);
    assert.equal((await rdsFailure(t.rds.send(new RestoreDBInstanceFromDBSnapshotCommand({ DBInstanceIdentifier: 'x2', DBSnapshotIdentifier: 'nope' })))).code, 'DBSnapshotNotFound');
    const dbName = await rdsFailure(t.rds.send(new RestoreDBInstanceFromDBSnapshotCommand({ DBInstanceIdentifier: 'x2', DBSnapshotIdentifier: 'snap1', DBName: 'other' })));
    assert.equal(dbName.code, 'InvalidParameterValue');
    const option = await rdsFailure(t.rds.send(new RestoreDBInstanceFromDBSnapshotCommand({ DBInstanceIdentifier: 'x2', DBSnapshotIdentifier: 'snap1', OptionGroupName: 'mine' })));
    assert.equal(option.code, 'OptionGroupNotFoundFault');
    const taken2 = await rdsFailure(t.rds.send(new RestoreDBInstanceFromDBSnapshotCommand({ DBInstanceIdentifier: 'snapsrc', DBSnapshotIdentifier: 'snap1' })));
    assert.equal(taken2.code, 'DBInstanceAlreadyExists');
    // snap1 and snapsrc exist here: another account's ARN of those names is not taken for them
    const otherSnapshot = 'arn:aws:rds:us-east-1:111122223333:snapshot:snap1';
    const foreign = await rdsFailure(t.rds.send(new RestoreDBInstanceFromDBSnapshotCommand({ DBInstanceIdentifier: 'x2', DBSnapshotIdentifier: otherSnapshot })));
    assert.deepEqual([foreign.code, foreign.message], ['DBSnapshotNotFound', `DBSnapshot ${otherSnapshot} not found.`]);
    const otherInstance = 'arn:aws:rds:us-east-1:111122223333:db:snapsrc';
    const foreignSource = await rdsFailure(t.rds.send(new DescribeDBSnapshotsCommand({ DBInstanceIdentifier: otherInstance })));
    assert.deepEqual([foreignSource.code, foreignSource.message], ['DBInstanceNotFound', `DBInstance ${otherInstance} not found.`]);
    assert.equal((await rdsFailure(describeOne(t.rds, 'x2'))).code, 'DBInstanceNotFound', 'nothing was created');
  });

  test('describe: by instance, by name or ARN, RDS’s filters and types; copies, tags by ARN', async () => {
    const copied = await t.rds.send(new CopyDBSnapshotCommand({ SourceDBSnapshotIdentifier: 'arn:aws:rds:us-east-1:000000000000:snapshot:snap1', TargetDBSnapshotIdentifier: 'snap1-copy', CopyTags: true, Tags: [{ Key: 'copy', Value: 'yes' }] }));
    assert.equal(copied.DBSnapshot?.Status, 'creating');
    const copy = await waitForSnapshot(t.rds, 'snap1-copy');
    assert.equal(copy.SourceDBSnapshotIdentifier, 'arn:aws:rds:us-east-1:000000000000:snapshot:snap1');
    assert.deepEqual(copy.TagList, [{ Key: 'team', Value: 'db' }, { Key: 'copy', Value: 'yes' }]);
    assert.equal(copy.OriginalSnapshotCreateTime?.toISOString(), (await snapshotOf(t.rds, 'snap1')).SnapshotCreateTime?.toISOString());

    const names = async (input: DescribeDBSnapshotsCommandInput) =>
      ((await t.rds.send(new DescribeDBSnapshotsCommand(input))).DBSnapshots ?? []).map((s) => s.DBSnapshotIdentifier);
    assert.deepEqual(await names({ DBInstanceIdentifier: 'snapsrc' }), ['snap1', 'snap1-copy']);
    assert.deepEqual(await names({ DBInstanceIdentifier: 'snaprest' }), []);
    assert.deepEqual(await names({ SnapshotType: 'automated' }), []);
    assert.deepEqual(await names({ SnapshotType: 'manual', Filters: [{ Name: 'db-snapshot-id', Values: ['SNAP1-COPY'] }] }), ['snap1-copy']);
    assert.deepEqual(await names({ Filters: [{ Name: 'engine', Values: ['mysql'] }] }), []);
    assert.deepEqual(await names({ Filters: [{ Name: 'dbi-resource-id', Values: [source.DbiResourceId!] }, { Name: 'snapshot-type', Values: ['manual'] }] }), ['snap1', 'snap1-copy']);
    assert.equal((await rdsFailure(t.rds.send(new DescribeDBSnapshotsCommand({ Filters: [{ Name: 'status', Values: ['x'] }] })))).code, 'InvalidParameterValue');
    const page = await rdsFailure(t.rds.send(new DescribeDBSnapshotsCommand({ MaxRecords: 5 })));
    assert.match(page.message, /MaxRecords/);

    const arn = 'arn:aws:rds:us-east-1:000000000000:snapshot:snap1-copy';
    await t.rds.send(new AddTagsToResourceCommand({ ResourceName: arn, Tags: [{ Key: 'copy', Value: 'no' }, { Key: 'env', Value: 'test' }] }));
    await t.rds.send(new RemoveTagsFromResourceCommand({ ResourceName: arn, TagKeys: ['team'] }));
    const { TagList } = await t.rds.send(new ListTagsForResourceCommand({ ResourceName: arn }));
    assert.deepEqual(TagList, [{ Key: 'copy', Value: 'no' }, { Key: 'env', Value: 'test' }]);
  });

  test('sharing (the restore attribute): the AWS CLI and the SDK, RDS’s refusals, public and shared types, copies start unshared', async () => {
    const shared = JSON.parse(
      await awsRds(t.service.endpoint, ['modify-db-snapshot-attribute', '--db-snapshot-identifier', 'snap1', '--attribute-name', 'restore', '--values-to-add', '123456789012', 'all', '--output', 'json']),
    );
    assert.deepEqual(shared, { DBSnapshotAttributesResult: { DBSnapshotIdentifier: 'snap1', DBSnapshotAttributes: [{ AttributeName: 'restore', AttributeValues: ['123456789012', 'all'] }] } });
    const described = JSON.parse(await awsRds(t.service.endpoint, ['describe-db-snapshot-attributes', '--db-snapshot-identifier', 'snap1', '--output', 'json']));
    assert.deepEqual(described.DBSnapshotAttributesResult.DBSnapshotAttributes, [{ AttributeName: 'restore', AttributeValues: ['123456789012', 'all'] }]);

    const names = async (input: DescribeDBSnapshotsCommandInput) =>
      ((await t.rds.send(new DescribeDBSnapshotsCommand(input))).DBSnapshots ?? []).map((s) => s.DBSnapshotIdentifier);
    assert.deepEqual(await names({ SnapshotType: 'public' }), ['snap1'], 'public: shared with all');
    assert.deepEqual(await names({ SnapshotType: 'shared' }), [], 'no other account shares snapshots with this one');
    assert.deepEqual(await names({ Filters: [{ Name: 'snapshot-type', Values: ['public'] }] }), ['snap1']);
    assert.deepEqual(await names({ DBInstanceIdentifier: 'snapsrc', IncludeShared: true, IncludePublic: true }), ['snap1', 'snap1-copy'], 'a public snapshot of this account is listed once');
    assert.equal((await snapshotOf(t.rds, 'snap1')).SnapshotType, 'manual');

    const modify = (input: Partial<ConstructorParameters<typeof ModifyDBSnapshotAttributeCommand>[0]>) =>
      rdsFailure(t.rds.send(new ModifyDBSnapshotAttributeCommand({ DBSnapshotIdentifier: 'snap1', AttributeName: 'restore', ...input })));
    const attribute = await modify({ AttributeName: 'copy', ValuesToAdd: ['123456789012'] });
    assert.equal(attribute.code, 'InvalidParameterValue');
    assert.match(attribute.message, /copy/);
    const account = await modify({ ValuesToAdd: ['12345'] });
    assert.deepEqual([account.code, account.message], ['InvalidParameterValue', '12345 is not a valid AWS account identifier: give 12 digits, or all.']);
    const many = Array.from({ length: 20 }, (_, i) => String(200000000000 + i));
    const quota = await modify({ ValuesToAdd: many });
    assert.deepEqual([quota.code, quota.status], ['SharedSnapshotQuotaExceeded', 400], '21 accounts');
    const automated = await modify({ DBSnapshotIdentifier: 'rds:snapsrc-2026-01-05-03-00', ValuesToAdd: ['123456789012'] });
    assert.equal(automated.code, 'InvalidParameterValue', 'an automated snapshot cannot be shared');
    assert.match(automated.message, /^The parameter DBSnapshotIdentifier is not a valid identifier/);
    assert.equal((await modify({ DBSnapshotIdentifier: 'nope', ValuesToAdd: ['123456789012'] })).code, 'DBSnapshotNotFound');
    const noAttributes = await rdsFailure(t.rds.send(new DescribeDBSnapshotAttributesCommand({ DBSnapshotIdentifier: 'rds:snapsrc-2026-01-05-03-00' })));
    assert.equal(noAttributes.code, 'DBSnapshotNotFound', 'an automated identifier is accepted by Describe');
    await t.rds.send(new CreateDBSnapshotCommand({ DBInstanceIdentifier: 'snapsrc', DBSnapshotIdentifier: 'share-wip' }));
    const creating = await modify({ DBSnapshotIdentifier: 'share-wip', ValuesToAdd: ['123456789012'] });
    assert.deepEqual([creating.code, creating.message], ['InvalidDBSnapshotState', 'DBSnapshot share-wip is not in available state.']);
    const unchanged = await t.rds.send(new DescribeDBSnapshotAttributesCommand({ DBSnapshotIdentifier: 'snap1' }));
    assert.deepEqual(unchanged.DBSnapshotAttributesResult?.DBSnapshotAttributes?.[0]?.AttributeValues, ['123456789012', 'all'], 'a refused change changes nothing');

    // A copy starts unshared; the share goes with its snapshot.
    await waitForSnapshot(t.rds, 'share-wip');
    await t.rds.send(new CopyDBSnapshotCommand({ SourceDBSnapshotIdentifier: 'snap1', TargetDBSnapshotIdentifier: 'share-copy' }));
    await waitForSnapshot(t.rds, 'share-copy');
    const copyAttributes = await t.rds.send(new DescribeDBSnapshotAttributesCommand({ DBSnapshotIdentifier: 'share-copy' }));
    assert.deepEqual(copyAttributes.DBSnapshotAttributesResult?.DBSnapshotAttributes, [{ AttributeName: 'restore', AttributeValues: [] }]);
    await t.rds.send(new ModifyDBSnapshotAttributeCommand({ DBSnapshotIdentifier: 'share-wip', AttributeName: 'restore', ValuesToAdd: ['all'] }));
    for (const id of ['share-wip', 'share-copy']) await t.rds.send(new DeleteDBSnapshotCommand({ DBSnapshotIdentifier: id }));
    assert.equal((await rdsFailure(t.rds.send(new DescribeDBSnapshotAttributesCommand({ DBSnapshotIdentifier: 'share-wip' })))).code, 'DBSnapshotNotFound');
    assert.deepEqual(await names({ SnapshotType: 'public' }), ['snap1']);

    // Removing `all` makes snap1 private again; the account stays (after the restart too: the last test checks).
    const removed = await t.rds.send(new ModifyDBSnapshotAttributeCommand({ DBSnapshotIdentifier: 'snap1', AttributeName: 'restore', ValuesToRemove: ['all'] }));
    assert.deepEqual(removed.DBSnapshotAttributesResult?.DBSnapshotAttributes?.[0]?.AttributeValues, ['123456789012']);
    assert.deepEqual(await names({ SnapshotType: 'public' }), []);
  });

  test('the AWS CLI: create, wait, describe, delete and wait; a deleted snapshot’s files are gone', async () => {
    await awsRds(t.service.endpoint, ['create-db-snapshot', '--db-instance-identifier', 'snapsrc', '--db-snapshot-identifier', 'cli-snap']);
    await waitForSnapshot(t.rds, 'cli-snap');
    await awsRds(t.service.endpoint, ['wait', 'db-snapshot-available', '--db-snapshot-identifier', 'cli-snap']);
    const described = JSON.parse(await awsRds(t.service.endpoint, ['describe-db-snapshots', '--db-instance-identifier', 'snapsrc', '--output', 'json']));
    assert.deepEqual(described.DBSnapshots.map((s: DBSnapshot) => s.DBSnapshotIdentifier), ['cli-snap', 'snap1', 'snap1-copy']);
    const listed = await openrdsCli(['--endpoint', t.service.endpoint, 'snapshots', 'snapsrc']);
    assert.equal(listed.code, 0, listed.stderr);
    assert.match(listed.stdout, /^SNAPSHOT\s+INSTANCE\s+STATUS\s+PROGRESS\s+ENGINE\s+CREATED$/m);
    assert.match(listed.stdout, /^cli-snap\s+snapsrc\s+available\s+100%\s+mariadb \d+\.\d+\.\d+\s+\d{4}-/m);
    const files = join(t.home, 'snapshots', 'cli-snap');
    assert.ok((await stat(files)).isDirectory(), 'the snapshot’s files are under the state directory');
    const deleted = JSON.parse(await awsRds(t.service.endpoint, ['delete-db-snapshot', '--db-snapshot-identifier', 'cli-snap', '--output', 'json']));
    assert.equal(deleted.DBSnapshot.Status, 'deleted');
    await awsRds(t.service.endpoint, ['wait', 'db-snapshot-deleted', '--db-snapshot-identifier', 'cli-snap']);
    await assert.rejects(stat(files), /ENOENT/, 'its space is freed');
    assert.equal((await rdsFailure(t.rds.send(new DeleteDBSnapshotCommand({ DBSnapshotIdentifier: 'cli-snap' })))).code, 'DBSnapshotNotFound');
  });

  test('StopDBInstance with a snapshot, DeleteDBInstance with a final snapshot; refused when the instance is not available', async () => {
    const stopping = await t.rds.send(new StopDBInstanceCommand({ DBInstanceIdentifier: 'snaprest', DBSnapshotIdentifier: 'before-stop' }));
    assert.equal(stopping.DBInstance?.DBInstanceStatus, 'stopping');
    await waitForStatus(t.rds, 'snaprest', 'stopped', 120_000);
    assert.equal((await snapshotOf(t.rds, 'before-stop')).Status, 'available', 'the snapshot was taken before the stop');
    const stoppedFinal = await rdsFailure(t.rds.send(new DeleteDBInstanceCommand({ DBInstanceIdentifier: 'snaprest', FinalDBSnapshotIdentifier: 'never' })));
    assert.deepEqual([stoppedFinal.code, stoppedFinal.message], ['InvalidDBInstanceState', 'Cannot create a snapshot because the database instance snaprest is not currently in the available state.']);
    await t.rds.send(new DeleteDBInstanceCommand({ DBInstanceIdentifier: 'snaprest', SkipFinalSnapshot: true }));

    await conn.query("INSERT INTO app.items VALUES (2000000, 'last')");
    const want = await ids(conn);
    const deleting = await t.rds.send(new DeleteDBInstanceCommand({ DBInstanceIdentifier: 'snapsrc', FinalDBSnapshotIdentifier: 'snapsrc-final' }));
    assert.equal(deleting.DBInstance?.DBInstanceStatus, 'deleting');
    await eventually('snapsrc to be deleted', async () => (await rdsFailure(describeOne(t.rds, 'snapsrc'))).code === 'DBInstanceNotFound', { timeoutMs: 120_000, intervalMs: 100 });
    const final = await snapshotOf(t.rds, 'snapsrc-final');
    assert.equal(final.Status, 'available');
    assert.equal(final.DBInstanceIdentifier, 'snapsrc');

    // Snapshots outlive their instance and a restart of openrds.
    const home = (restartedHome = t.home);
    await conn.end();
    await t.service[Symbol.asyncDispose]();
    t = await startTestService({ home });
    const after = ((await t.rds.send(new DescribeDBSnapshotsCommand({}))).DBSnapshots ?? []).map((s) => `${s.DBSnapshotIdentifier} ${s.Status}`);
    assert.deepEqual(after, ['before-stop available', 'snap1 available', 'snap1-copy available', 'snapsrc-final available']);
    const kept = await t.rds.send(new DescribeDBSnapshotAttributesCommand({ DBSnapshotIdentifier: 'snap1' }));
    assert.deepEqual(kept.DBSnapshotAttributesResult?.DBSnapshotAttributes?.[0]?.AttributeValues, ['123456789012'], 'the share survives a restart');
    await t.rds.send(new RestoreDBInstanceFromDBSnapshotCommand({ DBInstanceIdentifier: 'snapsrc', DBSnapshotIdentifier: 'snapsrc-final' }));
    const back = await waitForStatus(t.rds, 'snapsrc', 'available', 120_000);
    conn = await connectTo(back, 'admin', PASSWORD);
    await conn.query('SET SESSION group_concat_max_len = 16777216');
    assert.equal(await ids(conn), want, 'the final snapshot has every write the instance took');
  });
});
