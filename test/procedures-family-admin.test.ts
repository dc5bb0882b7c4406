/**
 * The non-replication members of the family on real servers: rds_set_configuration /
 * rds_show_configuration (and 'target delay' reaching a read replica made by
 * rds_operator_setup_replica), rds_kill / rds_kill_query / rds_kill_query_id (ordinary sessions
 * end; the operator's and replication's do not; plain KILL stays denied), pt-kill --rds, and
 * EXECUTE on every public procedure for the master user only.
 */
import type { DBInstance } from '@aws-sdk/client-rds';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import type { Connection, RowDataPacket } from 'mysql2/promise';
import { answer, configuration, HOSTILE, historyCount, operatorSession, slaveStatus } from './support/procedures-family.js';
import { createInstance } from './support/cluster.js';
import { connectTo, startTestService, type TestService } from './support/service.js';
import { waitFor } from '../kit/poll.js';

const run = promisify(execFile);
const PASSWORD = 'Secret-pass1';
const APP_PASSWORD = 'App-pass-1';
/** RDS for MariaDB's public procedures (rds-versions.md §1): the instance here is mariadb. */
const OFFERED = [
  'rds_kill',
  'rds_kill_query',
  'rds_kill_query_id',
  'rds_next_master_log',
  'rds_replica_status',
  'rds_reset_external_master',
  'rds_set_configuration',
  'rds_set_external_master',
  'rds_set_external_master_gtid',
  'rds_set_external_master_with_delay',
  'rds_set_source_delay',
  'rds_show_configuration',
  'rds_skip_repl_error',
  'rds_start_replication',
  'rds_start_replication_until',
  'rds_stop_replication',
];
/** The other RDS versions' names: here they answer as a missing procedure does on RDS (ERROR 1305). */
const OTHER_VERSIONS = [
  'rds_next_source_log',
  'rds_reset_external_source',
  'rds_set_external_master_with_auto_position',
  'rds_set_external_source',
  'rds_set_external_source_gtid_purged',
  'rds_set_external_source_with_auto_position',
  'rds_set_external_source_with_delay',
  'rds_set_master_auto_position',
  'rds_set_source_auto_position',
  'rds_skip_transaction_with_gtid',
  'rds_start_replication_until_gtid',
  // multi-source replication: RDS for MySQL only
  'rds_next_source_log_for_channel',
  'rds_reset_external_source_for_channel',
  'rds_set_external_source_for_channel',
  'rds_set_external_source_with_auto_position_for_channel',
  'rds_set_external_source_with_delay_for_channel',
  'rds_set_source_auto_position_for_channel',
  'rds_set_source_delay_for_channel',
  'rds_skip_repl_error_for_channel',
  'rds_start_replication_for_channel',
  'rds_start_replication_until_for_channel',
  'rds_start_replication_until_gtid_for_channel',
  'rds_stop_replication_for_channel',
];
const PUBLIC_PROCEDURES = [...OFFERED, ...OTHER_VERSIONS].sort();

describe('configuration, kill and grants of the procedure family', () => {
  let t: TestService;
  let src: DBInstance;
  let dst: DBInstance;
  let source: Connection & AsyncDisposable;
  let admin: Connection & AsyncDisposable;

  const threadId = async (conn: Connection) => {
    const [[row]] = await conn.query<RowDataPacket[]>('SELECT CONNECTION_ID() AS id');
    return Number(row!.id);
  };
  const alive = (conn: Connection) =>
    conn.query('SELECT 1').then(
      () => true,
      () => false,
    );
  const app = () => connectTo(dst, 'app', APP_PASSWORD);

  before(async () => {
    t = await startTestService();
    [src, dst] = await Promise.all([createInstance(t.rds, 'src', PASSWORD), createInstance(t.rds, 'dst', PASSWORD)]);
    source = await connectTo(src, 'admin', PASSWORD);
    admin = await connectTo(dst, 'admin', PASSWORD);
    await source.query("CREATE USER repl IDENTIFIED BY 'Repl-pass-1'");
    await source.query('GRANT REPLICATION SLAVE ON *.* TO repl');
    await admin.query('CREATE USER app IDENTIFIED BY ?', [APP_PASSWORD]);
    await admin.query('CREATE DATABASE shop');
    await admin.query('GRANT SELECT ON shop.* TO app');
  });
  after(async () => {
    await admin?.end();
    await source?.end();
    await t?.[Symbol.asyncDispose]();
  });

  test('show_configuration: the three RDS settings with their defaults', async () => {
    const [sets] = await admin.query<RowDataPacket[][]>('CALL mysql.rds_show_configuration()');
    assert.deepEqual(
      sets[0]!.map((r) => [r.name, r.value]),
      [
        ['binlog retention hours', null],
        ['source delay', '0'],
        ['target delay', '0'],
      ],
    );
    assert.deepEqual(Object.keys(sets[0]![0]!), ['name', 'value', 'description']);
    assert.match(sets[0]![0]!.description, /binlog retention hours specifies the duration in hours/);
  });

  test('set_configuration: ranges, NULL, unknown names, source delay through rds_set_source_delay; no history', async () => {
    const set = (name: unknown, value: unknown) =>
      answer(admin, 'CALL mysql.rds_set_configuration(?, ?)', [name, value]);
    const RETENTION = 'For binlog retention hours the value must be between 1 and 168 inclusive or be NULL';
    const TARGET = 'For target delay the value must be between 0 and 86400 inclusive';
    const history = await historyCount(admin);

    assert.equal(await set('binlog retention hours', 24), '');
    assert.equal((await configuration(admin))['binlog retention hours'], '24');
    for (const bad of [0, -1, 169]) assert.equal(await set('binlog retention hours', bad), RETENTION, String(bad));
    assert.equal((await configuration(admin))['binlog retention hours'], '24', 'a refused value changes nothing');
    assert.equal(await set('BINLOG Retention Hours', 168), '', 'names are matched as RDS does, without case');
    assert.equal((await configuration(admin))['binlog retention hours'], '168');
    assert.equal(await set('binlog retention hours', null), '');
    assert.equal((await configuration(admin))['binlog retention hours'], null);

    for (const bad of [null, -1, 86401]) assert.equal(await set('target delay', bad), TARGET, String(bad));
    assert.equal(await set('target delay', 3600), '');
    assert.equal((await configuration(admin))['target delay'], '3600');

    assert.equal(
      await set('source delay', 10),
      "You can't set replication delay because the replica isn't configured. First call mysql.rds_set_external_master.",
    );
    assert.equal(await set('source delay', 86401), 'For source delay the value must be between 0 and 86400 inclusive.');
    assert.equal(await set('foo', 1), "Cannot set unknown configuration parameter 'foo' using mysql.rds_set_configuration.");
    for (const value of HOSTILE) {
      const reply = await set(value, 1);
      const quoted = `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
      assert.ok(
        reply === `Cannot set unknown configuration parameter ${quoted} using mysql.rds_set_configuration.` ||
          /^(Incorrect string value|Data too long)/.test(reply),
        `${value}: ${reply}`,
      );
    }
    assert.equal(await historyCount(admin), history, 'settings are not replication actions: no rds_history rows (as RDS)');
    const [[count]] = await admin.query<RowDataPacket[]>('SELECT COUNT(*) AS n FROM mysql.rds_configuration');
    assert.equal(count!.n, 3);
    assert.equal(await set('target delay', 0), '');
  });

  test("target delay: a read replica set up by the operator gets it as MASTER_DELAY and as its 'source delay'", async () => {
    // dst plays the new replica: a copy of its source, with the source's 'target delay' of 2 s.
    assert.equal(await answer(admin, "CALL mysql.rds_set_configuration('target delay', 2)"), '');
    const [[pos]] = await source.query<RowDataPacket[]>('SELECT @@gtid_current_pos AS p');
    const operator = await operatorSession(t, dst);
    try {
      await operator.query('CALL mysql.rds_operator_setup_replica(?, ?, ?, ?, ?)', [
        '127.0.0.1',
        src.Endpoint!.Port,
        'repl',
        'Repl-pass-1',
        pos!.p,
      ]);
      const status = await waitFor('the replica running', async () => {
        const s = await slaveStatus(admin);
        return s?.Slave_IO_Running === 'Yes' && s.Slave_SQL_Running === 'Yes' ? s : undefined;
      });
      assert.equal(status.SQL_Delay, 2);
      assert.equal(status.Using_Gtid, 'Slave_Pos');
      const [[setMaster]] = await admin.query<RowDataPacket[]>(
        "SELECT * FROM mysql.rds_history WHERE action = 'set master' ORDER BY action_timestamp DESC, seq DESC LIMIT 1",
      );
      assert.equal(setMaster!.master_delay, 2);
      assert.equal(setMaster!.called_by_user, 'rdsadmin@localhost');
      assert.equal((await configuration(admin))['source delay'], '2');

      await source.query('CREATE DATABASE lagging');
      const written = Date.now();
      await waitFor('the delayed database', async () => {
        const [dbs] = await admin.query<RowDataPacket[]>("SHOW DATABASES LIKE 'lagging'");
        return dbs.length === 1;
      });
      assert.ok(Date.now() - written >= 1000, `arrived after ${Date.now() - written} ms`);
      // The master user may still change the delay of its read replica (rds_set_source_delay).
      assert.equal(await answer(admin, 'CALL mysql.rds_stop_replication()'), 'Slave is down or disabled');
      assert.equal(await answer(admin, 'CALL mysql.rds_set_source_delay(0)'), 'source delay is set successfully.');
      assert.equal((await slaveStatus(admin))?.SQL_Delay, 0);
    } finally {
      await operator.query('CALL mysql.rds_operator_promote()');
      await operator.end();
    }
    assert.equal(await answer(admin, "CALL mysql.rds_set_configuration('target delay', 0)"), '');
  });

  test('kill, kill_query, kill_query_id end ordinary sessions and statements; unknown ids are MariaDB errors; plain KILL stays denied', async () => {
    const victim = await app();
    const victimId = await threadId(victim);
    await assert.rejects(admin.query(`KILL ${victimId}`), /You are not owner of thread/);
    await assert.rejects(admin.query(`KILL QUERY ${victimId}`), /You are not owner of thread/);

    // KILL QUERY: the statement ends, the session stays
    const outcome = (query: Promise<unknown>) =>
      query.then(
        () => 'completed',
        (e: Error) => e.message,
      );
    const sleeping = outcome(victim.query('SELECT SLEEP(30) AS s'));
    await waitFor('the statement', async () => {
      const [rows] = await admin.query<RowDataPacket[]>('SELECT 1 FROM information_schema.PROCESSLIST WHERE ID = ? AND INFO LIKE ?', [
        victimId,
        'SELECT SLEEP%',
      ]);
      return rows.length === 1;
    });
    const started = Date.now();
    assert.equal(await answer(admin, 'CALL mysql.rds_kill_query(?)', [victimId]), '');
    assert.equal(await sleeping, 'Query execution was interrupted');
    assert.ok(Date.now() - started < 5000);
    assert.equal(await alive(victim), true, 'the session stays');

    // KILL QUERY ID
    const again = outcome(victim.query('SELECT SLEEP(30) AS s'));
    const queryId = await waitFor('the query id', async () => {
      const [rows] = await admin.query<RowDataPacket[]>('SELECT QUERY_ID AS q FROM information_schema.PROCESSLIST WHERE ID = ? AND INFO LIKE ?', [
        victimId,
        'SELECT SLEEP%',
      ]);
      return rows[0]?.q as number | undefined;
    });
    assert.equal(await answer(admin, 'CALL mysql.rds_kill_query_id(?)', [queryId]), '');
    assert.equal(await again, 'Query execution was interrupted');
    assert.equal(await alive(victim), true);

    // KILL: the session ends
    const history = await historyCount(admin);
    assert.equal(await answer(admin, 'CALL mysql.rds_kill(?)', [victimId]), '');
    assert.equal(await alive(victim), false, 'the session is gone');
    victim.destroy();
    const [gone] = await admin.query<RowDataPacket[]>('SELECT 1 FROM information_schema.PROCESSLIST WHERE ID = ?', [victimId]);
    assert.equal(gone.length, 0);
    assert.equal(await historyCount(admin), history, 'no history rows (as RDS)');

    assert.equal(await answer(admin, 'CALL mysql.rds_kill(999999)'), 'Unknown thread id: 999999');
    assert.equal(await answer(admin, 'CALL mysql.rds_kill_query(999999)'), 'Unknown thread id: 999999');
    assert.equal(await answer(admin, 'CALL mysql.rds_kill_query_id(999999999)'), 'Unknown query id: 999999999');
  });

  test("the operator's session and replication's threads cannot be killed", async () => {
    const operator = await operatorSession(t, dst);
    try {
      const operatorId = await threadId(operator);
      const running = operator.query('SELECT SLEEP(1) AS s');
      await waitFor('the operator statement', async () => {
        const [rows] = await admin.query<RowDataPacket[]>('SELECT 1 FROM information_schema.PROCESSLIST WHERE ID = ? AND INFO LIKE ?', [
          operatorId,
          'SELECT SLEEP%',
        ]);
        return rows.length === 1;
      });
      const [[op]] = await admin.query<RowDataPacket[]>('SELECT QUERY_ID AS q, USER AS u, HOST AS h FROM information_schema.PROCESSLIST WHERE ID = ?', [
        operatorId,
      ]);
      assert.deepEqual([op!.u, op!.h], ['rdsadmin', 'localhost']);
      assert.equal(await answer(admin, 'CALL mysql.rds_kill(?)', [operatorId]), 'CANNOT KILL RDSADMIN SESSION');
      assert.equal(await answer(admin, 'CALL mysql.rds_kill_query(?)', [operatorId]), 'CANNOT KILL RDSADMIN SESSION');
      assert.equal(await answer(admin, 'CALL mysql.rds_kill_query_id(?)', [op!.q]), 'CANNOT KILL RDSADMIN SESSION');
      await assert.rejects(admin.query(`KILL ${operatorId}`), /You are not owner of thread/);
      const [[slept]] = (await running) as unknown as [RowDataPacket[]];
      assert.equal(Number(slept!.s), 0, 'the operator statement ran to its end');
      assert.equal(await alive(operator), true);
    } finally {
      await operator.end();
    }

    // replication threads ('system user')
    const [[master]] = await source.query<RowDataPacket[]>('SHOW MASTER STATUS');
    assert.equal(
      await answer(admin, 'CALL mysql.rds_set_external_master(?, ?, ?, ?, ?, ?, 0)', [
        '127.0.0.1',
        src.Endpoint!.Port,
        'repl',
        'Repl-pass-1',
        master!.File,
        master!.Position,
      ]),
      '',
    );
    assert.equal(await answer(admin, 'CALL mysql.rds_start_replication()'), 'Slave running normally.');
    const [threads] = await admin.query<RowDataPacket[]>("SELECT ID FROM information_schema.PROCESSLIST WHERE USER = 'system user'");
    assert.ok(threads.length >= 2);
    for (const thread of threads) {
      assert.equal(await answer(admin, 'CALL mysql.rds_kill(?)', [thread.ID]), 'CANNOT KILL SYSTEM USER SESSION');
      assert.equal(await answer(admin, 'CALL mysql.rds_kill_query(?)', [thread.ID]), 'CANNOT KILL SYSTEM USER SESSION');
    }
    const status = await slaveStatus(admin);
    assert.deepEqual([status?.Slave_IO_Running, status?.Slave_SQL_Running], ['Yes', 'Yes']);
    assert.equal(await answer(admin, 'CALL mysql.rds_reset_external_master()'), 'Slave has been reset');
  });

  test('pt-kill --rds ends the matching sessions through mysql.rds_kill and leaves the operator alone', async () => {
    const victims = [await app(), await app()];
    const operator = await operatorSession(t, dst);
    try {
      const dsn = `h=127.0.0.1,P=${dst.Endpoint!.Port},u=admin,p=${PASSWORD}`;
      const common = ['--rds', '--victims', 'all', '--kill', '--run-time', '1', '--interval', '0.2', '--print', dsn];
      const { stdout } = await run('pt-kill', ['--match-user', 'app', '--verbose', ...common], { timeout: 20_000 });
      assert.match(stdout, /KILL \d+ \(Sleep/);
      assert.match(stdout, /Killed \d+/);
      assert.doesNotMatch(stdout, /Error killing/);
      for (const victim of victims) assert.equal(await alive(victim), false, 'pt-kill ended the app session');
      const refused = await run('pt-kill', ['--match-user', 'rdsadmin', '--verbose', ...common], { timeout: 20_000 }).then(
        (r) => r.stdout + r.stderr,
        (e: { stdout: string; stderr: string }) => e.stdout + e.stderr,
      );
      assert.match(refused, /CANNOT KILL RDSADMIN SESSION/);
      assert.equal(await alive(operator), true, "pt-kill could not end the operator's session");
    } finally {
      for (const victim of victims) victim.destroy();
      await operator.end();
    }
  });

  test('EXECUTE on every public procedure is the master user’s only', async () => {
    const [grants] = await admin.query<RowDataPacket[]>('SHOW GRANTS');
    const procedures = grants
      .map((g) => String(Object.values(g)[0]))
      .map((line) => /^GRANT EXECUTE ON PROCEDURE `mysql`\.`([a-z_]+)`/.exec(line)?.[1])
      .filter((name): name is string => !!name)
      .sort();
    assert.deepEqual(procedures, PUBLIC_PROCEDURES);
    const other = await app();
    try {
      for (const name of PUBLIC_PROCEDURES) {
        const [[routine]] = await admin.query<RowDataPacket[]>(
          "SELECT DEFINER AS d, SECURITY_TYPE AS s FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = 'mysql' AND ROUTINE_NAME = ?",
          [name],
        );
        assert.deepEqual([routine?.d, routine?.s], ['rds_definer', 'DEFINER'], name);
        const [[params]] = await admin.query<RowDataPacket[]>(
          "SELECT COUNT(*) AS n FROM information_schema.PARAMETERS WHERE SPECIFIC_SCHEMA = 'mysql' AND SPECIFIC_NAME = ?",
          [name],
        );
        const args = Array.from({ length: Number(params!.n) }, () => 'NULL').join(', ');
        const reply = await answer(other, `CALL mysql.${name}(${args})`);
        assert.match(reply, /^execute command denied to user 'app'/, `${name}: ${reply}`);
        if (OTHER_VERSIONS.includes(name)) {
          assert.equal(await answer(admin, `CALL mysql.${name}(${args})`), `PROCEDURE mysql.${name} does not exist`);
        }
      }
    } finally {
      await other.end();
    }
    // The internal routines behind them are nobody's to call: they skip the checks.
    for (const internal of [
      "rds_configure_external_master('file', '127.0.0.1', 3306, 'u', 'p', 'binlog.000001', 4, 0, NULL, NULL, '')",
      "rds_say('read replica', NULL)",
      "rds_say_on('read replica', NULL, 'x')",
      "rds_channel_stop('')",
      "rds_start_slave('x', '')",
      "rds_stop_slave('', '')",
      "rds_record_history('forged', NULL, NULL)",
      "rds_configuration_set('binlog retention hours', '9999')",
      "rds_kill_checked('QUERY', 1)",
      "rds_await_replication(1, '', @s)",
      // Runs any statement as rds_definer: the one an attacker would want most.
      "rds_unlogged('GRANT ALL ON *.* TO admin WITH GRANT OPTION', NULL)",
      "rds_guard_wipe('rdsadmin')",
    ]) {
      assert.match(await answer(admin, `CALL mysql.${internal}`), /^execute command denied to user 'admin'/, internal);
    }
    assert.equal((await configuration(admin))['binlog retention hours'], null);
  });
});
