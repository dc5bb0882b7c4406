/**
 * Blue/green deployments on real servers, through the AWS SDK and the AWS CLI: a green copy of
 * blue and of its read replica, upgraded to the target version; a switchover while a client
 * writes in a loop to blue's endpoint (the longest gap between its commits is the write downtime,
 * printed), no committed write lost, the client's later writes on the new blue at the same
 * address and port, old blue renamed `-old1` and read-only (reboots included, until its parameter
 * group sets read_only to 0); RDS's refusals and events; tags by the deployment's ARN; deletion;
 * and a switchover held back by a lock on green, rolled back after its SwitchoverTimeout.
 */
import {
  AddTagsToResourceCommand,
  CreateDBParameterGroupCommand,
  ListTagsForResourceCommand,
  ModifyDBInstanceCommand,
  ModifyDBParameterGroupCommand,
  RebootDBInstanceCommand,
  RemoveTagsFromResourceCommand,
  DeleteBlueGreenDeploymentCommand,
  DescribeBlueGreenDeploymentsCommand,
  DescribeEventsCommand,
  SwitchoverBlueGreenDeploymentCommand,
  CreateBlueGreenDeploymentCommand,
  type BlueGreenDeployment,
  type DBInstance,
} from '@aws-sdk/client-rds';
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { after, before, describe, test } from 'node:test';
import type { RowDataPacket } from 'mysql2/promise';
import { describeOne, rdsFailure, waitForStatus } from '../kit/api.js';
import { awsRds } from '../kit/clients.js';
import { done, notYet, poll } from '../kit/poll.js';
import { longestGap, writer } from '../kit/writer.js';
import { createInstance, createReplica, rows } from './support/cluster.js';
import { connectTo, startTestService, type TestService } from './support/service.js';

const PASSWORD = 'Blue-green-pass1';
const ARN = (id: string) => `arn:aws:rds:us-east-1:000000000000:db:${id}`;
const DEPLOYMENT_ARN = (id: string) => `arn:aws:rds:us-east-1:000000000000:deployment:${id}`;

/** The messages of a deployment's events, oldest first. */
async function deploymentEvents(t: TestService, id: string): Promise<string[]> {
  const { Events = [] } = await t.rds.send(new DescribeEventsCommand({ SourceType: 'blue-green-deployment', SourceIdentifier: id, Duration: 60 }));
  assert.ok(Events.every((e) => e.SourceType === 'blue-green-deployment' && e.SourceArn === DEPLOYMENT_ARN(id)), JSON.stringify(Events));
  return Events.map((e) => e.Message!);
}


describe('blue/green deployments on real servers', () => {
  let t: TestService;
  let blue: DBInstance;
  let deployment: BlueGreenDeployment;

  before(async () => {
    t = await startTestService();
    blue = await createInstance(t.rds, 'shop', PASSWORD, { Engine: 'mysql', EngineVersion: '8.0', BackupRetentionPeriod: 1 });
    await using conn = await connectTo(blue, 'admin', PASSWORD);
    await conn.query('CREATE TABLE app.orders (n INT PRIMARY KEY)');
    await conn.query('INSERT INTO app.orders (n) VALUES (-1), (-2)');
    await createReplica(t.rds, 'shop-rep', 'shop');
  });
  after(async () => t?.[Symbol.asyncDispose]());

  const describeDeployment = async (id: string) => (await t.rds.send(new DescribeBlueGreenDeploymentsCommand({ BlueGreenDeploymentIdentifier: id }))).BlueGreenDeployments![0]!;

  test("RDS's refusals of CreateBlueGreenDeployment", async () => {
    const create = (input: Partial<ConstructorParameters<typeof CreateBlueGreenDeploymentCommand>[0]>) =>
      rdsFailure(t.rds.send(new CreateBlueGreenDeploymentCommand({ BlueGreenDeploymentName: 'bad', Source: ARN('shop'), ...input })));
    assert.equal((await create({ Source: ARN('nope') })).code, 'DBInstanceNotFound');
    const replica = await create({ Source: ARN('shop-rep') });
    assert.deepEqual([replica.code, replica.message], ['SourceDatabaseNotSupportedFault', "The source DB instance shop-rep isn't supported for a blue/green deployment: it is a read replica."]);
    assert.equal((await create({ BlueGreenDeploymentName: 'two--hyphens' })).code, 'InvalidParameterValue');
    assert.equal((await create({ TargetDBClusterParameterGroupName: 'x' })).code, 'InvalidParameterCombination');
    assert.equal((await create({ TargetDBParameterGroupName: 'missing' })).code, 'DBParameterGroupNotFound');
    const missing = await rdsFailure(t.rds.send(new DescribeBlueGreenDeploymentsCommand({ BlueGreenDeploymentIdentifier: 'bgd-nope' })));
    assert.deepEqual([missing.code, missing.status], ['BlueGreenDeploymentNotFoundFault', 404]);
  });

  test('the AWS CLI creates a deployment: green copies of blue and its replica, upgraded, with the tasks RDS shows', async () => {
    const out = JSON.parse(
      await awsRds(t.service.endpoint, ['create-blue-green-deployment', '--blue-green-deployment-name', 'shop-upgrade', '--source', ARN('shop'), '--target-engine-version', '8.4', '--tags', 'Key=team,Value=data']),
    ) as { BlueGreenDeployment: BlueGreenDeployment };
    deployment = out.BlueGreenDeployment;
    assert.match(deployment.BlueGreenDeploymentIdentifier!, /^bgd-[a-z0-9]{16}$/);
    assert.equal(deployment.Status, 'PROVISIONING');
    assert.equal(deployment.Source, ARN('shop'));
    assert.match(deployment.Target!, /^arn:aws:rds:us-east-1:000000000000:db:shop-green-[a-z0-9]{6}$/);
    const early = await rdsFailure(t.rds.send(new SwitchoverBlueGreenDeploymentCommand({ BlueGreenDeploymentIdentifier: deployment.BlueGreenDeploymentIdentifier })));
    assert.deepEqual([early.code, early.message], ['InvalidBlueGreenDeploymentStateFault', `The blue/green deployment ${deployment.BlueGreenDeploymentIdentifier} can't be switched over in its current state PROVISIONING.`]);
    const sameName = await rdsFailure(t.rds.send(new CreateBlueGreenDeploymentCommand({ BlueGreenDeploymentName: 'shop-upgrade', Source: ARN('shop') })));
    assert.deepEqual([sameName.code, sameName.message], ['BlueGreenDeploymentAlreadyExistsFault', "A Blue Green Deployment with the name 'shop-upgrade' already exists"]);
    const sameBlue = await rdsFailure(t.rds.send(new CreateBlueGreenDeploymentCommand({ BlueGreenDeploymentName: 'shop-again', Source: ARN('shop') })));
    assert.deepEqual([sameBlue.code, sameBlue.message], ['InvalidDBInstanceState', `DB instance shop is already part of the blue/green deployment ${deployment.BlueGreenDeploymentIdentifier}.`]);
    deployment = await poll('the deployment AVAILABLE', async () => {
      const d = await describeDeployment(deployment.BlueGreenDeploymentIdentifier!);
      return d.Status === 'AVAILABLE' ? done(d) : notYet([d.Status, d.StatusDetails, d.Tasks]);
    }, { timeoutMs: 240_000, intervalMs: 500 });
    assert.deepEqual(deployment.Tasks, ['CREATING_READ_REPLICA_OF_SOURCE', 'DB_ENGINE_VERSION_UPGRADE', 'CONFIGURE_BACKUPS', 'CREATING_TOPOLOGY_OF_SOURCE'].map((Name) => ({ Name, Status: 'COMPLETED' })));
    assert.deepEqual(deployment.TagList, [{ Key: 'team', Value: 'data' }]);
    const [primary, replica] = deployment.SwitchoverDetails!;
    assert.equal(primary!.SourceMember, ARN('shop'));
    assert.equal(replica!.SourceMember, ARN('shop-rep'));
    assert.match(replica!.TargetMember!, /:db:shop-rep-green-[a-z0-9]{6}$/);
    assert.deepEqual(deployment.SwitchoverDetails!.map((d) => d.Status), ['AVAILABLE', 'AVAILABLE']);
    const greenId = primary!.TargetMember!.split(':').pop()!;
    const green = await describeOne(t.rds, greenId);
    assert.match(green.EngineVersion!, /^8\.4/);
    assert.equal(green.ReadReplicaSourceDBInstanceIdentifier, 'shop');
    const greenReplica = await describeOne(t.rds, replica!.TargetMember!.split(':').pop()!);
    assert.equal(greenReplica.ReadReplicaSourceDBInstanceIdentifier, greenId);
    await using conn = await connectTo(green, 'admin', PASSWORD);
    assert.deepEqual((await rows(conn, 'SELECT n FROM app.orders ORDER BY n')).map((r) => r.n), [-2, -1]);
    const filtered = await t.rds.send(new DescribeBlueGreenDeploymentsCommand({ Filters: [{ Name: 'source', Values: [ARN('shop')] }] }));
    assert.deepEqual(filtered.BlueGreenDeployments!.map((d) => d.BlueGreenDeploymentName), ['shop-upgrade']);
    const none = await t.rds.send(new DescribeBlueGreenDeploymentsCommand({ Filters: [{ Name: 'blue-green-deployment-name', Values: ['other'] }] }));
    assert.deepEqual(none.BlueGreenDeployments ?? [], []);
    assert.deepEqual(await deploymentEvents(t, deployment.BlueGreenDeploymentIdentifier!), ['Blue/green deployment tasks completed. You can make more modifications to the green environment databases or switch over the deployment.']);
  });

  test("tags by the deployment's ARN: AddTagsToResource, ListTagsForResource, RemoveTagsFromResource, and the deployment's TagList", async () => {
    const arn = DEPLOYMENT_ARN(deployment.BlueGreenDeploymentIdentifier!);
    await t.rds.send(new AddTagsToResourceCommand({ ResourceName: arn, Tags: [{ Key: 'team', Value: 'db' }, { Key: 'ticket', Value: '15' }] }));
    await t.rds.send(new RemoveTagsFromResourceCommand({ ResourceName: arn, TagKeys: ['ticket'] }));
    assert.deepEqual((await t.rds.send(new ListTagsForResourceCommand({ ResourceName: arn }))).TagList, [{ Key: 'team', Value: 'db' }]);
    assert.deepEqual((await describeDeployment(deployment.BlueGreenDeploymentIdentifier!)).TagList, [{ Key: 'team', Value: 'db' }]);
    const missing = await rdsFailure(t.rds.send(new ListTagsForResourceCommand({ ResourceName: DEPLOYMENT_ARN('bgd-nope') })));
    assert.equal(missing.code, 'BlueGreenDeploymentNotFoundFault');
  });

  test('switchover under writes: no committed write lost, the writer goes on at the same endpoint on the new blue', async () => {
    const id = deployment.BlueGreenDeploymentIdentifier!;
    const greenId = deployment.Target!.split(':').pop()!;
    const greenBefore = await describeOne(t.rds, greenId);
    const endpoint = { host: blue.Endpoint!.Address!, port: blue.Endpoint!.Port! };
    const w = writer(endpoint, { user: 'admin', password: PASSWORD }, 'app.orders');
    await poll('the writer committing', async () => (w.committed.length > 50 ? done(true) : notYet(w.committed.length)));
    const started = (await t.rds.send(new SwitchoverBlueGreenDeploymentCommand({ BlueGreenDeploymentIdentifier: id, SwitchoverTimeout: 60 }))).BlueGreenDeployment!;
    assert.equal(started.Status, 'SWITCHOVER_IN_PROGRESS');
    const deleting = await rdsFailure(t.rds.send(new DeleteBlueGreenDeploymentCommand({ BlueGreenDeploymentIdentifier: id })));
    assert.equal(deleting.code, 'InvalidBlueGreenDeploymentStateFault');
    const completed = await poll('the switchover completed', async () => {
      const d = await describeDeployment(id);
      return d.Status === 'SWITCHOVER_COMPLETED' ? done(d) : notYet([d.Status, d.StatusDetails]);
    }, { timeoutMs: 120_000, intervalMs: 100 });
    const countAtSwitch = w.committed.length;
    await poll('the writer committing on the new blue', async () => (w.committed.length > countAtSwitch + 50 ? done(true) : notYet(w.committed.length)));
    await w.stop();
    const gapMs = longestGap(w.committed.map((c) => c.at));
    console.log(`# switchover write downtime: longest gap between two commits ${gapMs.toFixed(0)} ms (${w.committed.length} commits)`);

    assert.deepEqual(completed.SwitchoverDetails!.map((d) => [d.SourceMember, d.TargetMember, d.Status]), [
      [ARN('shop-old1'), ARN('shop'), 'SWITCHOVER_COMPLETED'],
      [ARN('shop-rep-old1'), ARN('shop-rep'), 'SWITCHOVER_COMPLETED'],
    ]);
    const newBlue = await waitForStatus(t.rds, 'shop', 'available');
    assert.equal(newBlue.DbiResourceId, greenBefore.DbiResourceId, 'shop is the former green instance');
    assert.deepEqual(newBlue.Endpoint, blue.Endpoint);
    assert.match(newBlue.EngineVersion!, /^8\.4/);
    assert.equal(newBlue.ReadReplicaSourceDBInstanceIdentifier, undefined);
    const oldBlue = await waitForStatus(t.rds, 'shop-old1', 'available');
    assert.equal(oldBlue.DbiResourceId, blue.DbiResourceId);
    assert.equal(oldBlue.Endpoint!.Port, greenBefore.Endpoint!.Port);

    await using onNew = await connectTo(newBlue, 'admin', PASSWORD);
    const onNewBlue = new Set((await rows(onNew, 'SELECT n FROM app.orders')).map((r) => Number(r.n)));
    const lost = w.committed.filter((c) => !onNewBlue.has(c.n));
    assert.deepEqual(lost, [], 'every committed write is on the new blue');
    await using onOld = await connectTo(oldBlue, 'admin', PASSWORD);
    const [[readOnly]] = await onOld.query<RowDataPacket[]>('SELECT @@read_only AS ro');
    assert.equal(Number(readOnly!.ro), 1, 'old blue stays read-only');
    const onOldBlue = new Set((await rows(onOld, 'SELECT n FROM app.orders')).map((r) => Number(r.n)));
    assert.ok(w.committed.slice(-10).every((c) => !onOldBlue.has(c.n)), 'the later writes are on the new blue only');
    const newReplica = await describeOne(t.rds, 'shop-rep');
    assert.equal(newReplica.ReadReplicaSourceDBInstanceIdentifier, 'shop');
    await poll('the new blue replica has the later writes', async () => {
      await using r = await connectTo(newReplica, 'admin', PASSWORD);
      const [[row]] = await r.query<RowDataPacket[]>('SELECT MAX(n) AS n FROM app.orders');
      return Number(row!.n) === w.committed.at(-1)!.n ? done(true) : notYet(row!.n);
    });

    assert.deepEqual((await deploymentEvents(t, id)).slice(1), [
      'Switchover started on blue/green deployment.',
      'Switchover from primary source to target started.',
      'Switchover from primary source to target completed and databases renamed.',
      'Switchover from source to target started.',
      'Switchover from source to target completed.',
      'Switchover completed on blue/green deployment.',
    ]);
    assert.ok(gapMs < 10_000, `write downtime ${gapMs} ms`);
  });

  test('old blue stays read-only after a reboot, until its parameter group sets read_only to 0', async () => {
    const readOnly = async () => {
      await using conn = await connectTo(await waitForStatus(t.rds, 'shop-old1', 'available', { timeoutMs: 60_000, intervalMs: 100 }), 'admin', PASSWORD);
      const [[row]] = await conn.query<RowDataPacket[]>('SELECT @@read_only AS ro');
      return Number(row!.ro);
    };
    await t.rds.send(new RebootDBInstanceCommand({ DBInstanceIdentifier: 'shop-old1' }));
    assert.equal(await readOnly(), 1, 'read-only after its reboot');
    await t.rds.send(new CreateDBParameterGroupCommand({ DBParameterGroupName: 'old-writable', DBParameterGroupFamily: 'mysql8.0', Description: 'old blue writable' }));
    await t.rds.send(new ModifyDBParameterGroupCommand({ DBParameterGroupName: 'old-writable', Parameters: [{ ParameterName: 'read_only', ParameterValue: '0', ApplyMethod: 'immediate' }] }));
    await t.rds.send(new ModifyDBInstanceCommand({ DBInstanceIdentifier: 'shop-old1', DBParameterGroupName: 'old-writable', ApplyImmediately: true }));
    await waitForStatus(t.rds, 'shop-old1', 'available');
    await t.rds.send(new RebootDBInstanceCommand({ DBInstanceIdentifier: 'shop-old1' }));
    assert.equal(await readOnly(), 0, 'writable with read_only=0 in its group');
  });

  test('DeleteBlueGreenDeployment after the switchover: DeleteTarget refused, the deployment goes, the instances stay', async () => {
    const id = deployment.BlueGreenDeploymentIdentifier!;
    const refused = await rdsFailure(t.rds.send(new DeleteBlueGreenDeploymentCommand({ BlueGreenDeploymentIdentifier: id, DeleteTarget: true })));
    assert.equal(refused.code, 'InvalidParameterCombination');
    await t.rds.send(new DeleteBlueGreenDeploymentCommand({ BlueGreenDeploymentIdentifier: id }));
    assert.equal((await rdsFailure(describeDeployment(id))).code, 'BlueGreenDeploymentNotFoundFault');
    assert.equal((await describeOne(t.rds, 'shop')).DBInstanceStatus, 'available');
    assert.equal((await describeOne(t.rds, 'shop-old1')).DBInstanceStatus, 'available');
  });
});

describe('a switchover that cannot finish within SwitchoverTimeout rolls back', () => {
  let t: TestService;

  before(async () => {
    t = await startTestService();
    const blue = await createInstance(t.rds, 'stuck', PASSWORD, { Engine: 'mysql', EngineVersion: '8.0', BackupRetentionPeriod: 1 });
    await using conn = await connectTo(blue, 'admin', PASSWORD);
    await conn.query('CREATE TABLE app.orders (n INT PRIMARY KEY)');
  });
  after(async () => t?.[Symbol.asyncDispose]());

  test('green held back by a lock: SWITCHOVER_FAILED after the timeout, blue writable again, names unchanged', async () => {
    const storage = { TargetStorageType: 'io1', TargetAllocatedStorage: 20 };
    const noIops = await rdsFailure(t.rds.send(new CreateBlueGreenDeploymentCommand({ BlueGreenDeploymentName: 'stuck-upgrade', Source: ARN('stuck'), ...storage })));
    assert.deepEqual([noIops.code, noIops.message], ['InvalidParameterCombination', 'Iops is required for storage type io1.'], "green's storage is checked at once");
    const created = await t.rds.send(
      new CreateBlueGreenDeploymentCommand({
        BlueGreenDeploymentName: 'stuck-upgrade',
        Source: ARN('stuck'),
        TargetEngineVersion: '8.4',
        TargetDBInstanceClass: 'db.t3.small',
        ...storage,
        TargetIops: 1000,
      }),
    );
    const id = created.BlueGreenDeployment!.BlueGreenDeploymentIdentifier!;
    const ready = await poll('the deployment AVAILABLE', async () => {
      const d = (await t.rds.send(new DescribeBlueGreenDeploymentsCommand({ BlueGreenDeploymentIdentifier: id }))).BlueGreenDeployments![0]!;
      return d.Status === 'AVAILABLE' ? done(d) : notYet(d.Status);
    }, { timeoutMs: 240_000, intervalMs: 500 });
    const green = await describeOne(t.rds, ready.Target!.split(':').pop()!);
    assert.deepEqual([green.DBInstanceClass, green.StorageType, green.Iops, green.AllocatedStorage], ['db.t3.small', 'io1', 1000, 20], "the target's class and storage");
    // A session on green holds the table: green's applier cannot apply blue's next write.
    await using holder = await connectTo(green, 'admin', PASSWORD);
    const pool = async (conn: typeof holder) => Number((await rows(conn, 'SELECT @@innodb_buffer_pool_size AS b'))[0]!.b);
    await holder.query('LOCK TABLES app.orders READ');   // allowed on a read-only replica; it blocks the applier's writes
    const blue = await describeOne(t.rds, 'stuck');
    await using onBlue = await connectTo(blue, 'admin', PASSWORD);
    assert.equal(await pool(holder), 2 * (await pool(onBlue)), "green has its class's memory: twice blue's db.t3.micro");
    await onBlue.query('INSERT INTO app.orders (n) VALUES (1)');

    const started = performance.now();
    await t.rds.send(new SwitchoverBlueGreenDeploymentCommand({ BlueGreenDeploymentIdentifier: id, SwitchoverTimeout: 30 }));
    const failed = await poll('SWITCHOVER_FAILED', async () => {
      const d = (await t.rds.send(new DescribeBlueGreenDeploymentsCommand({ BlueGreenDeploymentIdentifier: id }))).BlueGreenDeployments![0]!;
      return d.Status === 'SWITCHOVER_FAILED' ? done(d) : notYet(d.Status);
    }, { timeoutMs: 90_000, intervalMs: 500 });
    assert.ok(performance.now() - started >= 29_000, 'it waited for the timeout');
    assert.equal(failed.Source, ARN('stuck'), 'blue keeps its name');
    await holder.query('UNLOCK TABLES');
    await waitForStatus(t.rds, 'stuck', 'available');
    await onBlue.query('INSERT INTO app.orders (n) VALUES (2)');   // writable again
    assert.deepEqual((await rows(onBlue, 'SELECT n FROM app.orders ORDER BY n')).map((r) => r.n), [1, 2]);
    assert.match(failed.StatusDetails!, /timed out/, 'the cause is in StatusDetails');
    assert.deepEqual((await deploymentEvents(t, id)).slice(-2), ['Switchover from primary source to target canceled.', 'Switchover canceled on blue/green deployment.']);
  });
});
