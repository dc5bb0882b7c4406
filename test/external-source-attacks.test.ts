/**
 * An external source the master user controls: a plain MariaDB on its own host (a network
 * namespace) with root, to which the master user points its instance (rds_set_external_master).
 * The source sends what the replication SQL thread would apply with every privilege: GRANT ALL to
 * the master user, new accounts and roles with SUPER and FILE, a changed password, direct writes
 * into the grant tables (statement and row format), routines with a reserved definer inside and
 * outside `mysql`, a replaced rds procedure, an event in `mysql`. None of it may be applied or
 * survive a guard pass; the source's data keeps replicating.
 */
import { DescribeEventsCommand, type DBInstance } from '@aws-sdk/client-rds';
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Connection, RowDataPacket } from 'mysql2/promise';
import { createInstance, rows } from './support/cluster.js';
import { ExternalHost } from './support/external-host.js';
import { connectTo, startTestService, type TestService } from './support/service.js';
import { waitForStatus } from '../kit/api.js';
import { eventually } from '../kit/poll.js';

const PASSWORD = 'Owner-pass-1';
const REPL_PASSWORD = 'Repl-pass-1';
/** What must never show in the master user's grants or anyone else's. */
const BEYOND_MASTER = /SUPER|FILE|SHUTDOWN|RELOAD|ALL PRIVILEGES ON \*\.\*|ON `mysql`\.\* .*(INSERT|UPDATE|DELETE|ALL)|PROXY/;

describe('an external source the master user controls gains nothing', () => {
  let t: TestService;
  let external: ExternalHost;
  let root: Connection;
  let admin: Connection & AsyncDisposable;
  let instance: DBInstance;
  let marker = 0;

  /** Writes a row on the source and waits until the instance has it: everything before it was applied or filtered. */
  async function replicated(label: string): Promise<void> {
    marker += 1;
    await root.query('INSERT INTO app.marker (n) VALUES (?)', [marker]);
    await eventually(`${label}: marker ${marker} replicated`, async () => {
      admin = await reopen(admin);
      const [r] = await rows<{ n: number }>(admin, 'SELECT MAX(n) AS n FROM app.marker');
      return Number(r?.n) === marker;
    });
  }

  async function reopen(conn: Connection & AsyncDisposable): Promise<Connection & AsyncDisposable> {
    try {
      await conn.query('SELECT 1');
      return conn;
    } catch {
      conn.destroy();
      return connectTo(instance, 'admin', PASSWORD);
    }
  }

  /** Every account's grants on the instance, as one text. */
  async function allGrants(): Promise<string> {
    const accounts = await rows<{ u: string; h: string }>(admin, 'SELECT User AS u, Host AS h FROM mysql.global_priv');
    const out: string[] = [];
    for (const { u, h } of accounts) {
      if (['rdsadmin', 'rdsrepladmin', 'rdsbackup', 'mariadb.sys', 'rds_definer'].includes(u)) continue;
      const target = h === '' ? admin.escape(u) : `${admin.escape(u)}@${admin.escape(h)}`;
      const grants = await rows<Record<string, string>>(admin, `SHOW GRANTS FOR ${target}`);
      out.push(...grants.map((g) => Object.values(g)[0]!));
    }
    return out.join('\n');
  }

  before(async () => {
    t = await startTestService();
    external = await ExternalHost.start();
    root = await external.rootConnection({ multipleStatements: true });
    await root.query(
      `DROP USER IF EXISTS ''@'localhost'; CREATE USER repl@'%' IDENTIFIED BY '${REPL_PASSWORD}'; GRANT REPLICATION SLAVE ON *.* TO repl@'%';
       CREATE DATABASE app`,
    );
    instance = await createInstance(t.rds, 'ext-victim', PASSWORD);
    admin = await connectTo(instance, 'admin', PASSWORD);
    const [[position]] = await root.query<RowDataPacket[]>('SHOW MASTER STATUS');
    await admin.query('CALL mysql.rds_set_external_master(?, ?, ?, ?, ?, ?, 0)', [
      external.address, external.port, 'repl', REPL_PASSWORD, position!.File, position!.Position,
    ]);
    await admin.query('CALL mysql.rds_start_replication');
    // (the instance has its own `app`, from DBName: the table comes through replication)
    await root.query('CREATE TABLE app.marker (n INT PRIMARY KEY)');
    await replicated('start');
  });
  after(async () => {
    admin?.destroy();
    root?.destroy();
    await external?.[Symbol.asyncDispose]();
    await t?.[Symbol.asyncDispose]();
  });

  test('account statements from the source are not applied', async () => {
    await root.query(
      `CREATE USER IF NOT EXISTS admin@'%' IDENTIFIED BY 'Source-pass-1';
       GRANT ALL PRIVILEGES ON *.* TO admin@'%' WITH GRANT OPTION;
       ALTER USER admin@'%' IDENTIFIED BY 'Taken-over-1';
       SET PASSWORD FOR admin@'%' = PASSWORD('Taken-over-2');
       CREATE USER evil@'%' IDENTIFIED BY 'Evil-pass-1';
       GRANT SUPER, FILE, SHUTDOWN ON *.* TO evil@'%';
       CREATE ROLE boss; GRANT ALL PRIVILEGES ON *.* TO boss; GRANT boss TO admin@'%';
       USE app; GRANT SUPER ON *.* TO admin@'%'; GRANT ALL ON mysql.* TO admin@'%';
       GRANT PROXY ON ''@'%' TO admin@'%'`,
    );
    await replicated('account statements');
    const names = (await rows<{ u: string }>(admin, 'SELECT User AS u FROM mysql.global_priv')).map((r) => r.u);
    assert.ok(!names.includes('evil') && !names.includes('boss'), `no account or role from the source: ${names.join(', ')}`);
    assert.doesNotMatch(await allGrants(), BEYOND_MASTER);
    // the master user's password is still its own
    await (await connectTo(instance, 'admin', PASSWORD)).end();
    await assert.rejects(connectTo(instance, 'admin', 'Taken-over-2'), /Access denied/);
    await assert.rejects(connectTo(instance, 'evil', 'Evil-pass-1'), /Access denied/);
  });

  test('direct writes into the grant tables, in statement and row format, are not applied', async () => {
    for (const format of ['STATEMENT', 'ROW']) {
      await root.query(
        `SET SESSION binlog_format = '${format}'; USE app;
         UPDATE mysql.global_priv SET Priv = JSON_SET(Priv, '$.access', 1073741823) WHERE User = 'admin';
         REPLACE INTO mysql.global_priv (Host, User, Priv) VALUES ('%', 'sneak${format}', '{"access": 1073741823}');
         REPLACE INTO mysql.db (Host, Db, User, Select_priv, Insert_priv, Update_priv) VALUES ('%', 'mysql', 'admin', 'Y', 'Y', 'Y');
         REPLACE INTO mysql.procs_priv (Host, Db, User, Routine_name, Routine_type, Grantor, Proc_priv)
           VALUES ('%', 'mysql', 'admin', 'rds_grant_master_privileges', 'PROCEDURE', '', 'Execute');
         USE mysql; UPDATE global_priv SET Priv = JSON_SET(Priv, '$.access', 1073741823) WHERE User = 'admin';
         DELETE FROM mysql.global_priv WHERE User <> 'root' AND User <> 'repl'`,
      );
      await replicated(`grant tables, ${format}`);
    }
    const [priv] = await rows<{ access: string }>(admin, "SELECT JSON_VALUE(Priv, '$.access') AS access FROM mysql.global_priv WHERE User = 'admin'");
    const [ceiling] = await rows<{ value: string }>(admin, "SELECT value FROM mysql.rds_sysinfo WHERE name = 'master access'");
    assert.equal(priv?.access, ceiling?.value, 'the master user holds what it held');
    const sneaks = await rows(admin, "SELECT User FROM mysql.global_priv WHERE User LIKE 'sneak%'");
    assert.deepEqual(sneaks, []);
    assert.deepEqual(await rows(admin, "SELECT Db FROM mysql.db WHERE User = 'admin' AND Db = 'mysql' AND Insert_priv = 'Y'"), []);
    assert.deepEqual(await rows(admin, "SELECT Routine_name FROM mysql.procs_priv WHERE User = 'admin' AND Routine_name = 'rds_grant_master_privileges'"), []);
    // the reserved accounts are all there (nothing was deleted)
    const reserved = await rows(admin, "SELECT User FROM mysql.global_priv WHERE User IN ('rdsadmin', 'mariadb.sys', 'rds_definer')");
    assert.equal(reserved.length, 3);
    assert.doesNotMatch(await allGrants(), BEYOND_MASTER);
  });

  test('routines, packages and events with a reserved definer are dropped; mysql keeps only its own code', async () => {
    const eventsBefore = await repairEvents();
    await root.query(
      `USE app;
       CREATE DEFINER = rds_definer PROCEDURE app.lift() SQL SECURITY DEFINER GRANT ALL PRIVILEGES ON *.* TO admin@'%' WITH GRANT OPTION;
       CREATE DEFINER = 'rdsadmin'@'localhost' FUNCTION app.f() RETURNS INT DETERMINISTIC RETURN 1;
       CREATE DEFINER = rds_definer PROCEDURE mysql.rds_lift() SQL SECURITY DEFINER GRANT ALL PRIVILEGES ON *.* TO admin@'%';
       CREATE DEFINER = rds_definer EVENT mysql.e ON SCHEDULE EVERY 1 HOUR DO DELETE FROM mysql.rds_history;
       CREATE DEFINER = rds_definer SQL SECURITY DEFINER VIEW sys.privs AS SELECT * FROM mysql.global_priv;
       CREATE DEFINER = rds_definer SQL SECURITY DEFINER VIEW app.privs AS SELECT * FROM mysql.global_priv;
       SET sql_mode = 'ORACLE';
       CREATE DEFINER = rds_definer PACKAGE app.pk AS PROCEDURE p; END;
       CREATE DEFINER = rds_definer PACKAGE BODY app.pk AS PROCEDURE p AS BEGIN NULL; END; END;
       SET sql_mode = DEFAULT`,
    );
    await replicated('routines');
    await eventually('every planted routine, package and event is gone', async () => {
      const left = await rows(
        admin,
        "SELECT db, name, type FROM mysql.proc WHERE (db = 'app' OR name = 'rds_lift') UNION ALL SELECT db, name, 'EVENT' FROM mysql.event" +
          " UNION ALL SELECT TABLE_SCHEMA, TABLE_NAME, 'VIEW' FROM information_schema.VIEWS WHERE TABLE_NAME = 'privs'",
      );
      return left.length === 0;
    });
    await assert.rejects(admin.query('CALL app.lift()'), /does not exist/);
    await assert.rejects(admin.query('CALL mysql.rds_lift()'), /does not exist|command denied/);
    assert.doesNotMatch(await allGrants(), BEYOND_MASTER);
    // The guard records its event once its pass has returned: the drops can be seen a moment before.
    await eventually('the drops are events', async () => (await repairEvents()).length > eventsBefore.length);
    assert.equal((await waitForStatus(t.rds, 'ext-victim', 'available')).DBInstanceStatus, 'available');
  });

  test('a replaced rds procedure is restored (offline) before anyone can use it for long', async () => {
    await root.query(
      `USE app;
       CREATE OR REPLACE DEFINER = rds_definer PROCEDURE mysql.rds_kill(IN p_thread BIGINT) SQL SECURITY DEFINER
         GRANT ALL PRIVILEGES ON *.* TO admin@'%' WITH GRANT OPTION`,
    );
    await eventually('the repair restored mysql.rds_kill', async () => (await repairEvents()).some((m) => /rds_kill restored/.test(m)), 60_000);
    await waitForStatus(t.rds, 'ext-victim', 'available');
    admin = await reopen(admin);
    // whether or not the master user called it in the window, it holds nothing more now
    assert.doesNotMatch(await allGrants(), BEYOND_MASTER);
    const { message } = await admin.query('CALL mysql.rds_kill(999999)').then(() => ({ message: '' }), (e: Error) => e);
    assert.match(message, /Unknown thread|CANNOT KILL|not found/i, 'rds_kill is RDS\'s again');
    // The repair restarted the server: external replication waits for the master user, as after a reboot.
    await admin.query('CALL mysql.rds_start_replication');
    await replicated('after the repair');
  });

  async function repairEvents(): Promise<string[]> {
    const out = await t.rds.send(new DescribeEventsCommand({ SourceType: 'db-instance', SourceIdentifier: 'ext-victim', Duration: 600 }));
    return (out.Events ?? []).map((e) => e.Message ?? '').filter((m) => m.startsWith('Reserved account repaired'));
  }
});
