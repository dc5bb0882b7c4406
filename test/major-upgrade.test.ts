/**
 * Major version upgrades, as RDS does them: ModifyDBInstance EngineVersion with
 * AllowMajorVersionUpgrade moves an RDS for MySQL 5.7 instance to 8.0 and then to 8.4. Each step
 * re-applies the SQL personality to the instance's data (its server started for repair), so the
 * procedures answer as the new version does (8.0's texts and `Starting:` rows, 8.4's `_source`
 * names), the parameter group becomes the new family's, the data, users and rds_history stay, and
 * the operator guard finds nothing to repair afterwards. RDS's rules: read replicas first, a custom
 * parameter group must be replaced in the same request.
 */
import { CreateDBParameterGroupCommand, ModifyDBInstanceCommand, type DBInstance } from '@aws-sdk/client-rds';
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Connection, RowDataPacket } from 'mysql2/promise';
import { rdsFailure, waitForStatus } from '../kit/api.js';
import { done, notYet, poll } from '../kit/poll.js';
import { createInstance, createReplica, eventMessages } from './support/cluster.js';
import { said } from './support/procedures-family.js';
import { connectTo, startTestService, type TestService } from './support/service.js';

const PASSWORD = 'Secret-pass1';

describe('major version upgrades re-apply the SQL personality', () => {
  let t: TestService;
  let instance: DBInstance;

  const upgrade = async (id: string, version: string, extra: Record<string, unknown> = {}) => {
    const out = await t.rds.send(new ModifyDBInstanceCommand({ DBInstanceIdentifier: id, EngineVersion: version, AllowMajorVersionUpgrade: true, ApplyImmediately: true, ...extra }));
    assert.equal(out.DBInstance?.DBInstanceStatus, 'upgrading');
    return waitForStatus(t.rds, id, 'available', 120_000);
  };
  const history = async (conn: Connection) => {
    const [rows] = await conn.query<RowDataPacket[]>('SELECT action FROM mysql.rds_history ORDER BY action_timestamp, seq');
    return rows.map((r) => String(r.action));
  };

  before(async () => {
    t = await startTestService();
    instance = await createInstance(t.rds, 'up', PASSWORD, { Engine: 'mysql', EngineVersion: '5.7' });
    await using admin = await connectTo(instance, 'admin', PASSWORD);
    await admin.query('CREATE TABLE app.kept (id INT PRIMARY KEY)');
    await admin.query('INSERT INTO app.kept VALUES (1), (2), (3)');
    await admin.query("CREATE USER 'app'@'%' IDENTIFIED BY 'App-pass-1'");
    await admin.query("GRANT SELECT ON app.* TO 'app'@'%'");
    assert.equal(await said(admin, 'CALL mysql.rds_stop_replication'), "E 1644 You can't stop replication because the replica isn't configured. First call mysql.rds_set_external_master.");
  });
  after(() => t?.[Symbol.asyncDispose]());

  test("RDS's rules: read replicas first; a custom parameter group is replaced in the same request", async () => {
    const replica = await createReplica(t.rds, 'up-r', 'up');
    const first = await rdsFailure(t.rds.send(new ModifyDBInstanceCommand({ DBInstanceIdentifier: 'up', EngineVersion: '8.0', AllowMajorVersionUpgrade: true, ApplyImmediately: true })));
    assert.equal(first.code, 'InvalidParameterCombination');
    assert.match(first.message ?? '', /^DB instance up has read replicas that need to be upgraded to 8\.0\.\S+ first: up-r\.$/);
    await upgrade('up-r', '8.0');
    await t.rds.send(new CreateDBParameterGroupCommand({ DBParameterGroupName: 'custom57', DBParameterGroupFamily: 'mysql5.7', Description: 'custom' }));
    await t.rds.send(new ModifyDBInstanceCommand({ DBInstanceIdentifier: 'up', DBParameterGroupName: 'custom57' }));
    const custom = await rdsFailure(t.rds.send(new ModifyDBInstanceCommand({ DBInstanceIdentifier: 'up', EngineVersion: '8.0', AllowMajorVersionUpgrade: true, ApplyImmediately: true })));
    assert.deepEqual([custom.code, custom.message], [
      'InvalidParameterCombination',
      'The current DB instance parameter group custom57 is custom. You must explicitly specify a new DB instance parameter group, either default or custom, for the engine version upgrade.',
    ]);
    const wrongFamily = await rdsFailure(
      t.rds.send(new ModifyDBInstanceCommand({ DBInstanceIdentifier: 'up', EngineVersion: '8.0', AllowMajorVersionUpgrade: true, ApplyImmediately: true, DBParameterGroupName: 'custom57' })),
    );
    assert.equal(wrongFamily.code, 'InvalidParameterCombination');
    assert.match(wrongFamily.message ?? '', /Use a parameter group with DBParameterGroupFamily mysql8\.0\./);
    // the replica answers as 8.0 now (an error where 5.7 answers a result set), and still replicates
    await using onReplica = await connectTo(replica, 'admin', PASSWORD);
    assert.equal(await said(onReplica, 'CALL mysql.rds_start_replication'), 'E 1644 Replication may already be running. Call rds_stop_replication to stop replication');
    {
      await using admin = await connectTo(instance, 'admin', PASSWORD);
      await admin.query('INSERT INTO app.kept VALUES (4)');
    }
    await poll('the 5.7 source\'s write on the 8.0 replica', async () => {
      const [[row]] = await onReplica.query<RowDataPacket[]>('SELECT COUNT(*) AS n FROM app.kept');
      return Number(row!.n) === 4 ? done(undefined) : notYet(row!.n);
    });
  });

  test('5.7 → 8.0: 8.0 answers, the new family default group, data and users kept, nothing for the guard', async () => {
    instance = await upgrade('up', '8.0', { DBParameterGroupName: 'default.mysql8.0' });
    assert.equal(instance.EngineVersion, '8.0.46-rds.20260908');
    assert.deepEqual(instance.DBParameterGroups?.map((g) => [g.DBParameterGroupName, g.ParameterApplyStatus]), [['default.mysql8.0', 'in-sync']]);
    await using admin = await connectTo(instance, 'admin', PASSWORD);
    const before = (await history(admin)).length;
    assert.equal(await said(admin, 'CALL mysql.rds_stop_replication'), "E 1644 You can't stop replication because the replica isn't configured. First call mysql.rds_set_external_master.");
    assert.deepEqual((await history(admin)).slice(before), ['Starting: stop slave'], "8.0 writes its Starting: row first");
    assert.equal(await said(admin, "CALL mysql.rds_set_external_source_gtid_purged('3E11FA47-71CA-11E1-9E33-C80AA9429562', 1, 5)"), 'E 1644 openrds replicates with MariaDB GTIDs, which have no server_uuid: gtid_purged cannot be set. Point the replica at its source by file and position, or by MariaDB GTID with auto-position.');
    assert.deepEqual((await admin.query<RowDataPacket[]>('SELECT id FROM app.kept ORDER BY id'))[0].map((r) => r.id), [1, 2, 3, 4]);
    await using app = await connectTo(instance, 'app', 'App-pass-1');
    assert.equal((await app.query<RowDataPacket[]>('SELECT COUNT(*) AS n FROM app.kept'))[0][0]!.n, 4);
    const events = await eventMessages(t.rds, 'up');
    assert.ok(events.includes('The engine version upgrade finished.: now 8.0.46-rds.20260908'), events.join(' | '));
  });

  test("8.0 → 8.4: the _source names; the _master ones are gone", async () => {
    await upgrade('up-r', '8.4');
    instance = await upgrade('up', '8.4');
    assert.deepEqual([instance.EngineVersion, instance.DBParameterGroups?.[0]?.DBParameterGroupName], ['8.4.11', 'default.mysql8.4']);
    await using admin = await connectTo(instance, 'admin', PASSWORD);
    assert.equal(await said(admin, 'CALL mysql.rds_reset_external_master'), 'E 1305 PROCEDURE mysql.rds_reset_external_master does not exist');
    assert.equal(
      await said(admin, 'CALL mysql.rds_reset_external_source'),
      "E 1644 You can't reset replication because replication isn't configured. First run mysql.rds_set_external_source.",
    );
    const [[format]] = await admin.query<RowDataPacket[]>('SELECT @@binlog_format AS f');
    assert.equal(format!.f, 'ROW', "8.4's family default");
    // two guard passes later, nothing was repaired: the re-applied personality is whole
    await t.service.monitor.runOnce();
    await t.service.monitor.runOnce();
    const repaired = (await eventMessages(t.rds, 'up')).filter((m) => /repaired|revoked|restarted to repair/i.test(m));
    assert.deepEqual(repaired, []);
  });
});
