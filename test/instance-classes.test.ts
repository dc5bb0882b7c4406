/**
 * DB instance classes: a class is memory, as on RDS. The buffer pool follows RDS's formula
 * {DBInstanceClassMemory*3/4} at openrds's scale (1/48 of the class's AWS memory), and a class
 * change restarts the instance with it: at once with ApplyImmediately, else at the next reboot.
 */
import { CreateDBInstanceCommand, DescribeDBParametersCommand, ModifyDBInstanceCommand, RebootDBInstanceCommand } from '@aws-sdk/client-rds';
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Connection, RowDataPacket } from 'mysql2/promise';
import { createInstance, createReplica, eventMessages } from './support/cluster.js';
import { connectTo, startTestService, type TestService } from './support/service.js';
import { describeOne, waitForStatus } from '../kit/api.js';

const PASSWORD = 'Secret-pass1';
const MIB = 2 ** 20;

async function memory(conn: Connection): Promise<{ bufferPool: number; redoLog: number }> {
  const [[row]] = await conn.query<RowDataPacket[]>('SELECT @@innodb_buffer_pool_size AS pool, @@innodb_log_file_size AS redo');
  return { bufferPool: Number(row!.pool) / MIB, redoLog: Number(row!.redo) / MIB };
}

describe('DB instance classes', () => {
  let t: TestService;

  before(async () => {
    t = await startTestService();
  });
  after(async () => {
    await t?.[Symbol.asyncDispose]();
  });

  test('the class sizes the buffer pool and the redo log; a replica takes its source class', async () => {
    const micro = await createInstance(t.rds, 'micro', PASSWORD);
    {
      await using conn = await connectTo(micro, 'admin', PASSWORD);
      assert.deepEqual(await memory(conn), { bufferPool: 16, redoLog: 16 });
    }
    const large = await createInstance(t.rds, 'large', PASSWORD, { DBInstanceClass: 'db.r5.large' });
    assert.equal(large.DBInstanceClass, 'db.r5.large');
    {
      await using conn = await connectTo(large, 'admin', PASSWORD);
      assert.deepEqual(await memory(conn), { bufferPool: 256, redoLog: 256 }, 'db.r5.large: 16 GiB on AWS');
    }
    const replica = await createReplica(t.rds, 'large-replica', 'large');
    assert.equal(replica.DBInstanceClass, 'db.r5.large');
    await using conn = await connectTo(replica, 'admin', PASSWORD);
    assert.equal((await memory(conn)).bufferPool, 256);

    const parameters = await t.rds.send(new DescribeDBParametersCommand({ DBParameterGroupName: 'default.mariadb10.11', MaxRecords: 100 }));
    assert.equal(parameters.Parameters?.find((p) => p.ParameterName === 'innodb_buffer_pool_size')?.ParameterValue, '{DBInstanceClassMemory*3/4}');
  });

  test('a class change waits for the reboot unless applied immediately, and keeps the data', async () => {
    const micro = await describeOne(t.rds, 'micro');
    {
      await using conn = await connectTo(micro, 'admin', PASSWORD, { database: 'app' });
      await conn.query('CREATE TABLE kept (id INT PRIMARY KEY)');
      await conn.query('INSERT INTO kept VALUES (1), (2), (3)');
    }
    const pending = await t.rds.send(new ModifyDBInstanceCommand({ DBInstanceIdentifier: 'micro', DBInstanceClass: 'db.m5.large' }));
    assert.equal(pending.DBInstance?.DBInstanceClass, 'db.t3.micro');
    assert.equal(pending.DBInstance?.PendingModifiedValues?.DBInstanceClass, 'db.m5.large');
    assert.equal(pending.DBInstance?.DBInstanceStatus, 'available');
    {
      await using conn = await connectTo(micro, 'admin', PASSWORD);
      assert.equal((await memory(conn)).bufferPool, 16, 'unchanged until the reboot');
    }
    await t.rds.send(new RebootDBInstanceCommand({ DBInstanceIdentifier: 'micro' }));
    const rebooted = await waitForStatus(t.rds, 'micro', 'available');
    assert.equal(rebooted.DBInstanceClass, 'db.m5.large');
    assert.equal(rebooted.PendingModifiedValues?.DBInstanceClass, undefined);
    {
      await using conn = await connectTo(rebooted, 'admin', PASSWORD);
      assert.deepEqual(await memory(conn), { bufferPool: 128, redoLog: 128 });
    }

    const now = await t.rds.send(new ModifyDBInstanceCommand({ DBInstanceIdentifier: 'micro', DBInstanceClass: 'db.t3.small', ApplyImmediately: true }));
    assert.equal(now.DBInstance?.DBInstanceStatus, 'modifying');
    const small = await waitForStatus(t.rds, 'micro', 'available');
    assert.equal(small.DBInstanceClass, 'db.t3.small');
    await using conn = await connectTo(small, 'admin', PASSWORD, { database: 'app' });
    assert.equal((await memory(conn)).bufferPool, 32, 'db.t3.small: 2 GiB on AWS');
    const [kept] = await conn.query<RowDataPacket[]>('SELECT COUNT(*) AS n FROM kept');
    assert.equal(kept[0]!.n, 3);
    const events = await eventMessages(t.rds, 'micro');
    assert.ok(events.some((m) => m.startsWith('Applying modification to database instance class.')), events.join('\n'));
    assert.equal(events.filter((m) => m.startsWith('The DB instance class for this DB instance has changed.')).length, 2, events.join('\n'));
  });

  test('classes RDS does not offer are refused, and nothing is created', async () => {
    for (const instanceClass of ['db.m5.huge', 'db.q9.large', 'db.m5.micro', 'm5.large', "db.t3.micro'; DROP"]) {
      await assert.rejects(
        t.rds.send(
          new CreateDBInstanceCommand({
            DBInstanceIdentifier: 'odd-class',
            Engine: 'mariadb',
            DBInstanceClass: instanceClass,
            MasterUsername: 'admin',
            MasterUserPassword: PASSWORD,
          }),
        ),
        (error: { name: string; message: string }) => error.name === 'InvalidParameterValue' && /Invalid DB Instance class/.test(error.message),
        instanceClass,
      );
    }
    await assert.rejects(
      t.rds.send(new ModifyDBInstanceCommand({ DBInstanceIdentifier: 'micro', DBInstanceClass: 'db.m5.huge', ApplyImmediately: true })),
      { name: 'InvalidParameterValue' },
    );
    assert.equal((await describeOne(t.rds, 'micro')).DBInstanceClass, 'db.t3.small');
    await assert.rejects(describeOne(t.rds, 'odd-class'), { name: 'DBInstanceNotFoundFault' });
  });
});
