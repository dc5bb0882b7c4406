/**
 * The grant scripts that tools document for RDS, run verbatim as the master user: a monitoring
 * exporter's (mysqld_exporter: PROCESS, REPLICATION CLIENT, SELECT ON *.*) works, and the user it
 * makes can do its job — read every schema, the status, the binary log list — and cannot write
 * `mysql` or anything else. AWS DMS's and Debezium's need RELOAD, which openrds cannot give
 * safely on MariaDB 10.11 (RELOAD allows RESET MASTER and RESET SLAVE): they are refused with
 * ERROR 1045 and leave nothing behind (README, "How it differs from RDS").
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { refusal, rows, withInstance } from './support/cluster.js';
import { connectTo } from './support/service.js';

const PASSWORD = 'Grants-pass-1';

describe('tool grant scripts, verbatim, as the master user', () => {
  const db = withInstance('grants', PASSWORD);
  before(async () => {
    await db.admin.query('CREATE TABLE app.orders (id INT PRIMARY KEY)');
    await db.admin.query('INSERT INTO app.orders VALUES (1), (2)');
  });

  test("mysqld_exporter's: the user reads everything it monitors and writes nothing", async () => {
    await db.admin.query("CREATE USER 'exporter'@'%' IDENTIFIED BY 'Export-pass-1' WITH MAX_USER_CONNECTIONS 3");
    await db.admin.query("GRANT PROCESS, REPLICATION CLIENT, SELECT ON *.* TO 'exporter'@'%'");
    await using exporter = await connectTo(db.instance, 'exporter', 'Export-pass-1');
    assert.equal((await rows(exporter, 'SELECT * FROM app.orders')).length, 2);
    assert.ok((await rows(exporter, 'SELECT * FROM mysql.rds_history')).length >= 0);
    assert.ok((await rows(exporter, "SHOW GLOBAL STATUS LIKE 'Uptime'")).length === 1);
    assert.ok((await rows(exporter, 'SHOW BINARY LOGS')).length >= 1, 'the binary log list (REPLICATION CLIENT)');
    assert.ok((await rows(exporter, 'SHOW FULL PROCESSLIST')).length >= 1);
    for (const sql of [
      "INSERT INTO mysql.db (Host, Db, User, Select_priv) VALUES ('%', 'x', 'exporter', 'Y')",
      "UPDATE mysql.global_priv SET Priv = '{}' WHERE User = 'exporter'",
      'INSERT INTO app.orders VALUES (3)',
      "GRANT SELECT ON *.* TO 'admin'@'%'",
      'CREATE DATABASE other',
    ]) {
      const { errno } = await refusal(exporter, sql);
      assert.ok([1044, 1142, 1045, 1227].includes(errno), `${sql}: errno ${errno}`);
    }
  });

  test("AWS DMS's and Debezium's need RELOAD: refused as a whole, nothing granted", async () => {
    await db.admin.query("CREATE USER 'dms_user'@'%' IDENTIFIED BY 'Dms-pass-1'");
    await db.admin.query("CREATE USER 'debezium'@'%' IDENTIFIED BY 'Dbz-pass-1'");
    for (const sql of [
      "GRANT SELECT, RELOAD, LOCK TABLES, REPLICATION SLAVE, BINLOG MONITOR, SHOW VIEW ON *.* TO 'dms_user'@'%'",
      "GRANT SELECT, RELOAD, LOCK TABLES, SHOW VIEW, EVENT, TRIGGER ON *.* TO 'dms_user'@'%'",
      "GRANT SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO 'debezium'@'%'",
    ]) {
      const { errno } = await refusal(db.admin, sql);
      assert.equal(errno, 1045, sql);
    }
    for (const user of ['dms_user', 'debezium']) {
      const grants = (await rows<Record<string, string>>(db.admin, `SHOW GRANTS FOR '${user}'@'%'`)).map((g) => Object.values(g)[0]!);
      assert.deepEqual(grants.map((g) => g.replace(/ IDENTIFIED BY PASSWORD '[^']+'/, '')), [`GRANT USAGE ON *.* TO \`${user}\`@\`%\``]);
    }
    // The part without RELOAD goes through, as the tools' binlog readers need it.
    await db.admin.query("GRANT SELECT, REPLICATION SLAVE, REPLICATION CLIENT, SHOW VIEW ON *.* TO 'debezium'@'%'");
    await using debezium = await connectTo(db.instance, 'debezium', 'Dbz-pass-1');
    assert.ok((await rows(debezium, 'SHOW MASTER STATUS')).length === 1);
    assert.equal((await rows(debezium, 'SELECT * FROM app.orders')).length, 2);
    for (const sql of ['FLUSH TABLES WITH READ LOCK', 'RESET MASTER', "INSERT INTO mysql.db (Host, Db, User) VALUES ('%', 'y', 'debezium')"]) {
      const { errno } = await refusal(debezium, sql);
      assert.ok([1044, 1142, 1045, 1227].includes(errno), `${sql}: errno ${errno}`);
    }
  });
});
