/**
 * The guard's invariants hold whatever route the damage took. Here the route is the most direct
 * one: the instance is stopped, its data directory opened with grant tables off, and grants that
 * no RDS master user could give are written into it (SUPER, FILE, SHUTDOWN and RELOAD to the
 * master user, a role and another account; write grants on `mysql`; EXECUTE on an internal rds
 * routine; PROXY; an account named like the operator in capitals; a trigger with a reserved
 * definer). Started again, the instance must hold none of it after its first guard pass, with
 * events saying what was taken away.
 */
import { StartDBInstanceCommand, StopDBInstanceCommand, type DBInstance } from '@aws-sdk/client-rds';
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import mysql from 'mysql2/promise';
import { createInstance, eventMessages, refusal, rows } from './support/cluster.js';
import { connectTo, startTestService, type TestService } from './support/service.js';
import { waitForStatus } from '../kit/api.js';
import { done, eventually, notYet, poll } from '../kit/poll.js';

const PASSWORD = 'Guarded-pass-1';
const BEYOND_MASTER = /SUPER|FILE|SHUTDOWN|RELOAD|ALL PRIVILEGES ON \*\.\*|PROXY|ON `mysql`\.\* .*(INSERT|UPDATE)|EXECUTE ON PROCEDURE `mysql`\.`rds_grant/;

/**
 * Writes `statements` into a stopped instance's data directory, its server started by the
 * placement for repair only (grant tables off, no TCP): the route of no user, to plant what no
 * user could. The option file it writes is written again by StartDBInstance.
 */
async function plant(t: TestService, instance: DBInstance, statements: string): Promise<void> {
  const server = await t.service.placement.startForRepair(instance.DBInstanceIdentifier!, { serverId: 1, port: instance.Endpoint!.Port! });
  try {
    const conn = await mysql.createConnection({ socketPath: server.endpoint.socketPath, user: 'root', multipleStatements: true });
    try {
      await conn.query('FLUSH PRIVILEGES');   // account statements need the grant tables loaded
      for (const sql of statements.split(';').map((x) => x.trim()).filter(Boolean)) await conn.query(sql).catch((e: Error) => { throw new Error(`${sql}: ${e.message}`); });
    } finally {
      await conn.end();
    }
  } finally {
    await server.stop();
  }
}

describe('the guard takes away what no account may hold, however it got there', () => {
  let t: TestService;
  let instance: DBInstance;
  let admin: mysql.Connection & AsyncDisposable;

  async function grantsOf(account: string): Promise<string> {
    return (await rows<Record<string, string>>(admin, `SHOW GRANTS FOR ${account}`)).map((g) => Object.values(g)[0]!).join('\n');
  }

  before(async () => {
    t = await startTestService();
    instance = await createInstance(t.rds, 'planted', PASSWORD);
    admin = await connectTo(instance, 'admin', PASSWORD);
    await admin.query('CREATE TABLE app.t (n INT)');
    await admin.end();
    await t.rds.send(new StopDBInstanceCommand({ DBInstanceIdentifier: 'planted' }));
    await waitForStatus(t.rds, 'planted', 'stopped');
    await plant(
      t,
      instance,
      `GRANT SUPER, FILE, SHUTDOWN, RELOAD ON *.* TO 'admin'@'%';
       CREATE USER 'helper'@'%' IDENTIFIED BY 'Helper-pass-1';
       GRANT RELOAD, PROCESS ON *.* TO 'helper'@'%' WITH GRANT OPTION;
       GRANT INSERT, UPDATE ON mysql.* TO 'helper'@'%';
       GRANT UPDATE ON mysql.global_priv TO 'helper'@'%';
       GRANT EXECUTE ON PROCEDURE mysql.rds_grant_master_privileges TO 'helper'@'%';
       CREATE ROLE boss; GRANT FILE, SUPER ON *.* TO boss;
       INSERT INTO mysql.roles_mapping (Host, User, Role, Admin_option) VALUES ('%', 'helper', 'boss', 'N');
       INSERT INTO mysql.proxies_priv (Host, User, Proxied_host, Proxied_user, With_grant) VALUES ('%', 'helper', '%', 'admin', 0);
       FLUSH PRIVILEGES;
       CREATE USER 'RDSADMIN'@'localhost'; GRANT SUPER ON *.* TO 'RDSADMIN'@'localhost';
       CREATE DEFINER = 'rdsadmin'@'localhost' TRIGGER app.lift BEFORE INSERT ON app.t FOR EACH ROW SET @x = 1`,
    );
    await t.rds.send(new StartDBInstanceCommand({ DBInstanceIdentifier: 'planted' }));
    instance = await waitForStatus(t.rds, 'planted', 'available');
  });
  after(async () => {
    admin?.destroy();
    await t?.[Symbol.asyncDispose]();
  });

  test('every planted privilege is revoked on the first passes, with events', async () => {
    await eventually('the guard took everything away', async () => {
      admin = await connectTo(instance, 'admin', PASSWORD);
      try {
        const all = [await grantsOf("'admin'@'%'"), await grantsOf("'helper'@'%'"), await grantsOf('boss'), await grantsOf("'RDSADMIN'@'localhost'")].join('\n');
        const proxies = await rows(admin, 'SELECT * FROM mysql.proxies_priv');
        const triggers = await rows(admin, "SELECT TRIGGER_NAME FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = 'app'");
        return !BEYOND_MASTER.test(all) && proxies.length === 0 && triggers.length === 0;
      } finally {
        admin.destroy();
      }
    });
    // The event is recorded once the pass has returned, a moment after its grants are gone.
    const said = [/beyond the master user's revoked from admin@%/, /from helper@%/, /from boss \(a role\)/, /from RDSADMIN@localhost/, /write privileges on `mysql`/, /internal mysql routines/, /PROXY on admin@%/, /trigger app\.lift/];
    await poll('events naming everything the guard took away', async () => {
      const all = (await eventMessages(t.rds, 'planted')).join('\n');
      const missing = said.filter((what) => !what.test(all));
      return missing.length === 0 ? done(all) : notYet({ missing: missing.map(String), events: all });
    });
  });

  test('the accounts can no longer use what they were given', async () => {
    admin = await connectTo(instance, 'admin', PASSWORD);
    await using helper = await connectTo(instance, 'helper', 'Helper-pass-1');
    for (const [conn, sql] of [
      [admin, "SELECT 1 INTO OUTFILE '/tmp/openrds-planted.txt'"],
      [admin, 'FLUSH TABLES'],
      [admin, 'SHUTDOWN'],
      [helper, "INSERT INTO mysql.db (Host, Db, User, Select_priv) VALUES ('%', 'x', 'helper', 'Y')"],
      [helper, "UPDATE mysql.global_priv SET Priv = '{}' WHERE User = 'admin'"],
      [helper, "CALL mysql.rds_grant_master_privileges('helper', 1)"],
      [helper, 'RESET MASTER'],
    ] as const) {
      const { errno } = await refusal(conn, sql);
      assert.ok([1044, 1045, 1142, 1143, 1227, 1370, 1959].includes(errno), `${sql}: errno ${errno}`);
    }
    // the role is still held, and carries nothing now
    await helper.query('SET ROLE boss');
    const { errno } = await refusal(helper, "SELECT 1 INTO OUTFILE '/tmp/openrds-planted-role.txt'");
    assert.ok([1045, 1227].includes(errno), `FILE through the role: errno ${errno}`);
    // and the instance still works for its owner
    await admin.query('INSERT INTO app.t VALUES (1)');
    assert.equal((await rows(admin, 'SELECT * FROM app.t')).length, 1);
    admin.destroy();
  });
});
