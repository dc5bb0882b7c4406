/**
 * Privilege escalation attempts by the master user and by an ordinary user, on a source with a
 * running read replica. Every attempt must fail (or, for what MariaDB cannot refuse -- the master
 * user's global CREATE USER over the reserved accounts -- be undone by the operator guard before
 * it gains anything), and after each the instance must keep working: the master user still logs
 * in and writes, and the write reaches the replica.
 * test/privileges.test.ts covers the master user's plain grant list; this suite goes beyond it.
 */
import { DescribeDBInstancesCommand, type DBInstance } from '@aws-sdk/client-rds';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';
import type { Connection, RowDataPacket } from 'mysql2/promise';
import { createInstance, createReplica, eventMessages, recordFigure, replicaStatus, rows, refusal, serversUnder, trustingFunctionCreators } from './support/cluster.js';
import { connectTo, startTestService, type TestService } from './support/service.js';
import { describeOne, waitForStatus } from '../kit/api.js';
import { eventually } from '../kit/poll.js';

const run = promisify(execFile);
const PASSWORD = 'Attack-pass1';
const APP_PASSWORD = 'App-pass-1';

/** What each attempt was and how it ended, for docs/reliability.md. */
const outcomes: { attempt: string; outcome: string }[] = [];


describe('attacks on the operator: every attempt fails and the instance keeps working', () => {
  let t: TestService;
  let source: DBInstance;
  let replica: DBInstance;
  let admin: Connection & AsyncDisposable;
  let onReplica: Connection & AsyncDisposable;
  let app: Connection & AsyncDisposable;
  let probe = 0;

  /**
   * The master user works on both, replication runs and carries a fresh write. A replicated attack
   * reaches the replica later than the source, so the replica may still be restarted for its own
   * repair while this waits: its connection is reopened as a user would reopen it.
   */
  async function healthy(label: string): Promise<void> {
    await eventually(`${label}: both available and reachable`, async () => {
      for (const id of ['atk', 'atk-r']) if ((await describeOne(t.rds, id)).DBInstanceStatus !== 'available') return false;
      admin = await ensureOpen(admin, source, 'admin', PASSWORD);
      onReplica = await ensureOpen(onReplica, replica, 'admin', PASSWORD);
      return true;
    });
    probe += 1;
    await admin.query('INSERT INTO app.probe (n) VALUES (?)', [probe]);
    let status: Record<string, unknown> | undefined;
    await eventually(`${label}: the write reaches the replica, both replication threads run`, async () => {
      onReplica = await ensureOpen(onReplica, replica, 'admin', PASSWORD);
      const [r] = await rows<{ n: number }>(onReplica, 'SELECT MAX(n) AS n FROM app.probe');
      status = await replicaStatus(onReplica);
      return Number(r?.n) === probe && status?.Slave_IO_Running === 'Yes' && status?.Slave_SQL_Running === 'Yes';
    }, 20_000).catch(async (error: Error) => {
      const events = await eventMessages(t.rds, 'atk-r');
      throw new Error(`${error.message}; replica status ${JSON.stringify(status)?.slice(0, 800)}; replica events ${JSON.stringify(events)}`);
    });
    const [grants] = await admin.query<RowDataPacket[]>('SHOW GRANTS');
    assert.doesNotMatch(grants.map((g) => Object.values(g)[0]).join('\n'), /SUPER|rds_definer|ALL PRIVILEGES ON \*\.\*|FILE/);
    await eventually(`${label}: every instance available`, async () => {
      const described = (await t.rds.send(new DescribeDBInstancesCommand({}))).DBInstances!;
      return described.every((d) => d.DBInstanceStatus === 'available');
    });
  }

  /** A connection that the guard may have ended (it kills sessions of impostors): reopened if so. */
  async function ensureOpen(conn: (Connection & AsyncDisposable) | undefined, instance: DBInstance, user: string, pw: string) {
    if (conn) {
      try {
        await conn.query('SELECT 1');
        return conn;
      } catch {
        conn.destroy();
      }
    }
    return connectTo(instance, user, pw);
  }

  /** Runs `sql` as `conn`, expects a refusal with one of `errnos`, records it, then checks health. */
  async function refused(who: 'master' | 'ordinary' | 'master@replica', sql: string, errnos: number[]): Promise<void> {
    const conn = who === 'master' ? admin : who === 'ordinary' ? app : onReplica;
    const { errno, message } = await refusal(conn, sql);
    assert.ok(errnos.includes(errno), `${sql}: errno ${errno} (${message})`);
    outcomes.push({ attempt: `${who}: ${sql}`, outcome: `refused, ERROR ${errno}` });
  }

  before(async () => {
    t = await startTestService();
    source = await createInstance(t.rds, 'atk', PASSWORD, { DBParameterGroupName: await trustingFunctionCreators(t.rds) });
    admin = await connectTo(source, 'admin', PASSWORD);
    await admin.query('CREATE TABLE app.probe (n INT PRIMARY KEY)');
    await admin.query("CREATE USER 'app'@'%' IDENTIFIED BY ?", [APP_PASSWORD]);
    await admin.query("GRANT ALL PRIVILEGES ON app.* TO 'app'@'%'");
    replica = await createReplica(t.rds, 'atk-r', 'atk');
    onReplica = await connectTo(replica, 'admin', PASSWORD);
    app = await connectTo(source, 'app', APP_PASSWORD);
    await healthy('start');
  });
  after(async () => {
    await recordFigure({ suite: 'attacks', attempts: outcomes.length, refused: outcomes.length, outcomes });
    admin?.destroy();
    onReplica?.destroy();
    app?.destroy();
    await t?.[Symbol.asyncDispose]();
  });

  test('replication statements and protected variables, on the replica and the source (ERROR 1227)', async () => {
    for (const sql of [
      'STOP SLAVE',
      'STOP REPLICA IO_THREAD',
      "CHANGE MASTER TO MASTER_HOST='10.9.9.9'",
      "CHANGE MASTER TO MASTER_USE_GTID=no",
      'RESET SLAVE ALL',
      'SET GLOBAL read_only = 0',
      'SET GLOBAL sql_slave_skip_counter = 1',
      "SET GLOBAL gtid_slave_pos = '0-1-1'",
      "SET GLOBAL replicate_ignore_db = 'app'",
    ]) {
      await refused('master@replica', sql, [1227]);
    }
    for (const sql of [
      'SET sql_log_bin = 0',
      'SET GLOBAL sql_log_bin = 0',
      'SET GLOBAL event_scheduler = ON',
      "SET GLOBAL binlog_format = 'STATEMENT'",
      'SET GLOBAL expire_logs_days = 1',
      'SET GLOBAL max_binlog_size = 4096',
      'SET GLOBAL log_bin_trust_function_creators = 0',
      'RESET MASTER',
      'PURGE BINARY LOGS BEFORE NOW()',
      'FLUSH BINARY LOGS',
      'SET GLOBAL general_log = ON',
      "SET GLOBAL general_log_file = '/tmp/x.log'",
      "SET GLOBAL log_output = 'TABLE'",
      'SET GLOBAL init_connect = \'SET @x = 1\'',
    ]) {
      await refused('master', sql, [1227]);
    }
    await healthy('replication statements');
  });

  test('DDL and DML on the mysql schema, through every door', async () => {
    for (const sql of [
      'RENAME TABLE mysql.rds_history TO app.h',
      'ALTER TABLE mysql.proc ENGINE = InnoDB',
      "INSERT INTO mysql.procs_priv (Host, Db, User, Routine_name, Routine_type, Grantor, Proc_priv) VALUES ('%', 'mysql', 'admin', 'rds_operator_status', 'PROCEDURE', '', 'Execute')",
      "REPLACE INTO mysql.roles_mapping VALUES ('%', 'admin', 'rds_definer', 'Y')",
      "UPDATE mysql.rds_sysinfo SET value = 'x'",
      'DROP PROCEDURE mysql.rds_operator_guard',
      'CREATE OR REPLACE PROCEDURE mysql.rds_assert_operator() BEGIN END',
      'CREATE TRIGGER mysql.t BEFORE INSERT ON mysql.rds_history FOR EACH ROW SET @x = 1',
      "CREATE EVENT mysql.e ON SCHEDULE EVERY 1 SECOND DO DELETE FROM mysql.rds_history",
      'LOCK TABLES mysql.global_priv WRITE',
      'CREATE DATABASE `mysql`',
      'DROP DATABASE mysql',
    ]) {
      await refused('master', sql, [1044, 1142, 1370, 1227, 1007, 1050, 1465]);
    }
    // A five-letter database named like mysql in another case is its own database (case-sensitive names).
    await healthy('mysql schema');
  });

  test('definer tricks: routines, views, triggers and events as the operator or rds_definer (ERROR 1227)', async () => {
    for (const definer of ['rds_definer', "'rdsadmin'@'localhost'", "'mariadb.sys'@'localhost'", "'rdsrepladmin'@'%'", "'root'@'localhost'"]) {
      await refused('master', `CREATE DEFINER = ${definer} PROCEDURE app.p() SQL SECURITY DEFINER UPDATE mysql.global_priv SET Priv = '{}'`, [1227]);
      await refused('master', `CREATE DEFINER = ${definer} SQL SECURITY DEFINER VIEW app.v AS SELECT * FROM mysql.global_priv`, [1227]);
    }
    await refused('master', "CREATE DEFINER = 'rdsadmin'@'localhost' TRIGGER app.t BEFORE INSERT ON app.probe FOR EACH ROW SET @x = 1", [1227]);
    await refused('master', "CREATE DEFINER = rds_definer EVENT app.e ON SCHEDULE EVERY 1 SECOND DO DELETE FROM mysql.global_priv", [1227]);
    await refused('master', "CREATE DEFINER = rds_definer FUNCTION app.f() RETURNS INT RETURN 1", [1227]);
    // SQL SECURITY: a DEFINER routine of the master user runs with its privileges, no more.
    await admin.query(
      "CREATE PROCEDURE app.lift() SQL SECURITY DEFINER UPDATE mysql.global_priv SET Priv = JSON_SET(Priv, '$.access', 1073741823) WHERE User = 'app'",
    );
    await admin.query("GRANT EXECUTE ON PROCEDURE app.lift TO 'app'@'%'");
    await refused('ordinary', 'CALL app.lift()', [1142]);
    await refused('master', 'CALL app.lift()', [1142]);
    // An INVOKER routine of the master user cannot lend the guard's repair its own (missing) rights.
    await refused('master', "CALL mysql.rds_guard_repair('x', NULL, 1)", [1370]);
    await refused('master', "CALL mysql.rds_assert_operator()", [1370]);
    await refused('master', "CALL mysql.rds_grant_master_privileges('app', 1)", [1370]);
    await admin.query('DROP PROCEDURE app.lift');
    await healthy('definer tricks');
  });

  test('GRANT, REVOKE and role tricks on the operator accounts are refused', async () => {
    for (const sql of [
      "GRANT SUPER ON *.* TO 'admin'@'%'",
      "GRANT FILE ON *.* TO 'admin'@'%'",
      "GRANT REPLICATION SLAVE ADMIN ON *.* TO 'admin'@'%'",
      "GRANT SET USER ON *.* TO 'admin'@'%'",
      "GRANT EXECUTE ON PROCEDURE mysql.rds_operator_set_master_password TO 'admin'@'%'",
      "GRANT EXECUTE ON PROCEDURE mysql.rds_guard_repair TO 'admin'@'%'",
      "GRANT ALL ON mysql.* TO 'admin'@'%'",
      "GRANT rds_definer TO 'admin'@'%'",
      'SET ROLE rds_definer',
      "GRANT PROXY ON 'rdsadmin'@'localhost' TO 'admin'@'%'",
    ]) {
      await refused('master', sql, [1044, 1045, 1227, 1370, 1698, 1959, 1142, 1403, 1141]);
    }
    for (const sql of [
      'STOP SLAVE',
      "CALL mysql.rds_stop_replication()",
      "CREATE USER 'x'@'%'",
      "RENAME USER 'rdsadmin'@'localhost' TO 'x'@'%'",
      'SELECT * FROM mysql.global_priv',
      "GRANT SELECT ON mysql.* TO 'app'@'%'",
      'SHOW GRANTS FOR rds_definer',
      'SHOW BINLOG EVENTS',
    ]) {
      await refused('ordinary', sql, [1044, 1142, 1227, 1370, 1045]);
    }
    await healthy('grant tricks');
  });

  test('KILL of replication threads and operator sessions is refused', async () => {
    const threads = await rows<{ Id: number; User: string }>(onReplica, "SELECT ID AS Id, USER AS User FROM information_schema.PROCESSLIST WHERE USER = 'system user'");
    assert.ok(threads.length >= 1, 'the replica shows its replication threads');
    for (const { Id } of threads) {
      await refused('master@replica', `KILL ${Id}`, [1095]);
      const { message } = await refusal(onReplica, `CALL mysql.rds_kill(${Id})`);
      assert.match(message, /CANNOT KILL/);
      outcomes.push({ attempt: `master@replica: CALL mysql.rds_kill(<replication thread>)`, outcome: 'refused: ' + message });
    }
    const dumps = await rows<{ Id: number }>(admin, "SELECT ID AS Id FROM information_schema.PROCESSLIST WHERE COMMAND = 'Binlog Dump'");
    for (const { Id } of dumps) {
      await refused('master', `KILL ${Id}`, [1095]);
      await assert.rejects(admin.query(`CALL mysql.rds_kill(${Id})`), /CANNOT KILL/);
    }
    await healthy('kill');
  });

  test('server files: LOAD DATA INFILE, SELECT INTO OUTFILE/DUMPFILE and LOAD_FILE are refused', async () => {
    await refused('master', "LOAD DATA INFILE '/etc/passwd' INTO TABLE app.probe", [1045, 1227]);
    await refused('master', "SELECT 1 INTO OUTFILE '/tmp/openrds-attack.txt'", [1045, 1227]);
    await refused('master', "SELECT 'x' INTO DUMPFILE '/tmp/openrds-attack.so'", [1045, 1227]);
    await refused('master', "CREATE FUNCTION evil RETURNS STRING SONAME 'openrds-attack.so'", [1044, 1045, 1227, 1126, 1142]);
    await refused('master', "INSTALL SONAME 'ha_connect'", [1044, 1045, 1227, 1142]);
    const [r] = await rows<{ f: unknown }>(admin, "SELECT LOAD_FILE('/etc/passwd') AS f");
    assert.equal(r?.f, null, 'LOAD_FILE gives nothing');
    outcomes.push({ attempt: "master: SELECT LOAD_FILE('/etc/passwd')", outcome: 'NULL (no FILE privilege)' });
    // Defence in depth: even with FILE, only the instance's own files directory; the state is private.
    const [priv] = await rows<{ dir: string }>(admin, 'SELECT @@secure_file_priv AS dir');
    assert.equal(priv?.dir.replace(/\/$/, ''), join(t.home, 'instances', 'atk', 'files'));
    const stateDir = join(t.home, 'state');
    assert.equal((await stat(stateDir)).mode & 0o777, 0o700, 'the store directory is 0700');
    const stored = (await readdir(stateDir)).filter((name) => name.startsWith('state.db'));
    assert.ok(stored.includes('state.db'), 'the store is there');
    for (const name of stored) assert.equal((await stat(join(stateDir, name))).mode & 0o777, 0o600, `${name} is 0600`);
    outcomes.push({ attempt: 'anyone: read state.db (the operator passwords)', outcome: 'refused: 0600 in a 0700 directory' });
    if (process.getuid?.() === 0) await attackAsServerAccount(stateDir);
    await healthy('files');
  });

  async function attackAsServerAccount(stateDir: string): Promise<void> {
    // Run by root, the servers run as Debian's mysql account: a server made to run an attacker's
    // code (a UDF, a plugin) is then that account, and can neither read the store nor rewrite the
    // option file root starts it with.
    const mysqlUid = Number((await run('id', ['-u', 'mysql'])).stdout.trim());
    const mysqlGid = Number((await run('id', ['-g', 'mysql'])).stdout.trim());
    const pids = await serversUnder(join(t.home, 'instances', 'atk', 'my.cnf'));
    assert.equal(pids.length, 1, 'one server for the instance');
    const status = await readFile(`/proc/${pids[0]}/status`, 'utf8');
    assert.match(status, new RegExp(`^Uid:\\s+${mysqlUid}\\s+${mysqlUid}\\s+${mysqlUid}\\s+${mysqlUid}$`, 'm'), 'mariadbd runs as mysql (real, effective, saved, fs)');
    assert.match(status, new RegExp(`^Groups:\\s*(${mysqlGid}\\s*)?$`, 'm'), 'and keeps none of root\'s groups');
    const asServer = { uid: mysqlUid, gid: mysqlGid };
    const attempts: [string, string, string[]][] = [
      ['read the store', 'cat', [join(stateDir, 'state.db')]],
      ['list the store directory', 'ls', [stateDir]],
      ['list the state directory', 'ls', [t.home]],
      ['rewrite its own option file', 'sh', ['-c', `echo user=root >> ${join(t.home, 'instances', 'atk', 'my.cnf')}`]],
      ['replace its own option file', 'sh', ['-c', `cd ${join(t.home, 'instances', 'atk')} && echo user=root > files/my.cnf && mv -f files/my.cnf my.cnf`]],
      ['write into the templates', 'touch', [join(t.home, 'templates', 'planted')]],
    ];
    for (const [what, file, args] of attempts) {
      const error = await run(file, args, asServer).then(() => undefined, (e: { stderr?: string }) => e.stderr ?? 'failed');
      assert.ok(error, `the mysql account could ${what}`);
      assert.match(error, /Permission denied/, `${what}: ${error}`);
      outcomes.push({ attempt: `the server's OS account (mysql): ${what}`, outcome: 'refused: Permission denied' });
    }
    assert.doesNotMatch(await readFile(join(t.home, 'instances', 'atk', 'my.cnf'), 'utf8'), /^user=root$/m, 'the option file is unchanged');
  }

  test('operator secrets are nowhere the users can read: tables, binary logs, processes, files, the API', async () => {
    const secrets = [...t.service.control.describe()].flatMap((r) => {
      const { operator, replication } = t.service.control.monitored.reservedSecrets(r.id);
      return [operator, replication].filter((v): v is string => !!v);
    });
    assert.ok(secrets.length >= 3, 'two operator passwords and one replication password');
    const leaks: string[] = [];
    const look = (where: string, text: string) => {
      for (const s of secrets) if (text.includes(s)) leaks.push(where);
    };
    // every table of the mysql schema the master user can read, on both
    for (const conn of [admin, onReplica]) {
      for (const { t: table } of await rows<{ t: string }>(conn, "SELECT TABLE_NAME AS t FROM information_schema.TABLES WHERE TABLE_SCHEMA = 'mysql'")) {
        const content = await rows(conn, `SELECT * FROM mysql.\`${table}\``).catch(() => []);
        look(`mysql.${table}`, JSON.stringify(content));
      }
      // the binary logs (the master user may read them: BINLOG MONITOR, REPLICATION SLAVE)
      for (const { Log_name } of await rows<{ Log_name: string }>(conn, 'SHOW BINARY LOGS')) {
        look(`binlog ${Log_name}`, JSON.stringify(await rows(conn, `SHOW BINLOG EVENTS IN '${Log_name}'`)));
      }
      look('processlist', JSON.stringify(await rows(conn, 'SHOW FULL PROCESSLIST')));
      look('variables', JSON.stringify(await rows(conn, 'SHOW GLOBAL VARIABLES')));
    }
    // process arguments of every mariadbd and mariadb-backup (scanned while a hot copy runs)
    const scan = async () => {
      for (const pid of await readdir('/proc')) {
        if (!/^\d+$/.test(pid)) continue;
        const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
        if (/mariadb|mysql/.test(cmdline)) look(`/proc/${pid}/cmdline`, cmdline);
      }
    };
    await scan();
    // files a user could be shown: the instance directories hold no secret in clear
    // (the SQLite state and the replication connection info are 0600 files of openrds's own user)
    // (a running server's temporary files may vanish between readdir and reading them: skipped)
    const gone = (error: unknown) => ((error as NodeJS.ErrnoException).code === 'ENOENT' ? undefined : Promise.reject(error));
    const walk = async (dir: string): Promise<void> => {
      for (const entry of await readdir(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) await walk(path);
        else if (entry.isFile() && !/master\.info$|state\.db/.test(entry.name)) {
          const size = (await stat(path).catch(gone))?.size;
          const text = size !== undefined && size < 64 * 1024 * 1024 ? await readFile(path).catch(gone) : undefined;
          if (text !== undefined) look(path, text.toString('latin1'));
        }
      }
    };
    await walk(join(t.home, 'instances'));
    // the API: DescribeDBInstances, DescribeEvents and the console's JSON
    look('DescribeDBInstances', JSON.stringify(await t.rds.send(new DescribeDBInstancesCommand({}))));
    look('DescribeEvents', JSON.stringify(await eventMessages(t.rds, 'atk')));
    for (const path of ['/openrds/v1/instances', '/openrds/v1/instances/atk', '/openrds/v1/instances/atk/events']) {
      look(path, await fetch(`${t.service.endpoint}${path}`).then((r) => r.text(), () => ''));
    }
    assert.deepEqual(leaks, [], 'no operator secret is readable');
    for (const what of ['mysql.* tables', 'SHOW BINLOG EVENTS', 'SHOW FULL PROCESSLIST', 'SHOW GLOBAL VARIABLES', '/proc/*/cmdline', 'instance files', 'the API']) {
      outcomes.push({ attempt: `master: read operator credentials from ${what}`, outcome: 'nothing found' });
    }
    await healthy('secrets');
  });

  // ── What MariaDB cannot refuse: the master user's global CREATE USER over the reserved accounts.
  // The operator guard (src/control/operator-guard.ts) must undo each before it gains anything.

  async function guarded(label: string, attack: () => Promise<void>, expect: RegExp): Promise<void> {
    await healthy(`before: ${label}`);
    const before = (await eventMessages(t.rds, 'atk')).length;
    const started = Date.now();
    await attack();
    await eventually(`${label}: repaired`, async () => {
      const events = await eventMessages(t.rds, 'atk');
      return events.length > before && events.some((e) => e.startsWith('Reserved account repaired') && expect.test(e));
    });
    await waitForStatus(t.rds, 'atk', 'available');
    outcomes.push({ attempt: `master: ${label}`, outcome: `undone by the operator guard in ${Date.now() - started} ms` });
    await healthy(label);
  }

  test('renaming the operator to % and logging in over TCP gains nothing, and is undone', async () => {
    await guarded(
      "RENAME USER rdsadmin@localhost TO rdsadmin@'%' + ALTER USER password + log in over TCP",
      async () => {
        // One round trip; a guard pass (every 100 ms here) that lands between the two undoes the
        // rename and the ALTER fails (1396): the attacker tries again, as it would.
        const attacker = await connectTo(source, 'admin', PASSWORD, { multipleStatements: true });
        try {
          for (let attempt = 1; ; attempt++) {
            const takeover = "RENAME USER 'rdsadmin'@'localhost' TO 'rdsadmin'@'%'; ALTER USER 'rdsadmin'@'%' IDENTIFIED BY 'Taken-over-1'";
            const failed = await attacker.query(takeover).then(() => undefined, (error: { errno?: number }) => error);
            if (!failed) break;
            if (failed.errno !== 1396 || attempt === 5) throw failed;
          }
        } finally {
          attacker.destroy();
        }
        const op = await connectTo(source, 'rdsadmin', 'Taken-over-1').catch(() => undefined);
        if (op) {
          const { message } = await refusal(op, "CALL mysql.rds_operator_set_master_password('Stolen-pass-1')");
          assert.match(message, /operator routines are for rdsadmin@localhost|denied|Lost connection|Connection lost|closed|killed/i);
          op.destroy();
        }
      },
      /restored|dropped/,
    );
    await assert.rejects(connectTo(source, 'rdsadmin', 'Taken-over-1'), /Access denied/, 'the impostor is gone');
    await assert.rejects(connectTo(source, 'admin', 'Stolen-pass-1'), /Access denied/);
  });

  test('dropping the operator account is undone (offline repair)', async () => {
    await guarded("DROP USER 'rdsadmin'@'localhost'", () => admin.query("DROP USER 'rdsadmin'@'localhost'").then(() => undefined), /could not work|restored/);
  });

  test('locking, expiring or limiting the operator account is undone', async () => {
    await guarded('ALTER USER rdsadmin ACCOUNT LOCK', () => admin.query("ALTER USER 'rdsadmin'@'localhost' ACCOUNT LOCK").then(() => undefined), /restored|could not work/);
    await guarded('ALTER USER rdsadmin PASSWORD EXPIRE', () => admin.query("ALTER USER 'rdsadmin'@'localhost' PASSWORD EXPIRE").then(() => undefined), /restored|could not work/);
    await guarded(
      'ALTER USER rdsadmin WITH MAX_QUERIES_PER_HOUR 1',
      () => admin.query("ALTER USER 'rdsadmin'@'localhost' WITH MAX_QUERIES_PER_HOUR 1").then(() => undefined),
      /restored|could not work/,
    );
  });

  test('stripping the operator of its grants (REVOKE ALL) is undone', async () => {
    await guarded(
      "REVOKE ALL PRIVILEGES, GRANT OPTION FROM 'rdsadmin'@'localhost'",
      () => admin.query("REVOKE ALL PRIVILEGES, GRANT OPTION FROM 'rdsadmin'@'localhost'").then(() => undefined),
      /could not work|restored/,
    );
  });

  test("granting a role of the master user's to the operator is undone", async () => {
    await admin.query('CREATE ROLE helper');
    await guarded(
      "GRANT helper TO rdsadmin@localhost + SET DEFAULT ROLE helper FOR rdsadmin@localhost",
      async () => {
        await admin.query("GRANT helper TO 'rdsadmin'@'localhost'");
        await admin.query("SET DEFAULT ROLE helper FOR 'rdsadmin'@'localhost'").catch(() => undefined);
      },
      /rdsadmin@localhost restored/,
    );
    await admin.query('DROP ROLE helper');
  });

  test('re-creating rds_definer empty and planting a routine with it as definer gains nothing', async () => {
    await guarded(
      'DROP ROLE rds_definer; CREATE ROLE rds_definer; CREATE DEFINER=rds_definer PROCEDURE app.evil (runs as the repaired role?)',
      async () => {
        // The role's re-creation in one round trip: a guard pass between its statements repairs
        // offline, which restarts the server and ends this session before the plant.
        const attacker = await connectTo(source, 'admin', PASSWORD, { multipleStatements: true });
        try {
          await attacker.query('DROP ROLE rds_definer; CREATE ROLE rds_definer; SET ROLE rds_definer');
          for (const sql of [
            "CREATE DEFINER = rds_definer PROCEDURE app.evil() SQL SECURITY DEFINER GRANT ALL PRIVILEGES ON *.* TO 'admin'@'%' WITH GRANT OPTION",
            "CREATE DEFINER = rds_definer SQL SECURITY DEFINER VIEW app.evil_v AS SELECT User, Priv FROM mysql.global_priv",
          ]) {
            await attacker.query(sql).catch(() => undefined);
          }
        } finally {
          attacker.destroy();
        }
      },
      /role rds_definer/,
    );
    admin = await ensureOpen(admin, source, 'admin', PASSWORD);
    await refused('master', 'CALL app.evil()', [1305, 1370]);
    await refused('master', 'SELECT * FROM app.evil_v', [1146, 1142]);
    await refused('master', 'SET ROLE rds_definer', [1959]);
    // the rds procedures work again
    const [results] = await admin.query<RowDataPacket[][]>('CALL mysql.rds_show_configuration()');
    assert.ok(results[0]!.length >= 1);
  });

  test('a package planted as a re-created rds_definer (Oracle mode) is dropped, and the instance is whole again', async () => {
    await guarded(
      "DROP ROLE rds_definer; CREATE ROLE rds_definer; SET ROLE rds_definer; SET sql_mode='ORACLE'; CREATE DEFINER=CURRENT_ROLE PACKAGE app.pk ...",
      async () => {
        // One round trip, so that the guard's repair (which restarts the server) comes after it.
        const attacker = await connectTo(source, 'admin', PASSWORD, { multipleStatements: true });
        await attacker.query(
          "DROP ROLE rds_definer; CREATE ROLE rds_definer; SET ROLE rds_definer; SET sql_mode = 'ORACLE';" +
            ' CREATE DEFINER = CURRENT_ROLE PACKAGE app.pk AS PROCEDURE lift; END;' +
            " CREATE DEFINER = CURRENT_ROLE PACKAGE BODY app.pk AS PROCEDURE lift AS BEGIN EXECUTE IMMEDIATE 'GRANT ALL PRIVILEGES ON *.* TO admin@''%'''; END; END",
        ).finally(() => attacker.destroy());
      },
      /role rds_definer/,
    );
    admin = await ensureOpen(admin, source, 'admin', PASSWORD);
    const left = await rows(admin, "SELECT type FROM mysql.proc WHERE db = 'app' AND name = 'pk'");
    assert.deepEqual(left, [], 'the package and its body are gone');
    await refused('master', 'CALL app.pk.lift()', [1305, 1370]);
  });

  test('taking over mariadb.sys (definer of mysql.user) is undone', async () => {
    await guarded(
      "RENAME USER 'mariadb.sys'@'localhost' TO 'mariadb.sys'@'%' + password + ACCOUNT UNLOCK",
      async () => {
        await admin.query("RENAME USER 'mariadb.sys'@'localhost' TO 'mariadb.sys'@'%'");
        await admin.query("ALTER USER 'mariadb.sys'@'%' IDENTIFIED BY 'Sys-pass-1' ACCOUNT UNLOCK");
        const sys = await connectTo(source, 'mariadb.sys', 'Sys-pass-1').catch(() => undefined);
        if (sys) {
          // it may delete rows of mysql.global_priv, but no RELOAD: nothing changes until a FLUSH
          await sys.query("DELETE FROM mysql.global_priv WHERE User = 'rds_master_placeholder'").catch(() => undefined);
          sys.destroy();
        }
      },
      /mariadb\.sys@localhost restored/,
    );
    const [user] = await rows<{ n: number }>(admin, 'SELECT COUNT(*) AS n FROM mysql.user');
    assert.ok(Number(user?.n) >= 3, 'the mysql.user view works again');
  });

  test('taking over rdsrepladmin on the source is undone, and the replica keeps replicating', async () => {
    await guarded(
      "ALTER USER 'rdsrepladmin'@'%' IDENTIFIED BY ... + RENAME",
      async () => {
        await admin.query("ALTER USER 'rdsrepladmin'@'%' IDENTIFIED BY 'Repl-pass-1'");
        await admin.query("RENAME USER 'rdsrepladmin'@'%' TO 'rdsrepladmin'@'127.0.0.1'");
      },
      /rdsrepladmin/,
    );
  });

  test("an account named like the backup account is dropped; a replica keeps no copy of its source's", async () => {
    await guarded(
      "CREATE USER 'rdsbackup'@'%' (RELOAD would allow RESET MASTER if it were granted)",
      () => admin.query("CREATE USER 'rdsbackup'@'%' IDENTIFIED BY 'Backup-pass1'").then(() => undefined),
      /rdsbackup@%/,
    );
    await eventually('the replica has no rdsbackup', async () => {
      const [r] = await rows<{ n: number }>(onReplica, "SELECT COUNT(*) AS n FROM mysql.global_priv WHERE User = 'rdsbackup'");
      return Number(r?.n) === 0;
    });
  });

  test('dropping and re-creating the operator with a password of its own is undone', async () => {
    await guarded(
      "DROP USER rdsadmin@localhost; CREATE USER rdsadmin@localhost IDENTIFIED BY ...",
      async () => {
        // One round trip; a guard pass that lands between the two statements repairs the drop
        // first (the CREATE then fails, or the session ends with the server's repair restart).
        const attacker = await connectTo(source, 'admin', PASSWORD, { multipleStatements: true });
        try {
          await attacker.query("DROP USER 'rdsadmin'@'localhost'; CREATE USER 'rdsadmin'@'localhost' IDENTIFIED BY 'Mine-pass-1'");
        } catch (error) {
          const e = error as { errno?: number; code?: string };
          if (e.errno !== 1396 && e.code !== 'PROTOCOL_CONNECTION_LOST') throw error;
        } finally {
          attacker.destroy();
        }
      },
      /could not work|restored/,
    );
    await sleep(10);
  });

  test('the tally', () => {
    assert.ok(outcomes.length >= 25, `${outcomes.length} attempts`);
  });
});
