/**
 * DB parameter groups the RDS way: default groups, user groups, dynamic values applied at once to
 * every member, static ones at the next reboot, refusals with RDS's codes — and the seed story's
 * long index build on a replica made writable through its group.
 */
import {
  CreateDBInstanceReadReplicaCommand,
  CreateDBParameterGroupCommand,
  DeleteDBInstanceCommand,
  DeleteDBParameterGroupCommand,
  DescribeDBInstancesCommand,
  DescribeDBParameterGroupsCommand,
  DescribeDBParametersCommand,
  ModifyDBInstanceCommand,
  ModifyDBParameterGroupCommand,
  RebootDBInstanceCommand,
} from '@aws-sdk/client-rds';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import type { Connection, RowDataPacket } from 'mysql2/promise';
import { createInstance } from './support/cluster.js';
import { connectTo, startTestService, type TestService } from './support/service.js';
import { waitForStatus } from '../kit/api.js';

const PASSWORD = 'Secret-pass1';

async function failure(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    const e = error as { Code?: string; name: string };
    return e.Code ?? e.name;
  }
  assert.fail('the call succeeded');
}

async function variable(conn: Connection, name: string): Promise<string> {
  const [[row]] = await conn.query<RowDataPacket[]>(`SELECT @@global.${name} AS v`);
  return String(row!.v);
}

describe('DB parameter groups', () => {
  let t: TestService;

  before(async () => {
    t = await startTestService();
  });
  after(async () => {
    await t?.[Symbol.asyncDispose]();
  });

  test('default groups exist and cannot be changed; user groups are validated', async () => {
    const groups = await t.rds.send(new DescribeDBParameterGroupsCommand({}));
    const names = groups.DBParameterGroups?.map((g) => g.DBParameterGroupName) ?? [];
    assert.ok(names.includes('default.mariadb10.11'), names.join());
    assert.ok(names.includes('default.mysql8.0'));
    // The family of a mariadb instance created without EngineVersion (10.11, the server's own).
    const family = 'mariadb10.11';

    const created = await t.rds.send(
      new CreateDBParameterGroupCommand({ DBParameterGroupName: 'Writable-Replica', DBParameterGroupFamily: family, Description: 'index builds' }),
    );
    assert.equal(created.DBParameterGroup?.DBParameterGroupName, 'writable-replica');
    assert.equal(
      await failure(t.rds.send(new CreateDBParameterGroupCommand({ DBParameterGroupName: 'writable-replica', DBParameterGroupFamily: family, Description: 'x' }))),
      'DBParameterGroupAlreadyExists',
    );
    assert.equal(
      await failure(t.rds.send(new CreateDBParameterGroupCommand({ DBParameterGroupName: 'pg', DBParameterGroupFamily: 'postgres16', Description: 'x' }))),
      'InvalidParameterValue',
    );
    const change = (name: string, value: string, group = 'writable-replica', method?: 'immediate' | 'pending-reboot') =>
      t.rds.send(
        new ModifyDBParameterGroupCommand({
          DBParameterGroupName: group,
          Parameters: [{ ParameterName: name, ParameterValue: value, ApplyMethod: method }],
        }),
      );
    assert.equal(await failure(change('max_connections', '50', `default.${family}`)), 'InvalidDBParameterGroupState');
    assert.equal(await failure(change('no_such_variable', '1')), 'InvalidParameterValue');
    assert.equal(await failure(change('server_id', '7')), 'InvalidParameterValue', 'RDS keeps server_id');
    assert.equal(await failure(change('max_connections', '0')), 'InvalidParameterValue');
    assert.equal(await failure(change('max_connections', "10\ninit_file=/etc/shadow")), 'InvalidParameterValue');
    assert.equal(await failure(change('binlog_format', 'ROW; DROP TABLE x')), 'InvalidParameterValue');
    assert.equal(await failure(change('slave_parallel_threads', '4', 'writable-replica', 'immediate')), 'InvalidParameterCombination');
    const user = await t.rds.send(new DescribeDBParametersCommand({ DBParameterGroupName: 'writable-replica', Source: 'user' }));
    assert.deepEqual(user.Parameters ?? [], [], 'no refused change was kept');

    const all = await t.rds.send(new DescribeDBParametersCommand({ DBParameterGroupName: 'writable-replica', MaxRecords: 100 }));
    const readOnly = all.Parameters?.find((p) => p.ParameterName === 'read_only');
    assert.equal(readOnly?.ApplyType, 'dynamic');
    assert.equal(readOnly?.IsModifiable, true);
    assert.equal(all.Parameters?.find((p) => p.ParameterName === 'server_id')?.IsModifiable, false);
  });

  test('a replica is read-only by default; read_only=0 in its group makes it writable at once for an index build', async () => {
    const src = await createInstance(t.rds, 'src', PASSWORD);
    await using source = await connectTo(src, 'admin', PASSWORD, { database: 'app' });
    await source.query('CREATE TABLE big (id INT PRIMARY KEY, v INT) ENGINE=InnoDB');
    await source.query('INSERT INTO big SELECT seq, seq % 97 FROM seq_1_to_20000');
    await t.rds.send(
      new CreateDBInstanceReadReplicaCommand({ DBInstanceIdentifier: 'rep', SourceDBInstanceIdentifier: 'src', DBParameterGroupName: 'writable-replica' }),
    );
    const rep = await waitForStatus(t.rds, 'rep', 'available');
    assert.equal(rep.DBParameterGroups?.[0]?.DBParameterGroupName, 'writable-replica');
    await using replica = await connectTo(rep, 'admin', PASSWORD, { database: 'app' });
    assert.equal(await variable(replica, 'read_only'), '1', '{TrueIfReplica}');

    await t.rds.send(
      new ModifyDBParameterGroupCommand({
        DBParameterGroupName: 'writable-replica',
        Parameters: [
          { ParameterName: 'read_only', ParameterValue: '0', ApplyMethod: 'immediate' },
          { ParameterName: 'max_connections', ParameterValue: '77', ApplyMethod: 'immediate' },
        ],
      }),
    );
    assert.equal(await variable(replica, 'read_only'), '0', 'applied at once, no reboot');
    assert.equal(await variable(replica, 'max_connections'), '77');
    assert.equal(await variable(source, 'max_connections'), '100', 'instances of other groups keep theirs');

    // The seed story: stop, build an index while the source keeps writing, start, catch up.
    const [stopped] = await replica.query<RowDataPacket[][]>('CALL mysql.rds_stop_replication');
    assert.equal(stopped[0]![0]!.Message, 'Slave is down or disabled');
    await source.query('INSERT INTO big SELECT seq, seq % 89 FROM seq_20001_to_30000');
    await replica.query('CREATE INDEX by_v ON big (v)');
    const [started] = await replica.query<RowDataPacket[][]>('CALL mysql.rds_start_replication');
    assert.equal(started[0]![0]!.Message, 'Slave running normally.');
    for (let i = 0; i < 300; i++) {
      const [[n]] = await replica.query<RowDataPacket[]>('SELECT COUNT(*) AS n, SUM(v) AS s FROM big');
      const [[m]] = await source.query<RowDataPacket[]>('SELECT COUNT(*) AS n, SUM(v) AS s FROM big');
      if (n!.n === m!.n && n!.s === m!.s) break;
      await sleep(50);
    }
    const [[caughtUp]] = await replica.query<RowDataPacket[]>('SELECT COUNT(*) AS n FROM big');
    assert.equal(caughtUp!.n, 30000);
    const [indexes] = await replica.query<RowDataPacket[]>("SHOW INDEX FROM big WHERE Key_name = 'by_v'");
    assert.ok(indexes.length > 0, 'the index exists on the replica');
  });

  test('a static value waits for the reboot (pending-reboot), then applies', async () => {
    const before = (await t.rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: 'rep' }))).DBInstances![0]!;
    let threads: string;
    {
      await using replica = await connectTo(before, 'admin', PASSWORD);
      threads = await variable(replica, 'slave_parallel_threads');
    }
    assert.notEqual(threads, '8');
    await t.rds.send(
      new ModifyDBParameterGroupCommand({
        DBParameterGroupName: 'writable-replica',
        Parameters: [{ ParameterName: 'slave_parallel_threads', ParameterValue: '8', ApplyMethod: 'pending-reboot' }],
      }),
    );
    const pending = (await t.rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: 'rep' }))).DBInstances![0]!;
    assert.equal(pending.DBParameterGroups?.[0]?.ParameterApplyStatus, 'pending-reboot');
    {
      await using replica = await connectTo(pending, 'admin', PASSWORD);
      assert.equal(await variable(replica, 'slave_parallel_threads'), threads, 'unchanged until the reboot');
    }
    await t.rds.send(new RebootDBInstanceCommand({ DBInstanceIdentifier: 'rep' }));
    const rebooted = await waitForStatus(t.rds, 'rep', 'available');
    assert.equal(rebooted.DBParameterGroups?.[0]?.ParameterApplyStatus, 'in-sync');
    await using replica = await connectTo(rebooted, 'admin', PASSWORD);
    assert.equal(await variable(replica, 'slave_parallel_threads'), '8');
    assert.equal(await variable(replica, 'read_only'), '0', 'dynamic values survive the reboot');
    const user = await t.rds.send(new DescribeDBParametersCommand({ DBParameterGroupName: 'writable-replica', Source: 'user' }));
    assert.deepEqual(
      user.Parameters?.map((p) => [p.ParameterName, p.ParameterValue]).sort(),
      [
        ['max_connections', '77'],
        ['read_only', '0'],
        ['slave_parallel_threads', '8'],
      ],
    );
  });

  test('ModifyDBInstance DBParameterGroupName, and a group in use cannot be deleted', async () => {
    const modified = await t.rds.send(new ModifyDBInstanceCommand({ DBInstanceIdentifier: 'src', DBParameterGroupName: 'writable-replica' }));
    assert.equal(modified.DBInstance?.DBParameterGroups?.[0]?.DBParameterGroupName, 'writable-replica');
    assert.equal(modified.DBInstance?.DBParameterGroups?.[0]?.ParameterApplyStatus, 'pending-reboot');
    let src = await waitForStatus(t.rds, 'src', 'available');
    {
      await using source = await connectTo(src, 'admin', PASSWORD);
      assert.notEqual(await variable(source, 'max_connections'), '77', "a new group's values, dynamic ones too, wait for the reboot");
    }
    await t.rds.send(new RebootDBInstanceCommand({ DBInstanceIdentifier: 'src' }));
    src = await waitForStatus(t.rds, 'src', 'available');
    assert.equal(src.DBParameterGroups?.[0]?.ParameterApplyStatus, 'in-sync');
    {
      await using source = await connectTo(src, 'admin', PASSWORD);
      assert.equal(await variable(source, 'max_connections'), '77', 'applied by the reboot');
    }
    assert.equal(await failure(t.rds.send(new DeleteDBParameterGroupCommand({ DBParameterGroupName: 'writable-replica' }))), 'InvalidDBParameterGroupState');
    const family = (await t.rds.send(new DescribeDBParameterGroupsCommand({}))).DBParameterGroups![0]!.DBParameterGroupFamily!;
    assert.equal(
      await failure(t.rds.send(new DeleteDBParameterGroupCommand({ DBParameterGroupName: `default.${family}` }))),
      'InvalidDBParameterGroupState',
    );
    await t.rds.send(new DeleteDBInstanceCommand({ DBInstanceIdentifier: 'rep', SkipFinalSnapshot: true }));
    await t.rds.send(new DeleteDBInstanceCommand({ DBInstanceIdentifier: 'src', SkipFinalSnapshot: true }));
    await t.service.control.settled();
    await t.rds.send(new DeleteDBParameterGroupCommand({ DBParameterGroupName: 'writable-replica' }));
    assert.equal(
      await failure(t.rds.send(new DescribeDBParameterGroupsCommand({ DBParameterGroupName: 'writable-replica' }))),
      'DBParameterGroupNotFound',
    );
  });
});
