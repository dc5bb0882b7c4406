/**
 * ModifyDBInstance NewDBInstanceIdentifier and DBPortNumber on real servers, through the AWS SDK
 * and the AWS CLI: a source renamed at once keeps its data, tags, parameter group, resource id and
 * read replica (which goes on replicating and names its source's new name); a replica renamed
 * without ApplyImmediately waits for its reboot; a port change restarts the source on the new
 * port and its replica follows; all of it survives a restart of openrds. Also the refusals of
 * these parameters and of OptionGroupName, CharacterSetName and DBClusterIdentifier.
 */
import {
  CreateDBInstanceCommand,
  CreateDBParameterGroupCommand,
  CreateDBSnapshotCommand,
  DescribeDBSnapshotsCommand,
  ListTagsForResourceCommand,
  ModifyDBInstanceCommand,
  RebootDBInstanceCommand,
  waitUntilDBSnapshotAvailable,
  type DBInstance,
} from '@aws-sdk/client-rds';
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import type { Connection, RowDataPacket } from 'mysql2/promise';
import { describeOne, rdsFailure, waitForReplicaStatus, waitForStatus } from '../kit/api.js';
import { awsRds } from '../kit/clients.js';
import { createInstance, createReplica, eventMessages, waitForSameData } from './support/cluster.js';
import { connectTo, startTestService, type TestService } from './support/service.js';

const PASSWORD = 'Rename-pass1';

async function count(conn: Connection): Promise<number> {
  const [[row]] = await conn.query<RowDataPacket[]>('SELECT COUNT(*) AS n FROM app.items');
  return Number(row!.n);
}

describe('renames and port changes on real servers', () => {
  let t: TestService;
  let source: DBInstance;
  let restartedHome: string | undefined;

  before(async () => {
    t = await startTestService();
    await t.rds.send(new CreateDBParameterGroupCommand({ DBParameterGroupName: 'kept', DBParameterGroupFamily: 'mariadb10.11', Description: 'kept across a rename' }));
    source = await createInstance(t.rds, 'db1', PASSWORD, { DBParameterGroupName: 'kept', Tags: [{ Key: 'team', Value: 'data' }] });
    await using conn = await connectTo(source, 'admin', PASSWORD);
    await conn.query('CREATE TABLE app.items (id INT AUTO_INCREMENT PRIMARY KEY, note VARCHAR(20))');
    await conn.query("INSERT INTO app.items (note) VALUES ('a'), ('b'), ('c')");
    await createReplica(t.rds, 'db1-rep', 'db1');
    await t.rds.send(new CreateDBSnapshotCommand({ DBInstanceIdentifier: 'db1', DBSnapshotIdentifier: 'db1-snap' }));
    await waitUntilDBSnapshotAvailable({ client: t.rds, maxWaitTime: 120, minDelay: 1, maxDelay: 1 }, { DBSnapshotIdentifier: 'db1-snap' });
    await waitForStatus(t.rds, 'db1', 'available');
  });
  after(async () => {
    await t?.[Symbol.asyncDispose]();
    if (restartedHome) await rm(restartedHome, { recursive: true, force: true });
  });

  const modify = (input: Omit<ConstructorParameters<typeof ModifyDBInstanceCommand>[0], 'DBInstanceIdentifier'> & { id: string }) => {
    const { id, ...rest } = input;
    return t.rds.send(new ModifyDBInstanceCommand({ DBInstanceIdentifier: id, ...rest }));
  };

  test("RDS's refusals: a taken name (in any case), a bad one, a port out of range or in use, an unknown option group, a character set, a cluster", async () => {
    for (const taken of ['db1-rep', 'DB1-Rep']) {
      const failure = await rdsFailure(modify({ id: 'db1', NewDBInstanceIdentifier: taken, ApplyImmediately: true }));
      assert.deepEqual([failure.code, failure.message], ['DBInstanceAlreadyExists', 'DB instance already exists']);
    }
    const bad = await rdsFailure(modify({ id: 'db1', NewDBInstanceIdentifier: 'two--hyphens' }));
    assert.equal(bad.code, 'InvalidParameterValue');
    assert.match(bad.message, /^The parameter NewDBInstanceIdentifier is not a valid identifier/);
    const range = await rdsFailure(modify({ id: 'db1', DBPortNumber: 1149 }));
    assert.equal(range.code, 'InvalidParameterValue');
    assert.match(range.message, /DBPortNumber: Invalid port\. Valid ports for MySQL and MariaDB are 1150-65535\.$/);
    const replicaPort = (await describeOne(t.rds, 'db1-rep')).Endpoint!.Port!;
    const inUse = await rdsFailure(modify({ id: 'db1', DBPortNumber: replicaPort }));
    assert.deepEqual([inUse.code, inUse.message], ['InvalidParameterValue', `Port ${replicaPort} is already in use on this host.`]);
    const unknown = await rdsFailure(modify({ id: 'db1', OptionGroupName: 'my-options' }));
    assert.deepEqual([unknown.code, unknown.message], ['OptionGroupNotFoundFault', 'Specified OptionGroupName: my-options not found.']);
    const otherMajor = await rdsFailure(modify({ id: 'db1', OptionGroupName: 'default:mysql-8-0' }));
    assert.equal(otherMajor.code, 'InvalidParameterCombination');
    await modify({ id: 'db1', OptionGroupName: 'default:mariadb-10-11', CertificateRotationRestart: false });
    const create = { DBInstanceIdentifier: 'never', Engine: 'mariadb', DBInstanceClass: 'db.t3.micro', MasterUsername: 'admin', MasterUserPassword: PASSWORD };
    const charset = await rdsFailure(t.rds.send(new CreateDBInstanceCommand({ ...create, CharacterSetName: 'utf8mb4' })));
    assert.equal(charset.code, 'InvalidParameterValue');
    assert.match(charset.message, /^Character sets not supported on create for engine: mariadb and version10\.11\.\d+$/);
    const cluster = await rdsFailure(t.rds.send(new CreateDBInstanceCommand({ ...create, DBClusterIdentifier: 'aurora-1' })));
    assert.deepEqual([cluster.code, cluster.message, cluster.status], ['DBClusterNotFoundFault', 'DBCluster aurora-1 not found.', 404]);
    const noGroup = await rdsFailure(t.rds.send(new CreateDBInstanceCommand({ ...create, OptionGroupName: 'default:mariadb-10-6' })));
    assert.equal(noGroup.code, 'InvalidParameterCombination');
    const described = await describeOne(t.rds, 'db1');
    assert.deepEqual(described.OptionGroupMemberships, [{ OptionGroupName: 'default:mariadb-10-11', Status: 'in-sync' }]);
    assert.equal(described.DBInstanceStatus, 'available', 'nothing refused changed the instance');
  });

  test('a rename with ApplyImmediately: renaming, then available under the new name with everything it had', async () => {
    const before = await describeOne(t.rds, 'db1');
    const answer = (await modify({ id: 'db1', NewDBInstanceIdentifier: 'DB2', ApplyImmediately: true })).DBInstance!;
    assert.equal(answer.DBInstanceStatus, 'renaming');
    assert.equal(answer.PendingModifiedValues?.DBInstanceIdentifier, 'db2', 'stored in lower case');
    const renamed = await waitForStatus(t.rds, 'db2', 'available', 60_000);
    assert.equal((await rdsFailure(describeOne(t.rds, 'db1'))).code, 'DBInstanceNotFound');
    assert.equal(renamed.DBInstanceArn, 'arn:aws:rds:us-east-1:000000000000:db:db2');
    assert.equal(renamed.DbiResourceId, before.DbiResourceId);
    assert.deepEqual(renamed.Endpoint?.Address, '127.0.0.1', 'the address is the host: no DNS name to change');
    assert.equal(renamed.Endpoint?.Port, before.Endpoint?.Port, 'the port stays');
    assert.deepEqual(renamed.TagList, [{ Key: 'team', Value: 'data' }]);
    const tags = await t.rds.send(new ListTagsForResourceCommand({ ResourceName: renamed.DBInstanceArn }));
    assert.deepEqual(tags.TagList, [{ Key: 'team', Value: 'data' }]);
    assert.equal(renamed.DBParameterGroups?.[0]?.DBParameterGroupName, 'kept');
    assert.deepEqual(renamed.ReadReplicaDBInstanceIdentifiers, ['db1-rep']);
    assert.equal(renamed.PendingModifiedValues?.DBInstanceIdentifier, undefined);
    assert.equal((await describeOne(t.rds, 'db1-rep')).ReadReplicaSourceDBInstanceIdentifier, 'db2');
    const snapshot = (await t.rds.send(new DescribeDBSnapshotsCommand({ DBSnapshotIdentifier: 'db1-snap' }))).DBSnapshots![0]!;
    assert.equal(snapshot.DBInstanceIdentifier, 'db1', 'a snapshot keeps the name it was taken under, as on RDS');
    const events = await eventMessages(t.rds, 'db2');
    assert.ok(events.includes('Renamed instance from db1 to db2'), events.join(' | '));
    assert.ok(events.includes('DB instance restarted'), events.join(' | '));

    await using conn = await connectTo(renamed, 'admin', PASSWORD);
    assert.equal(await count(conn), 3, 'the data is where it was');
    await conn.query("INSERT INTO app.items (note) VALUES ('after rename')");
    await using replica = await connectTo(await describeOne(t.rds, 'db1-rep'), 'admin', PASSWORD);
    await waitForSameData(conn, [replica]);
    await waitForReplicaStatus(t.rds, 'db1-rep', 'replicating');
  });

  test('a rename without ApplyImmediately is pending until the next reboot (the AWS CLI)', async () => {
    const out = JSON.parse(await awsRds(t.service.endpoint, ['modify-db-instance', '--db-instance-identifier', 'db1-rep', '--new-db-instance-identifier', 'rep2']));
    assert.equal(out.DBInstance.DBInstanceIdentifier, 'db1-rep');
    assert.equal(out.DBInstance.PendingModifiedValues.DBInstanceIdentifier, 'rep2');
    const waiting = await describeOne(t.rds, 'db1-rep');
    assert.equal(waiting.DBInstanceStatus, 'available');
    assert.equal(waiting.PendingModifiedValues?.DBInstanceIdentifier, 'rep2');
    const taken = await rdsFailure(modify({ id: 'db2', NewDBInstanceIdentifier: 'rep2' }));
    assert.equal(taken.code, 'DBInstanceAlreadyExists', 'a pending name is taken');
    await t.rds.send(new RebootDBInstanceCommand({ DBInstanceIdentifier: 'db1-rep' }));
    const renamed = await waitForStatus(t.rds, 'rep2', 'available', 60_000);
    assert.equal(renamed.ReadReplicaSourceDBInstanceIdentifier, 'db2');
    assert.deepEqual((await describeOne(t.rds, 'db2')).ReadReplicaDBInstanceIdentifiers, ['rep2']);
    await using conn = await connectTo(await describeOne(t.rds, 'db2'), 'admin', PASSWORD);
    await conn.query("INSERT INTO app.items (note) VALUES ('after replica rename')");
    await using replica = await connectTo(renamed, 'admin', PASSWORD);
    await waitForSameData(conn, [replica]);
  });

  test('DBPortNumber: the source restarts on its new port, whatever ApplyImmediately says; its replica follows', async () => {
    const old = (await describeOne(t.rds, 'db2')).Endpoint!.Port!;
    const port = old + 50;
    const answer = (await modify({ id: 'db2', DBPortNumber: port })).DBInstance!;
    assert.equal(answer.DBInstanceStatus, 'modifying');
    const moved = await waitForStatus(t.rds, 'db2', 'available', 60_000);
    assert.equal(moved.Endpoint?.Port, port);
    await assert.rejects(connectTo({ Endpoint: { Address: '127.0.0.1', Port: old } }, 'admin', PASSWORD), /ECONNREFUSED/);
    await using conn = await connectTo(moved, 'admin', PASSWORD);
    await conn.query("INSERT INTO app.items (note) VALUES ('after port change')");
    await using replica = await connectTo(await describeOne(t.rds, 'rep2'), 'admin', PASSWORD);
    await waitForSameData(conn, [replica]);
    await waitForReplicaStatus(t.rds, 'rep2', 'replicating');
    const [sets] = await replica.query<RowDataPacket[][]>('CALL mysql.rds_replica_status');
    assert.equal(sets[0]![0]!.Master_Port, port, "the replica's replication names the new port");
  });

  test('a renamed instance on its new port, and its renamed replica, come back after a restart of openrds', async () => {
    const home = (restartedHome = t.home);
    await t.service[Symbol.asyncDispose]();
    t = await startTestService({ home });
    const back = await waitForStatus(t.rds, 'db2', 'available', 60_000);
    assert.equal(back.Endpoint?.Port, source.Endpoint!.Port! + 50);
    assert.deepEqual(back.ReadReplicaDBInstanceIdentifiers, ['rep2']);
    const replica = await waitForStatus(t.rds, 'rep2', 'available', 60_000);
    await using conn = await connectTo(back, 'admin', PASSWORD);
    assert.equal(await count(conn), 6);
    await conn.query("INSERT INTO app.items (note) VALUES ('after restart')");
    await using replicaConn = await connectTo(replica, 'admin', PASSWORD);
    await waitForSameData(conn, [replicaConn]);
  });
});
