/**
 * Multi-source replication as RDS for MySQL 5.7, 8.0 and 8.4 have it (rds-versions.md §4): on each
 * version, one instance replicating from two external MariaDB hosts at once, each on its own channel (a MariaDB named connection),
 * driven by the `*_for_channel` procedures. Each channel is started, stopped, broken, skipped,
 * delayed and reset on its own while the other keeps replicating; RDS's channel rules (one channel
 * per host and port, at most 15, unknown and invalid names) answer with RDS's messages; RDS for
 * MariaDB has none of these procedures.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Connection, RowDataPacket } from 'mysql2/promise';
import { openrdsCli } from '../kit/clients.js';
import { done, notYet, poll } from '../kit/poll.js';
import { createInstance } from './support/cluster.js';
import { ExternalHost } from './support/external-host.js';
import { said } from './support/procedures-family.js';
import { connectTo, startTestService, type TestService } from './support/service.js';

const PASSWORD = 'Secret-pass1';
const REPL_PASSWORD = 'Repl-pass-ms';

const E = (text: string) => `E 1644 ${text}`;
const M = (text: string) => `M ${text}`;
/** Each version's answers where they differ (sql/README.md, "On a named channel"). */
const VERSIONS = [
  { label: 'RDS for MySQL 5.7', id: 'ms57', version: '5.7', eight: false, result: M, reset: M, setMaster: 'rds_set_external_master' },
  { label: 'RDS for MySQL 8.0', id: 'ms80', version: '8.0', eight: true, result: E, reset: (t: string) => `m ${t}`, setMaster: 'rds_set_external_master' },
  { label: 'RDS for MySQL 8.4', id: 'ms84', version: '8.4', eight: true, result: E, reset: (t: string) => `m ${t}`, setMaster: 'rds_set_external_source' },
] as const;

describe('multi-source replication: two external sources on two channels', () => {
  let t: TestService;
  let east: ExternalHost;
  let west: ExternalHost;
  let eastRoot: Connection;
  let westRoot: Connection;
  let maria: Connection & AsyncDisposable;

  const call = (conn: Connection, procedure: string, ...args: unknown[]) =>
    said(conn, `CALL mysql.${procedure}(${args.map((a) => (a === null ? 'NULL' : conn.escape(a))).join(', ')})`);

  before(async () => {
    [t, east, west] = await Promise.all([startTestService(), ExternalHost.start({ slot: 0 }), ExternalHost.start({ slot: 1 })]);
    maria = await connectTo(await createInstance(t.rds, 'msmaria', PASSWORD, { Engine: 'mariadb' }), 'admin', PASSWORD);
    [eastRoot, westRoot] = await Promise.all([east.rootConnection(), west.rootConnection()]);
    for (const [root, domain] of [[eastRoot, 1], [westRoot, 2]] as const) {
      // Two sources of one replica by MariaDB GTID need a GTID domain each.
      await root.query(`SET GLOBAL gtid_domain_id = ${domain}`);
      await root.query(`SET SESSION gtid_domain_id = ${domain}`);
      // the replication account stays on its host (both hosts replicating one would break the second)
      await root.query('SET sql_log_bin = 0');
      await root.query('CREATE USER repl IDENTIFIED BY ?', [REPL_PASSWORD]);
      await root.query('GRANT REPLICATION SLAVE ON *.* TO repl');
      await root.query('SET sql_log_bin = 1');
    }
  });
  after(async () => {
    await maria?.end();
    await eastRoot?.end();
    await westRoot?.end();
    await t?.[Symbol.asyncDispose]();
    await east?.[Symbol.asyncDispose]();
    await west?.[Symbol.asyncDispose]();
  });

  test('RDS for MariaDB has no *_for_channel procedures', async () => {
    assert.equal(await call(maria, 'rds_start_replication_for_channel', 'east'), 'E 1305 PROCEDURE mysql.rds_start_replication_for_channel does not exist');
    assert.equal(
      await call(maria, 'rds_set_external_source_for_channel', east.address, east.port, 'repl', REPL_PASSWORD, 'mysql-bin.000001', 4, 0, 'east'),
      'E 1305 PROCEDURE mysql.rds_set_external_source_for_channel does not exist',
    );
  });

  for (const v of VERSIONS) {
    describe(v.label, () => {
    let admin: Connection & AsyncDisposable;
    // each version's own tables on the sources (every instance replicates all of both sources)
    const eastT = `east_${v.id}.t`;
    const westT = `west_${v.id}.t`;
    const ids = async (table: string) => {
      const [rows] = await admin.query<RowDataPacket[]>(`SELECT id FROM ${table} ORDER BY id`);
      return rows.map((r) => Number(r.id));
    };
    const channelStatus = async (channel: string) => {
      const [rows] = await admin.query<RowDataPacket[]>(`SHOW SLAVE ${admin.escape(channel)} STATUS`);
      return rows[0];
    };
    /** Waits until the channel has applied everything its source has written. */
    const caughtUp = (channel: string, source: Connection) =>
      poll(`channel ${channel} caught up`, async () => {
        const [[master]] = await source.query<RowDataPacket[]>('SHOW MASTER STATUS');
        const s = await channelStatus(channel);
        const at = `${s?.Relay_Master_Log_File}:${s?.Exec_Master_Log_Pos}`;
        return s?.Slave_SQL_Running === 'Yes' && at === `${master!.File}:${master!.Position}`
          ? done(undefined)
          : notYet({ source: `${master!.File}:${master!.Position}`, at, io: s?.Slave_IO_Running, sql: s?.Slave_SQL_Running, error: s?.Last_SQL_Error });
      }, 10_000);
    const sourceAt = async (source: Connection) => {
      const [[master]] = await source.query<RowDataPacket[]>('SHOW MASTER STATUS');
      return [String(master!.File), Number(master!.Position)] as const;
    };

    before(async () => {
      admin = await connectTo(await createInstance(t.rds, v.id, PASSWORD, { Engine: 'mysql', EngineVersion: v.version }), 'admin', PASSWORD);
      for (const [root, table] of [[eastRoot, eastT], [westRoot, westT]] as const) {
        await root.query(`CREATE DATABASE ${table.split('.')[0]}`);
        await root.query(`CREATE TABLE ${table} (id INT PRIMARY KEY)`);
        await root.query(`INSERT INTO ${table} VALUES (1), (2)`);
      }
    });
    after(async () => {
      await admin?.end();
    });

    test('two channels from two hosts replicate at once; each is stopped and started alone', async () => {
      // east by file and position from the start of its binary log; west by GTID (auto-position)
      const [[first]] = await eastRoot.query<RowDataPacket[]>('SHOW BINARY LOGS');
      assert.equal(await call(admin, 'rds_set_external_source_for_channel', east.address, east.port, 'repl', REPL_PASSWORD, first!.Log_name, 4, 0, 'east'), '');
      assert.equal(await call(admin, 'rds_set_external_source_with_auto_position_for_channel', west.address, west.port, 'repl', REPL_PASSWORD, 0, 0, 'West'), '');
      assert.equal(await call(admin, 'rds_start_replication_for_channel', 'east'), "M Replication started for channel 'east' and replication is now running normally.");
      assert.equal(await call(admin, 'rds_start_replication_for_channel', 'west'), "M Replication started for channel 'west' and replication is now running normally.");
      assert.equal(await call(admin, 'rds_start_replication_for_channel', 'west'), v.result('Replication may already be running. Call rds_stop_replication to stop replication'));
      await Promise.all([caughtUp('east', eastRoot), caughtUp('west', westRoot)]);
      assert.deepEqual([await ids(eastT), await ids(westT)], [[1, 2], [1, 2]]);
      assert.equal((await channelStatus('west'))?.Using_Gtid, 'Slave_Pos');

      // the console's view and `openrds status` show each channel
      type View = { id: string; externalSources: { channel: string; host: string; port: number; status: string }[] };
      const sources = await poll('both channels in the console view', async () => {
        const response = await fetch(new URL('/openrds/v1/instances', t.service.endpoint));
        const view = ((await response.json()) as { instances: View[] }).instances.find((i) => i.id === v.id);
        const running = view?.externalSources.filter((s) => s.status === 'replicating') ?? [];
        return running.length === 2 ? done(view!.externalSources) : notYet(view?.externalSources);
      });
      assert.deepEqual(sources.map(({ channel, host, port }) => [channel, host, port]), [
        ['east', east.address, east.port],
        ['west', west.address, west.port],
      ]);
      const cli = await openrdsCli(['--endpoint', t.service.endpoint, 'status']);
      assert.match(
        cli.stdout,
        new RegExp(`^${v.id} .*replica of ${east.address}:${east.port} \\(channel east\\), ${west.address}:${west.port} \\(channel west\\) \\(external\\)\\s+replicating, replicating\\s+0 s, 0 s$`, 'm'),
      );

      const [status] = await admin.query<RowDataPacket[]>('SELECT channel_name, action, master_host, master_port FROM mysql.rds_replication_status ORDER BY channel_name');
      assert.deepEqual(status.map((r) => [r.channel_name, r.action, r.master_host, r.master_port]), [
        ['east', 'start slave', east.address, east.port],
        ['west', 'start slave', west.address, west.port],
      ]);
      // The default channel is not configured: the single-channel procedures say so.
      assert.equal(
        await call(admin, 'rds_stop_replication'),
        `E 1644 You can't stop replication because the replica isn't configured. First call mysql.${v.setMaster}.`,
      );

      // east stops; west goes on
      assert.equal(await call(admin, 'rds_stop_replication_for_channel', 'east'), "M Replication for channel 'east' is down or disabled.");
      assert.equal(await call(admin, 'rds_stop_replication_for_channel', 'east'), v.result('Replication is already stopped for the given channel. Run SHOW REPLICA STATUS\\G .'));
      await eastRoot.query(`INSERT INTO ${eastT} VALUES (3)`);
      await westRoot.query(`INSERT INTO ${westT} VALUES (3)`);
      await caughtUp('west', westRoot);
      assert.deepEqual([await ids(eastT), await ids(westT)], [[1, 2], [1, 2, 3]], 'east stopped, west running');
      assert.equal((await channelStatus('east'))?.Slave_IO_Running, 'No');
      assert.equal(await call(admin, 'rds_start_replication_for_channel', 'east'), "M Replication started for channel 'east' and replication is now running normally.");
      await caughtUp('east', eastRoot);
      assert.deepEqual(await ids(eastT), [1, 2, 3]);
    });

    test('one broken channel: the other keeps running; skip_repl_error_for_channel skips on it alone', async () => {
      // a row the replica already has: east's SQL thread stops on a duplicate key
      await admin.query(`INSERT INTO ${eastT} VALUES (4)`);
      await eastRoot.query(`INSERT INTO ${eastT} VALUES (4)`);
      await eastRoot.query(`INSERT INTO ${eastT} VALUES (5)`);
      await poll('east broken', async () => {
        const s = await channelStatus('east');
        return s?.Slave_SQL_Running === 'No' && Number(s.Last_SQL_Errno) === 1062 ? done(undefined) : notYet(s?.Last_SQL_Error);
      });
      assert.equal(await call(admin, 'rds_start_replication_for_channel', 'east'), 'E 1644 Replication might be running. First call mysql.rds_stop_replication.');
      assert.equal(await call(admin, 'rds_skip_repl_error_for_channel', 'west'), v.result('Slave is running normally.  No errors detected to skip.'));
      await westRoot.query(`INSERT INTO ${westT} VALUES (4)`);
      await caughtUp('west', westRoot);
      assert.equal(await call(admin, 'rds_skip_repl_error_for_channel', 'east'), 'M Statement in error has been skipped\nM Slave is now running normally');
      await caughtUp('east', eastRoot);
      assert.deepEqual([await ids(eastT), await ids(westT)], [[1, 2, 3, 4, 5], [1, 2, 3, 4]]);
    });

    test("RDS's channel rules: one channel per host and port, unknown and invalid names, at most 15", async () => {
      assert.equal(
        await call(admin, 'rds_set_external_source_for_channel', east.address, east.port, 'repl', REPL_PASSWORD, 'mysql-bin.000001', 4, 0, 'again'),
        `E 1644 Configuring multiple channels to replicate from the host: ${east.address} and port: ${east.port} is not supported.`,
      );
      const unknown = 'E 1644 The given channel does not exist. Run SHOW REPLICA STATUS\\G to find all existing channel names.';
      assert.equal(await call(admin, 'rds_stop_replication_for_channel', 'nowhere'), unknown);
      assert.equal(await call(admin, 'rds_start_replication_for_channel', 'nowhere'), unknown);
      assert.equal(await call(admin, 'rds_reset_external_source_for_channel', 'nowhere'), unknown);
      assert.equal(await call(admin, 'rds_set_source_delay_for_channel', 10, 'nowhere'), unknown);
      for (const bad of [`x'; DROP TABLE ${eastT}; --`, 'sp ace', 'é']) {
        assert.equal(await call(admin, 'rds_stop_replication_for_channel', bad), 'E 3069 Invalid channel name.', bad);
      }
      assert.match(await call(admin, 'rds_stop_replication_for_channel', 'a'.repeat(65)), /^E 1406 Data too long for column 'channel'/);
      assert.deepEqual(await ids(eastT), [1, 2, 3, 4, 5]);

      // 13 more channels (never started: CHANGE MASTER does not connect) make 15; the 16th is refused
      for (let n = 1; n <= 13; n += 1) {
        assert.equal(await call(admin, 'rds_set_external_source_for_channel', `192.0.2.${n}`, 3306, 'repl', 'x', 'mysql-bin.000001', 4, 0, `c${n}`), '', `c${n}`);
      }
      assert.equal(
        await call(admin, 'rds_set_external_source_for_channel', '192.0.2.99', 3306, 'repl', 'x', 'mysql-bin.000001', 4, 0, 'c14'),
        'E 1644 Maximum 15 channels are allowed in multi-source replication on RDS.',
      );
      for (let n = 1; n <= 13; n += 1) {
        assert.equal(await call(admin, 'rds_reset_external_source_for_channel', `c${n}`), v.reset(`Replication has been reset for channel 'c${n}'`));
      }
      const [all] = await admin.query<RowDataPacket[]>('SHOW ALL SLAVES STATUS');
      assert.deepEqual(all.map((r) => r.Connection_name).sort(), ['east', 'west']);
    });

    test('delay, until and reset on one channel leave the other alone', async () => {
      assert.equal(
        await call(admin, 'rds_set_source_delay_for_channel', 1, 'west'),
        "E 1644 You can't set replication delay because replication is running. First call mysql.rds_stop_replication.",
      );
      if (v.eight) {
        // 8.x switches a running channel and starts it again
        assert.equal(await call(admin, 'rds_set_source_auto_position_for_channel', 0, 'west'), 'M Master Auto Position has been set to 0.\nM Slave is now running normally');
        await caughtUp('west', westRoot);
        assert.equal(await call(admin, 'rds_stop_replication_for_channel', 'west'), "M Replication for channel 'west' is down or disabled.");
      } else {
        // 5.7 refuses while it runs
        assert.equal(
          await call(admin, 'rds_set_source_auto_position_for_channel', 0, 'west'),
          "E 1644 You can't modify replication because replication is running. First call mysql.rds_stop_replication.",
        );
        assert.equal(await call(admin, 'rds_stop_replication_for_channel', 'west'), "M Replication for channel 'west' is down or disabled.");
        assert.equal(await call(admin, 'rds_set_source_auto_position_for_channel', 0, 'west'), 'M Master Auto Position has been set to 0.');
      }
      assert.equal((await channelStatus('west'))?.Using_Gtid, 'No');
      assert.equal(await call(admin, 'rds_set_source_delay_for_channel', 7, 'west'), "M source delay is set successfully for channel 'west'");
      assert.deepEqual([Number((await channelStatus('west'))?.SQL_Delay), Number((await channelStatus('east'))?.SQL_Delay)], [7, 0], 'on west only');
      assert.equal(await call(admin, 'rds_set_source_delay_for_channel', 0, 'west'), "M source delay is set successfully for channel 'west'");

      // until: west applies up to a position of its source and stops there
      await westRoot.query(`INSERT INTO ${westT} VALUES (5)`);
      const [file, pos] = await sourceAt(westRoot);
      await westRoot.query(`INSERT INTO ${westT} VALUES (6)`);
      assert.equal(
        await call(admin, 'rds_start_replication_until_for_channel', file, pos, 'west'),
        `M Replication started until MASTER_LOG_FILE = '${file}' and MASTER_LOG_POS = ${pos}`,
      );
      await poll('west stopped at its stop point', async () => {
        const s = await channelStatus('west');
        return s?.Slave_SQL_Running === 'No' ? done(undefined) : notYet(`${s?.Exec_Master_Log_Pos}`);
      });
      assert.deepEqual(await ids(westT), [1, 2, 3, 4, 5], 'up to the stop point, not after it');
      await eastRoot.query(`INSERT INTO ${eastT} VALUES (6)`);
      await caughtUp('east', eastRoot);

      assert.equal(await call(admin, 'rds_reset_external_source_for_channel', 'west'), v.reset("Replication has been reset for channel 'west'"));
      const [all] = await admin.query<RowDataPacket[]>('SHOW ALL SLAVES STATUS');
      assert.deepEqual(all.map((r) => r.Connection_name), ['east']);
      assert.equal(all[0]!.Slave_SQL_Running, 'Yes');
      assert.equal(await call(admin, 'rds_stop_replication_for_channel', 'west'), 'E 1644 The given channel does not exist. Run SHOW REPLICA STATUS\\G to find all existing channel names.');
      assert.equal(await call(admin, 'rds_reset_external_source_for_channel', 'east'), v.reset("Replication has been reset for channel 'east'"));
      assert.deepEqual([await ids(eastT), await ids(westT)], [[1, 2, 3, 4, 5, 6], [1, 2, 3, 4, 5]], 'reset keeps the data');
    });
    });
  }
});
