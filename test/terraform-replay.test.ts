/**
 * Terraform without Terraform (it cannot be installed here): the calls the hashicorp/aws
 * provider makes for aws_db_parameter_group and aws_db_instance, in its order, through the AWS
 * SDK, asserting what the provider reads back (rds-api-clients.md lists the sequences): a group
 * created with tags, read with ListTagsForResource and DescribeDBParameters Source=user, changed
 * 20 parameters a call, removed parameters reset, deleted (refused while in use); an instance
 * created, read by the dbi-resource-id filter (Terraform's id), updated, a replica created,
 * re-grouped and rebooted, then promoted, deletes with SkipFinalSnapshot, with a final snapshot,
 * and through deletion protection.
 */
import {
  AddTagsToResourceCommand,
  CreateDBInstanceCommand,
  CreateDBInstanceReadReplicaCommand,
  CreateDBParameterGroupCommand,
  DeleteDBInstanceCommand,
  DeleteDBParameterGroupCommand,
  DescribeDBInstancesCommand,
  DescribeDBParameterGroupsCommand,
  DescribeDBParametersCommand,
  DescribeDBSnapshotsCommand,
  DescribeEngineDefaultParametersCommand,
  ListTagsForResourceCommand,
  ModifyDBInstanceCommand,
  ModifyDBParameterGroupCommand,
  PromoteReadReplicaCommand,
  RebootDBInstanceCommand,
  RemoveTagsFromResourceCommand,
  ResetDBParameterGroupCommand,
  type DBInstance,
  type Parameter,
  type RDSClient,
} from '@aws-sdk/client-rds';
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { rdsFailure, waitForStatus } from '../kit/api.js';
import { eventually, waitFor } from '../kit/poll.js';
import { startTestService, type TestService } from './support/service.js';

const PASSWORD = 'Terraform-pass1';
const GROUP = 'tf-params';
const GROUP_ARN = `arn:aws:rds:us-east-1:000000000000:pg:${GROUP}`;

/** The provider's read of an instance: DescribeDBInstances filtered by its resource id (Terraform's id), exactly one. */
async function readByResourceId(rds: RDSClient, resourceId: string): Promise<DBInstance> {
  const out = await rds.send(new DescribeDBInstancesCommand({ Filters: [{ Name: 'dbi-resource-id', Values: [resourceId] }] }));
  assert.equal(out.DBInstances?.length, 1, `one instance has ${resourceId}`);
  return out.DBInstances![0]!;
}

/** The provider's wait after a delete: until DescribeDBInstances answers DBInstanceNotFound. */
async function waitUntilGone(rds: RDSClient, id: string): Promise<void> {
  await eventually(
    `${id} to be gone`,
    async () => (await rdsFailure(rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: id })))).code === 'DBInstanceNotFound',
    { timeoutMs: 60_000, intervalMs: 50 },
  );
}

const tagsOf = async (rds: RDSClient, arn: string) =>
  ((await rds.send(new ListTagsForResourceCommand({ ResourceName: arn }))).TagList ?? []).map((t) => `${t.Key}=${t.Value}`).sort();

describe("Terraform's call sequences, replayed through the SDK", () => {
  let t: TestService;
  /** Parameters Terraform's configuration sets: 22 modifiable dynamic ones, at their family defaults. */
  let configured: Parameter[];

  before(async () => {
    t = await startTestService();
    const defaults: Parameter[] = [];
    let marker: string | undefined;
    do {
      const page = await t.rds.send(new DescribeEngineDefaultParametersCommand({ DBParameterGroupFamily: 'mariadb10.11', Marker: marker }));
      defaults.push(...(page.EngineDefaults?.Parameters ?? []));
      marker = page.EngineDefaults?.Marker;
    } while (marker);
    configured = defaults
      .filter((p) => p.IsModifiable && p.ApplyType === 'dynamic' && p.ParameterValue !== undefined && !p.ParameterValue.includes('{'))
      .filter((p) => p.ParameterName !== 'read_only')
      .slice(0, 22);
    assert.equal(configured.length, 22, 'enough parameters for two ModifyDBParameterGroup calls');
  });
  after(() => t?.[Symbol.asyncDispose]());

  test('aws_db_parameter_group: create with tags, read, modify 20 a call, reset the removed ones, tag changes', async () => {
    // Create, then the read the provider does after every change.
    await t.rds.send(new CreateDBParameterGroupCommand({
      DBParameterGroupName: GROUP, DBParameterGroupFamily: 'mariadb10.11', Description: 'Managed by Terraform', Tags: [{ Key: 'env', Value: 'ci' }],
    }));
    const read = async () => {
      const group = (await t.rds.send(new DescribeDBParameterGroupsCommand({ DBParameterGroupName: GROUP }))).DBParameterGroups![0]!;
      assert.equal(group.DBParameterGroupArn, GROUP_ARN);
      const user: string[] = [];
      let marker: string | undefined;
      do {
        const page = await t.rds.send(new DescribeDBParametersCommand({ DBParameterGroupName: GROUP, Source: 'user', Marker: marker }));
        user.push(...(page.Parameters ?? []).map((p) => `${p.ParameterName}=${p.ParameterValue}`));
        marker = page.Marker;
      } while (marker);
      return { group, user: user.sort(), tags: await tagsOf(t.rds, GROUP_ARN) };
    };
    const created = await read();
    assert.deepEqual([created.group.DBParameterGroupFamily, created.group.Description], ['mariadb10.11', 'Managed by Terraform']);
    assert.deepEqual(created.user, []);
    assert.deepEqual(created.tags, ['env=ci']);

    // The provider sends the configured parameters 20 at a time.
    for (let i = 0; i < configured.length; i += 20) {
      const chunk = configured.slice(i, i + 20).map((p) => ({ ParameterName: p.ParameterName, ParameterValue: p.ParameterValue, ApplyMethod: 'immediate' as const }));
      const out = await t.rds.send(new ModifyDBParameterGroupCommand({ DBParameterGroupName: GROUP, Parameters: chunk }));
      assert.equal(out.DBParameterGroupName, GROUP);
    }
    const want = configured.map((p) => `${p.ParameterName}=${p.ParameterValue}`).sort();
    assert.deepEqual((await read()).user, want, 'every configured parameter reads back as the user’s, with its value');

    // Two parameters removed from the configuration: ResetDBParameterGroup names them.
    const removed = configured.slice(20);
    await t.rds.send(new ResetDBParameterGroupCommand({
      DBParameterGroupName: GROUP, Parameters: removed.map((p) => ({ ParameterName: p.ParameterName, ApplyMethod: 'immediate' })),
    }));
    assert.deepEqual((await read()).user, want.filter((w) => !removed.some((p) => w.startsWith(`${p.ParameterName}=`))));

    await t.rds.send(new AddTagsToResourceCommand({ ResourceName: GROUP_ARN, Tags: [{ Key: 'owner', Value: 'dba' }] }));
    await t.rds.send(new RemoveTagsFromResourceCommand({ ResourceName: GROUP_ARN, TagKeys: ['env'] }));
    assert.deepEqual((await read()).tags, ['owner=dba']);
  });

  test('aws_db_instance: create, read by dbi-resource-id, update; a replica created, re-grouped, rebooted, promoted; deletes', async () => {
    // Create, then poll until available (the provider's waiter).
    await t.rds.send(new CreateDBInstanceCommand({
      DBInstanceIdentifier: 'tf-db', Engine: 'mariadb', EngineVersion: '10.11', DBInstanceClass: 'db.t3.micro', AllocatedStorage: 20,
      MasterUsername: 'admin', MasterUserPassword: PASSWORD, DBName: 'app', DBParameterGroupName: GROUP, BackupRetentionPeriod: 1,
      PreferredBackupWindow: '03:00-03:30', PreferredMaintenanceWindow: 'sun:05:00-sun:05:30', StorageType: 'gp3', CopyTagsToSnapshot: true,
      PubliclyAccessible: false, StorageEncrypted: false, MultiAZ: false, Tags: [{ Key: 'Name', Value: 'tf-db' }],
    }));
    const createdDb = await waitForStatus(t.rds, 'tf-db', 'available', 60_000);
    let db = await readByResourceId(t.rds, createdDb.DbiResourceId!);
    assert.ok(db.EngineVersion!.startsWith('10.11'), `no perpetual diff on engine_version: ${db.EngineVersion}`);
    assert.equal(db.DBParameterGroups?.[0]?.DBParameterGroupName, GROUP);
    assert.deepEqual(db.TagList, [{ Key: 'Name', Value: 'tf-db' }]);
    assert.deepEqual([db.PreferredBackupWindow, db.PreferredMaintenanceWindow, db.StorageType], ['03:00-03:30', 'sun:05:00-sun:05:30', 'gp3']);
    assert.deepEqual(db.OptionGroupMemberships, [{ OptionGroupName: 'default:mariadb-10-11', Status: 'in-sync' }]);

    // Update in place, then tag changes, then the read.
    await t.rds.send(new ModifyDBInstanceCommand({
      DBInstanceIdentifier: 'tf-db', ApplyImmediately: true, MaxAllocatedStorage: 100, PreferredMaintenanceWindow: 'mon:05:00-mon:05:30', DeletionProtection: true,
    }));
    await t.rds.send(new AddTagsToResourceCommand({ ResourceName: db.DBInstanceArn, Tags: [{ Key: 'team', Value: 'data' }] }));
    db = await readByResourceId(t.rds, createdDb.DbiResourceId!);
    assert.deepEqual([db.MaxAllocatedStorage, db.PreferredMaintenanceWindow, db.DeletionProtection], [100, 'mon:05:00-mon:05:30', true]);
    assert.deepEqual(db.TagList?.map((tag) => tag.Key).sort(), ['Name', 'team']);

    // replicate_source_db: the replica, then ModifyDBInstance where its settings differ, and a reboot for the group.
    await t.rds.send(new CreateDBInstanceReadReplicaCommand({ DBInstanceIdentifier: 'tf-replica', SourceDBInstanceIdentifier: 'tf-db', DBInstanceClass: 'db.t3.micro' }));
    const createdReplica = await waitForStatus(t.rds, 'tf-replica', 'available', 120_000);
    await t.rds.send(new ModifyDBInstanceCommand({
      DBInstanceIdentifier: 'tf-replica', ApplyImmediately: true, DBParameterGroupName: GROUP, PreferredMaintenanceWindow: 'tue:05:00-tue:05:30',
    }));
    await t.rds.send(new RebootDBInstanceCommand({ DBInstanceIdentifier: 'tf-replica' }));
    let replica = await waitForStatus(t.rds, 'tf-replica', 'available', 60_000);
    replica = await readByResourceId(t.rds, createdReplica.DbiResourceId!);
    assert.equal(replica.ReadReplicaSourceDBInstanceIdentifier, 'tf-db');
    assert.deepEqual(replica.DBParameterGroups?.[0], { DBParameterGroupName: GROUP, ParameterApplyStatus: 'in-sync' });
    assert.deepEqual((await readByResourceId(t.rds, createdDb.DbiResourceId!)).ReadReplicaDBInstanceIdentifiers, ['tf-replica']);

    // replicate_source_db removed: PromoteReadReplica, then the read sees a standalone instance.
    await t.rds.send(new PromoteReadReplicaCommand({ DBInstanceIdentifier: 'tf-replica' }));
    await waitFor('the promoted replica to be standalone and available', async () => {
      const r = await readByResourceId(t.rds, createdReplica.DbiResourceId!);
      return r.DBInstanceStatus === 'available' && r.ReadReplicaSourceDBInstanceIdentifier === undefined;
    }, { timeoutMs: 60_000, intervalMs: 50 });
    assert.deepEqual((await readByResourceId(t.rds, createdDb.DbiResourceId!)).ReadReplicaDBInstanceIdentifiers ?? [], []);

    // A group in use is not deleted (the provider retries on InvalidDBParameterGroupState).
    assert.equal((await rdsFailure(t.rds.send(new DeleteDBParameterGroupCommand({ DBParameterGroupName: GROUP })))).code, 'InvalidDBParameterGroupState');

    // skip_final_snapshot = true.
    await t.rds.send(new DeleteDBInstanceCommand({ DBInstanceIdentifier: 'tf-replica', SkipFinalSnapshot: true, DeleteAutomatedBackups: true }));
    await waitUntilGone(t.rds, 'tf-replica');

    // The provider's default: a final snapshot; deletion protection refuses first, is turned off, and the delete is retried.
    const deletion = { DBInstanceIdentifier: 'tf-db', SkipFinalSnapshot: false, FinalDBSnapshotIdentifier: 'tf-db-final', DeleteAutomatedBackups: true };
    const protectedDelete = await rdsFailure(t.rds.send(new DeleteDBInstanceCommand(deletion)));
    assert.deepEqual([protectedDelete.code, protectedDelete.message], ['InvalidParameterCombination', 'Cannot delete protected DB Instance, please disable deletion protection and try again.']);
    await t.rds.send(new ModifyDBInstanceCommand({ DBInstanceIdentifier: 'tf-db', ApplyImmediately: true, DeletionProtection: false }));
    await t.rds.send(new DeleteDBInstanceCommand(deletion));
    await waitUntilGone(t.rds, 'tf-db');
    const final = (await t.rds.send(new DescribeDBSnapshotsCommand({ DBSnapshotIdentifier: 'tf-db-final' }))).DBSnapshots![0]!;
    assert.deepEqual([final.Status, final.DBInstanceIdentifier, final.SnapshotType], ['available', 'tf-db', 'manual']);
    assert.deepEqual(final.TagList?.map((tag) => tag.Key).sort(), ['Name', 'team'], 'copy_tags_to_snapshot');

    // Nothing uses the group now: it is deleted.
    await t.rds.send(new DeleteDBParameterGroupCommand({ DBParameterGroupName: GROUP }));
    assert.equal((await rdsFailure(t.rds.send(new DescribeDBParameterGroupsCommand({ DBParameterGroupName: GROUP })))).code, 'DBParameterGroupNotFound');
  });
});
