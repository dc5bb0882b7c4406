/**
 * Faults: kill -9 of a read replica's server while it applies a large transaction, of a source
 * mid-write, of the openrds service itself in the middle of CreateDBInstance,
 * CreateDBInstanceReadReplica, PromoteReadReplica and DeleteDBInstance, and a network partition
 * between an external source and its replica. Afterwards instances come back (or are cleanly
 * `failed`), no server or directory is orphaned, replication resumes, and CHECKSUM TABLE of every
 * table agrees between source and replicas. OPENRDS_LONG=1 runs the long version.
 */
import {
  CreateDBInstanceCommand,
  CreateDBInstanceReadReplicaCommand,
  CreateDBParameterGroupCommand,
  DeleteDBInstanceCommand,
  DescribeDBInstancesCommand,
  ModifyDBParameterGroupCommand,
  PromoteReadReplicaCommand,
  type RDSClient,
} from '@aws-sdk/client-rds';
import { spawn, type ChildProcess } from 'node:child_process';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, test } from 'node:test';
import type { Connection } from 'mysql2/promise';
import { countRows, createInstance, createReplica, LONG, recordFigure, replicaStatus, rows, serversUnder, waitForSameData } from './support/cluster.js';
import { ExternalHost } from './support/external-host.js';
import { connectTo, startTestService } from './support/service.js';
import { describeOne, rdsClientFor, waitForReplicaStatus, waitForStatus } from '../kit/api.js';
import { done, eventually, notYet, poll } from '../kit/poll.js';

const PASSWORD = 'Fault-pass1';
const REPLICA_KILLS = LONG ? 20 : 3;
const SERVICE_KILLS = LONG ? 10 : 1;
const PARTITION_MS = LONG ? 30_000 : 5_000;

/** Makes `app.big` hold one more large transaction's worth of rows, in one transaction. */
async function largeTransaction(conn: Connection, rowsPerTx: number): Promise<void> {
  await conn.query('BEGIN');
  await conn.query(
    `INSERT INTO app.big (payload) SELECT REPEAT(MD5(RAND()), 4) FROM app.seq_1_to_${rowsPerTx}`,
  );
  await conn.query('COMMIT');
}

describe('faults: kill -9 of servers', () => {
  test(`a read replica killed ${REPLICA_KILLS} times while applying a large transaction, and a source killed mid-write`, async () => {
    await using t = await startTestService();
    const source = await createInstance(t.rds, 'f', PASSWORD);
    let admin = await connectTo(source, 'admin', PASSWORD);
    await admin.query('CREATE TABLE app.big (id BIGINT AUTO_INCREMENT PRIMARY KEY, payload TEXT)');
    await admin.query('CREATE TABLE app.small (id BIGINT AUTO_INCREMENT PRIMARY KEY, n INT)');
    const replica = await createReplica(t.rds, 'f-r', 'f');
    let onReplica = await connectTo(replica, 'admin', PASSWORD);
    const replicaDir = join(t.home, 'instances', 'f-r');
    const sourceDir = join(t.home, 'instances', 'f');
    let killedWhileApplying = 0;

    // Supervision declares a server failed after more than 5 unexpected exits within 60 s (a crash
    // loop): the kills are spaced so that no 60 s window holds more than 5.
    const killedAt: number[] = [];
    for (let i = 0; i < REPLICA_KILLS; i++) {
      if (killedAt.length >= 5) {
        const wait = killedAt[killedAt.length - 5]! + 61_000 - Date.now();
        if (wait > 0) await sleep(wait);
      }
      await largeTransaction(admin, LONG ? 200_000 : 100_000);
      // the replica is applying it now (100k rows take it about a second)
      const [pid] = await serversUnder(replicaDir);
      assert.ok(pid, 'the replica server runs');
      const applying = await rows<{ n: number }>(
        onReplica,
        "SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE USER = 'system user' AND STATE NOT LIKE '%has read all relay log%' AND STATE NOT LIKE '%Waiting for master%'",
      ).then((r) => Number(r[0]?.n) > 0, () => false);
      if (applying) killedWhileApplying += 1;
      process.kill(pid!, 'SIGKILL');
      killedAt.push(Date.now());
      onReplica.destroy();
      await eventually('the replica is restarted', async () => (await serversUnder(replicaDir)).length === 1 && (await serversUnder(replicaDir))[0] !== pid);
      await waitForStatus(t.rds, 'f-r', 'available');
      onReplica = await connectWhenUp(replica);
      await waitForSameData(admin, [onReplica], 120_000);
      const status = await replicaStatus(onReplica);
      assert.equal(status?.Slave_SQL_Running, 'Yes', `kill ${i + 1}: replication resumed`);
    }

    // the source, killed while a writer commits small transactions
    let writes = 0;
    let stop = false;
    const writer = (async () => {
      let conn: Connection | undefined = admin;
      while (!stop) {
        try {
          conn ??= await connectTo(source, 'admin', PASSWORD);
          await conn.query('INSERT INTO app.small (n) VALUES (?)', [writes]);
          writes += 1;
        } catch {
          conn?.destroy();
          conn = undefined;
          await sleep(50);
        }
      }
      conn?.destroy();
    })();
    await sleep(500);
    const [sourcePid] = await serversUnder(sourceDir);
    process.kill(sourcePid!, 'SIGKILL');
    await eventually('the source is restarted', async () => {
      const pids = await serversUnder(sourceDir);
      return pids.length === 1 && pids[0] !== sourcePid;
    });
    await waitForStatus(t.rds, 'f', 'available');
    await sleep(1000);
    stop = true;
    await writer;
    admin = await connectTo(source, 'admin', PASSWORD);
    await waitForReplicaStatus(t.rds, 'f-r', 'replicating');
    const tables = await waitForSameData(admin, [onReplica], 120_000);
    const checked = await countRows(admin);
    await recordFigure({ suite: 'faults', fault: 'kill -9 replica while applying', times: REPLICA_KILLS, killedWhileApplying, rowsChecked: checked, tables });
    await recordFigure({ suite: 'faults', fault: 'kill -9 source mid-write', times: 1, writes, rowsChecked: checked, tables });
    admin.destroy();
    onReplica.destroy();
  });
});

// ── kill -9 of the service itself ───────────────────────────────────────────────────────────

interface ChildService {
  readonly child: ChildProcess;
  readonly rds: RDSClient;
  readonly endpoint: string;
}

async function startChild(home: string): Promise<ChildService> {
  const first = 30000 + (process.pid % 200) * 50;
  const child = spawn(process.execPath, ['bin/openrds.js', 'up', '--home', home, '--port', '0'], {
    cwd: join(import.meta.dirname, '..', '..'),
    env: { ...process.env, OPENRDS_INSTANCE_PORTS: `${first}-${first + 49}`, OPENRDS_MONITOR_INTERVAL_MS: '200' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const endpoint = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no banner: ${out}`)), 120_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /API \(AWS RDS Query protocol\):\s+(http:\/\/\S+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`openrds exited (${code}): ${out}`)));
  });
  child.stdout!.resume();
  child.stderr!.resume();
  return { child, endpoint, rds: rdsClientFor(endpoint) };
}

async function killChild(service: ChildService): Promise<void> {
  const exited = new Promise((resolve) => service.child.once('exit', resolve));
  service.child.kill('SIGKILL');
  await exited;
}

async function stopChild(service: ChildService): Promise<void> {
  const exited = new Promise((resolve) => service.child.once('exit', resolve));
  service.child.kill('SIGTERM');
  await exited;
}

/** After a restart: every instance available or failed, one server per running instance, no stray directory. */
async function checkClean(rds: RDSClient, home: string): Promise<Map<string, string>> {
  const statuses = await poll(
    'every instance available or failed',
    async () => {
      const instances = (await rds.send(new DescribeDBInstancesCommand({}))).DBInstances ?? [];
      const seen = new Map(instances.map((i) => [i.DBInstanceIdentifier!, i.DBInstanceStatus!]));
      return [...seen.values()].every((s) => s === 'available' || s === 'failed') ? done(seen) : notYet([...seen]);
    },
    { timeoutMs: 120_000, intervalMs: 100 },
  );
  const dirs = await readdir(join(home, 'instances')).catch(() => [] as string[]);
  for (const dir of dirs) assert.ok(statuses.has(dir), `directory of an unknown instance: ${dir}`);
  for (const [id, status] of statuses) {
    const servers = await serversUnder(join(home, 'instances', id) + '/');
    assert.equal(servers.length, status === 'available' ? 1 : 0, `${id} (${status}): ${servers.length} servers`);
  }
  const all = await serversUnder(join(home, 'instances') + '/');
  assert.equal(all.length, [...statuses.values()].filter((s) => s === 'available').length, 'no orphan server');
  // A template build of the restarted service ends within seconds; one of the killed service would run on.
  await eventually('no template build left running', async () => (await serversUnder(join(home, 'templates') + '/')).length === 0, 60_000);
  return statuses;
}

describe('faults: kill -9 of the openrds service', () => {
  test(`mid-CreateDBInstance, mid-CreateDBInstanceReadReplica, mid-PromoteReadReplica, mid-DeleteDBInstance (${SERVICE_KILLS}x each)`, async () => {
    const home = await mkdtemp(join(tmpdir(), 'openrds-faults-'));
    let service = await startChild(home);
    const figures = { create: 0, replica: 0, promote: 0, delete: 0, failedCleanly: 0, cameBack: 0 };
    try {
      await service.rds.send(
        new CreateDBInstanceCommand({
          DBInstanceIdentifier: 'k',
          Engine: 'mariadb',
          DBInstanceClass: 'db.t3.micro',
          MasterUsername: 'admin',
          MasterUserPassword: PASSWORD,
          DBName: 'app',
        }),
      );
      let source = await waitForStatus(service.rds, 'k', 'available', 120_000);
      {
        await using admin = await connectTo(source, 'admin', PASSWORD);
        await admin.query('CREATE TABLE app.t (id INT AUTO_INCREMENT PRIMARY KEY, v VARCHAR(64))');
        await admin.query("INSERT INTO app.t (v) SELECT MD5(seq) FROM app.seq_1_to_20000");
      }
      const restart = async (delayMs: number) => {
        await sleep(delayMs);
        await killChild(service);
        service = await startChild(home);
        return checkClean(service.rds, home);
      };
      const delays = (i: number) => [5, 40, 120, 300][i % 4]!;

      for (let i = 0; i < SERVICE_KILLS; i++) {
        // CreateDBInstance
        await service.rds.send(
          new CreateDBInstanceCommand({
            DBInstanceIdentifier: `c${i}`,
            Engine: 'mariadb',
            DBInstanceClass: 'db.t3.micro',
            MasterUsername: 'admin',
            MasterUserPassword: PASSWORD,
          }),
        );
        let statuses = await restart(delays(i));
        figures.create += 1;
        statuses.get(`c${i}`) === 'failed' ? (figures.failedCleanly += 1) : (figures.cameBack += 1);

        // CreateDBInstanceReadReplica
        await service.rds.send(new CreateDBInstanceReadReplicaCommand({ DBInstanceIdentifier: `r${i}`, SourceDBInstanceIdentifier: 'k' }));
        statuses = await restart(delays(i + 1) * 3);
        figures.replica += 1;
        statuses.get(`r${i}`) === 'failed' ? (figures.failedCleanly += 1) : (figures.cameBack += 1);
        if (statuses.get(`r${i}`) !== 'available') {
          await service.rds.send(new DeleteDBInstanceCommand({ DBInstanceIdentifier: `r${i}`, SkipFinalSnapshot: true }));
          await eventually(`r${i} deleted`, async () => !(await exists(service.rds, `r${i}`)), 60_000);
          await service.rds.send(new CreateDBInstanceReadReplicaCommand({ DBInstanceIdentifier: `r${i}`, SourceDBInstanceIdentifier: 'k' }));
          await waitForStatus(service.rds, `r${i}`, 'available', 120_000);
        }
        // replication resumes after the restart, and the data agree
        source = await describeOne(service.rds, 'k');
        const replica = await describeOne(service.rds, `r${i}`);
        {
          await using admin = await connectTo(source, 'admin', PASSWORD);
          await admin.query("INSERT INTO app.t (v) VALUES ('after restart')");
          await using onReplica = await connectTo(replica, 'admin', PASSWORD);
          await waitForSameData(admin, [onReplica]);
        }

        // PromoteReadReplica
        await service.rds.send(new PromoteReadReplicaCommand({ DBInstanceIdentifier: `r${i}` }));
        statuses = await restart(delays(i + 2));
        figures.promote += 1;
        const promoted = await describeOne(service.rds, `r${i}`);
        if (promoted.DBInstanceStatus === 'available') {
          figures.cameBack += 1;
          // whatever it became, it answers, and it is either still a replica or writable
          await using conn = await connectTo(promoted, 'admin', PASSWORD);
          await conn.query('SELECT COUNT(*) FROM app.t');
        } else figures.failedCleanly += 1;

        // DeleteDBInstance (of the promoted replica and of the created instance)
        await service.rds.send(new DeleteDBInstanceCommand({ DBInstanceIdentifier: `r${i}`, SkipFinalSnapshot: true }));
        if (await exists(service.rds, `c${i}`)) {
          await waitStable(service.rds, `c${i}`);
          await service.rds.send(new DeleteDBInstanceCommand({ DBInstanceIdentifier: `c${i}`, SkipFinalSnapshot: true }));
        }
        statuses = await restart(delays(i + 3));
        figures.delete += 1;
        assert.ok(!statuses.has(`r${i}`) && !statuses.has(`c${i}`), 'an interrupted delete is finished at start-up');
      }
      // the source lived through every restart
      assert.equal((await describeOne(service.rds, 'k')).DBInstanceStatus, 'available');
      await recordFigure({ suite: 'faults', fault: 'kill -9 of the openrds service', ...figures });
    } finally {
      await stopChild(service).catch(() => undefined);
      assert.deepEqual(await serversUnder(home), [], 'every server ended with the service');
      await rm(home, { recursive: true, force: true });
    }
  });
});

async function exists(rds: RDSClient, id: string): Promise<boolean> {
  return describeOne(rds, id).then(
    () => true,
    () => false,
  );
}

async function waitStable(rds: RDSClient, id: string): Promise<void> {
  await eventually(`${id} settles`, async () => ['available', 'failed'].includes((await describeOne(rds, id)).DBInstanceStatus!), 120_000);
}

async function connectWhenUp(instance: Parameters<typeof connectTo>[0]): Promise<Connection> {
  return poll('the master user to log in', async () => done(await connectTo(instance, 'admin', PASSWORD)), { timeoutMs: 60_000, intervalMs: 100 });
}

// ── a network partition ───────────────────────────────────────────────────────────────────

describe('faults: a network partition', () => {
  test(`between an external source and its replica, ${PARTITION_MS / 1000} s: error with the IO error, then replicating, same data`, async () => {
    await using t = await startTestService();
    await using external = await ExternalHost.start();
    // the IO thread notices a silent peer after slave_net_timeout (heartbeats every half of it)
    await t.rds.send(new CreateDBParameterGroupCommand({ DBParameterGroupName: 'quick-net', DBParameterGroupFamily: 'mariadb10.11', Description: 'partition test' }));
    await t.rds.send(
      new ModifyDBParameterGroupCommand({
        DBParameterGroupName: 'quick-net',
        Parameters: [{ ParameterName: 'slave_net_timeout', ParameterValue: '2', ApplyMethod: 'immediate' }],
      }),
    );
    const instance = await createInstance(t.rds, 'imp', PASSWORD, { DBParameterGroupName: 'quick-net' });
    const root = await external.rootConnection();
    await root.query("CREATE USER 'repl'@'%' IDENTIFIED BY 'Repl-pass1'");
    await root.query("GRANT REPLICATION SLAVE ON *.* TO 'repl'@'%'");
    await root.query('CREATE DATABASE shop');
    await root.query('CREATE TABLE shop.orders (id INT AUTO_INCREMENT PRIMARY KEY, v VARCHAR(40))');
    await root.query("INSERT INTO shop.orders (v) SELECT MD5(seq) FROM shop.seq_1_to_1000");
    const [master] = await rows<{ File: string; Position: number }>(root, 'SHOW MASTER STATUS');
    await using admin = await connectTo(instance, 'admin', PASSWORD);
    await admin.query('CREATE DATABASE shop');
    await admin.query('CREATE TABLE shop.orders (id INT AUTO_INCREMENT PRIMARY KEY, v VARCHAR(40))');
    await admin.query("INSERT INTO shop.orders (v) SELECT MD5(seq) FROM shop.seq_1_to_1000");
    await admin.query('CALL mysql.rds_set_external_master(?, ?, ?, ?, ?, ?, 0)', [external.address, external.port, 'repl', 'Repl-pass1', master!.File, master!.Position]);
    await admin.query('CALL mysql.rds_start_replication()');
    await root.query("INSERT INTO shop.orders (v) VALUES ('before the cut')");
    await waitForSameData(root, [admin]);

    await external.cut();
    const cutAt = Date.now();
    await root.query("INSERT INTO shop.orders (v) SELECT CONCAT('during ', seq) FROM shop.seq_1_to_500");
    let ioError = '';
    await eventually('the IO thread reports the partition', async () => {
      const status = await replicaStatus(admin);
      ioError = String(status?.Last_IO_Error ?? '');
      return status?.Slave_IO_Running !== 'Yes' && Number(status?.Last_IO_Errno) > 0;
    }, PARTITION_MS + 30_000);
    const noticedMs = Date.now() - cutAt;
    assert.match(ioError, /connect|Lost|timeout|reconnect/i);
    const left = PARTITION_MS - (Date.now() - cutAt);
    if (left > 0) await sleep(left);
    await external.heal();
    const healedAt = Date.now();
    await eventually('replicating again', async () => {
      const status = await replicaStatus(admin);
      return status?.Slave_IO_Running === 'Yes' && status?.Slave_SQL_Running === 'Yes';
    }, 60_000);
    const resumedMs = Date.now() - healedAt;
    await waitForSameData(root, [admin]);
    await root.end();
    await recordFigure({ suite: 'faults', fault: `network partition ${PARTITION_MS / 1000} s`, noticedMs, resumedMs, ioError: ioError.slice(0, 200) });
  });
});
