/**
 * Snapshots, restores and point-in-time restore of the read-replica benchmark's ~1.5 GB source,
 * and the write downtime of a blue/green switchover, each beside its floor from the same run:
 * - CreateDBSnapshot → available, beside the hot-copy tool alone (mariadb-backup --backup, --prepare);
 * - RestoreDBInstanceFromDBSnapshot → the master user connects, beside `cp -a` of the snapshot's
 *   data directory plus a bare server started on it and the same connection;
 * - RestoreDBInstanceToPointInTime (latest restorable time) after a write burst, beside that floor
 *   plus `mariadb-binlog | mariadb` replaying the same binary logs into the bare server;
 * - the longest gap a writer at blue's endpoint sees across SwitchoverBlueGreenDeployment, beside
 *   the gap it sees across a bare server's restart on its port (the least a move of endpoints costs).
 * The page cache is dropped before each copy (when this machine allows it). bench/read-replica runs it
 * on its source; alone, it makes a small one:
 *
 *   node dist/bench/snapshots.js [--runs 3] [--pitr-seconds 20] [--class db.m5.large]
 */
import {
  CreateBlueGreenDeploymentCommand,
  CreateDBSnapshotCommand,
  DeleteBlueGreenDeploymentCommand,
  DeleteDBInstanceCommand,
  DeleteDBSnapshotCommand,
  DescribeBlueGreenDeploymentsCommand,
  DescribeDBSnapshotsCommand,
  RestoreDBInstanceFromDBSnapshotCommand,
  RestoreDBInstanceToPointInTimeCommand,
  SwitchoverBlueGreenDeploymentCommand,
} from '@aws-sdk/client-rds';
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs, promisify } from 'node:util';
import mysql from 'mysql2/promise';
import { waitForStatus } from '../kit/api.js';
import { BareServer } from '../kit/bare-server.js';
import { classMemoryBytes } from '../src/model/instance-classes.js';
import { done, notYet, poll } from '../kit/poll.js';
import { longestGap, writer } from '../kit/writer.js';
import { inMemoryBurst } from './catch-up.js';
import { BENCH_PASSWORD, startBenchService, type BenchService } from './support/bench-service.js';
import { dropCaches, megabytes, timedToolCopy } from './support/copies.js';
import { figureTable, type Figure } from './support/stats.js';
import { prepareTables, writeBurst, type SysbenchTables } from './support/sysbench.js';

const run = promisify(execFile);
const LONG = { timeoutMs: 900_000, intervalMs: 10 };
/** A port outside the bench services' ranges, for the floors' bare servers. */
const BARE_PORT = 24390;
const ADMIN = { user: 'admin', password: BENCH_PASSWORD };

export interface SnapshotBenchOptions {
  readonly runs: number;
  /** Seconds of writes between the automated backup and the point-in-time restore. */
  readonly burstSeconds: number;
}

async function snapshotAvailable(bench: BenchService, id: string): Promise<void> {
  await poll(`snapshot ${id} available`, async () => {
    const [s] = (await bench.rds.send(new DescribeDBSnapshotsCommand({ DBSnapshotIdentifier: id }))).DBSnapshots ?? [];
    return s?.Status === 'available' ? done(s) : notYet([s?.Status, s?.PercentProgress]);
  }, LONG);
}

async function timedSnapshot(bench: BenchService, sourceId: string, id: string): Promise<number> {
  const t0 = performance.now();
  await bench.rds.send(new CreateDBSnapshotCommand({ DBInstanceIdentifier: sourceId, DBSnapshotIdentifier: id }));
  await snapshotAvailable(bench, id);
  return performance.now() - t0;
}

/** Waits until the restored instance is available and its master user connects; deletes it after. */
async function timedRestore(bench: BenchService, id: string, restore: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await restore();
  const instance = await waitForStatus(bench.rds, id, 'available', LONG);
  const conn = await bench.connect(instance.Endpoint!.Port!);
  const elapsed = performance.now() - t0;
  await conn.end();
  await bench.rds.send(new DeleteDBInstanceCommand({ DBInstanceIdentifier: id, SkipFinalSnapshot: true }));
  await bench.service.control.settled();
  return elapsed;
}

/**
 * The floor of a restore: `cp -a` of a snapshot's data, a bare server started on it (grant tables
 * off, so that the replay's session settings are allowed; the class's memory, as the instance has;
 * no disk flush per commit, as openrds's replay), the master user's connection, and `afterStart`
 * (the replay of a point-in-time restore) timed with it.
 */
async function timedBareRestore(
  bench: BenchService,
  instanceClass: string,
  dataDir: string,
  afterStart: (server: BareServer) => Promise<void> = async () => undefined,
): Promise<number> {
  const root = await mkdtemp(join(tmpdir(), 'openrds-bench-restore-'));
  const layout = BareServer.layoutIn(root);
  try {
    const t0 = performance.now();
    await run('cp', ['-a', dataDir, layout.dataDir]);
    await using server = await BareServer.start(
      {
        serverId: 9,
        port: BARE_PORT,
        // No flush per commit, as openrds's replay runs: the least a replay can cost.
        variables: { ...bench.service.placement.engine.memorySettings(classMemoryBytes(instanceClass)), skip_grant_tables: true, innodb_flush_log_at_trx_commit: 0, sync_binlog: 0 },
      },
      { initialise: false, layout },
    );
    await afterStart(server);
    const conn = await mysql.createConnection({ host: '127.0.0.1', port: BARE_PORT, ...ADMIN });
    const elapsed = performance.now() - t0;
    await conn.end();
    return elapsed;
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

/** `mariadb-binlog` of the source's logs from `from` on, piped into the bare server. */
async function replayInto(server: BareServer, sourceData: string, from: { binlogFile: string; binlogPosition: number }): Promise<void> {
  const files = (await readdir(sourceData)).filter((name) => /^mysql-bin-changelog\.\d+$/.test(name) && name >= from.binlogFile).sort();
  const paths = files.map((name) => `'${join(sourceData, name)}'`).join(' ');
  await run('bash', ['-o', 'pipefail', '-c', `mariadb-binlog --start-position=${from.binlogPosition} ${paths} | mariadb --socket='${server.layout.socketPath}' -uroot`], {
    maxBuffer: 64 * 1024 * 1024,
  });
}

/** One switchover of a small instance under a writer: the writer's longest gap. */
async function switchoverGap(bench: BenchService, blueId: string, round: number): Promise<number> {
  const created = await bench.rds.send(
    new CreateBlueGreenDeploymentCommand({ BlueGreenDeploymentName: `bench-bg-${round}`, Source: `arn:aws:rds:us-east-1:000000000000:db:${blueId}` }),
  );
  const id = created.BlueGreenDeployment!.BlueGreenDeploymentIdentifier!;
  const status = async () => (await bench.rds.send(new DescribeBlueGreenDeploymentsCommand({ BlueGreenDeploymentIdentifier: id }))).BlueGreenDeployments![0]!.Status;
  const until = (wanted: string) => poll(`deployment ${id} ${wanted}`, async () => ((await status()) === wanted ? done(true) : notYet(await status())), LONG);
  await until('AVAILABLE');
  const blue = await waitForStatus(bench.rds, blueId, 'available', LONG);
  const w = writer({ host: blue.Endpoint!.Address!, port: blue.Endpoint!.Port! }, ADMIN, 'app.writes');
  await poll('the writer committing', async () => (w.committed.length > 100 ? done(true) : notYet(w.committed.length)));
  await bench.rds.send(new SwitchoverBlueGreenDeploymentCommand({ BlueGreenDeploymentIdentifier: id, SwitchoverTimeout: 300 }));
  await until('SWITCHOVER_COMPLETED');
  const settled = w.committed.length;
  await poll('the writer committing on the new blue', async () => (w.committed.length > settled + 100 ? done(true) : notYet(w.committed.length)));
  await w.stop();
  await bench.rds.send(new DeleteBlueGreenDeploymentCommand({ BlueGreenDeploymentIdentifier: id }));
  await bench.rds.send(new DeleteDBInstanceCommand({ DBInstanceIdentifier: `${blueId}-old1`, SkipFinalSnapshot: true }));
  await bench.service.control.settled();
  return longestGap(w.committed.map((c) => c.at));
}

/** The same writer across a bare server's stop and start on its port. */
async function bareRestartGap(): Promise<number> {
  const settings = { serverId: 1, port: BARE_PORT, variables: {} };
  let server = await BareServer.start(settings);
  const { layout } = server;
  try {
    const root = await server.root();
    await root.query(`CREATE DATABASE app; CREATE TABLE app.writes (n INT PRIMARY KEY); CREATE USER admin@'%' IDENTIFIED BY '${BENCH_PASSWORD}'; GRANT ALL ON app.* TO admin@'%'`);
    await root.end();
    const w = writer({ host: '127.0.0.1', port: BARE_PORT }, ADMIN, 'app.writes');
    try {
      await poll('the writer committing', async () => (w.committed.length > 100 ? done(true) : notYet(w.committed.length)));
      await server.stop();
      server = await BareServer.start(settings, { initialise: false, layout });
      const settled = w.committed.length;
      await poll('the writer committing after the restart', async () => (w.committed.length > settled + 100 ? done(true) : notYet(w.committed.length)));
    } finally {
      await w.stop();
    }
    return longestGap(w.committed.map((c) => c.at));
  } finally {
    await server.stop();
    await rm(layout.root, { recursive: true, force: true });
  }
}

export async function benchSnapshots(
  bench: BenchService,
  source: { id: string; port: number; instanceClass: string; dataDir: string; megabytes: number; burst: SysbenchTables },
  options: SnapshotBenchOptions,
): Promise<{ figures: Figure[]; notes: string[] }> {
  const snapshotDir = (id: string) => join(bench.home, 'snapshots', id, 'data');
  const tool: number[] = [];
  const snapshot: number[] = [];
  let cold = true;
  for (let i = 0; i < options.runs; i++) {
    if (i > 0) await bench.rds.send(new DeleteDBSnapshotCommand({ DBSnapshotIdentifier: `bench-snap-${i - 1}` }));
    cold = (await dropCaches()) && cold;
    tool.push(await timedToolCopy(bench, source.id));
    cold = (await dropCaches()) && cold;
    snapshot.push(await timedSnapshot(bench, source.id, `bench-snap-${i}`));
  }
  const kept = `bench-snap-${options.runs - 1}`;

  const restore: number[] = [];
  const bareRestore: number[] = [];
  for (let i = 0; i < options.runs; i++) {
    cold = (await dropCaches()) && cold;
    bareRestore.push(await timedBareRestore(bench, source.instanceClass, snapshotDir(kept)));
    cold = (await dropCaches()) && cold;
    restore.push(await timedRestore(bench, `bench-restored-${i}`, () =>
      bench.rds.send(new RestoreDBInstanceFromDBSnapshotCommand({ DBInstanceIdentifier: `bench-restored-${i}`, DBSnapshotIdentifier: kept })),
    ));
  }
  await bench.rds.send(new DeleteDBSnapshotCommand({ DBSnapshotIdentifier: kept }));

  // Point in time: the source's first automated backup, then a write burst its binary log holds.
  await bench.service.control.backups.runOnce();
  const automated = await poll('the automated backup', async () => {
    const [s] = (await bench.rds.send(new DescribeDBSnapshotsCommand({ DBInstanceIdentifier: source.id, SnapshotType: 'automated' }))).DBSnapshots ?? [];
    return s?.Status === 'available' ? done(s.DBSnapshotIdentifier!) : notYet(s?.Status);
  }, LONG);
  const base = bench.service.control.snapshots.get(automated).position!;
  const tps = await writeBurst(source.burst, options.burstSeconds, 8);
  const pitr: number[] = [];
  const barePitr: number[] = [];
  for (let i = 0; i < options.runs; i++) {
    cold = (await dropCaches()) && cold;
    barePitr.push(await timedBareRestore(bench, source.instanceClass, snapshotDir(automated), (server) => replayInto(server, source.dataDir, base)));
    cold = (await dropCaches()) && cold;
    pitr.push(await timedRestore(bench, `bench-pitr-${i}`, () =>
      bench.rds.send(new RestoreDBInstanceToPointInTimeCommand({ SourceDBInstanceIdentifier: source.id, TargetDBInstanceIdentifier: `bench-pitr-${i}`, UseLatestRestorableTime: true })),
    ));
  }

  const blue = await bench.create('bench-blue', { dbName: 'app' });
  const conn = await bench.connect(blue);
  await conn.query('CREATE TABLE app.writes (n INT PRIMARY KEY)');
  await conn.end();
  const switchover: number[] = [];
  const restart: number[] = [];
  for (let i = 0; i < options.runs; i++) {
    restart.push(await bareRestartGap());
    switchover.push(await switchoverGap(bench, 'bench-blue', i));
    const c = await bench.connect(blue);
    await c.query('TRUNCATE app.writes');
    await c.end();
  }

  const cache = cold ? 'page cache dropped' : 'warm cache: dropping it is not allowed here';
  return {
    figures: [
      { name: `CreateDBSnapshot of the ~${source.megabytes} MB source → available`, samples: snapshot, floorName: `the hot-copy tool alone (${cache})`, floorSamples: tool, goal: '≤ 1.2×' },
      {
        name: 'RestoreDBInstanceFromDBSnapshot of that snapshot → the master user connects',
        samples: restore,
        floorName: `cp -a of the snapshot + a bare server start + the connection (${cache})`,
        floorSamples: bareRestore,
        goal: '≤ 1.5×',
      },
      {
        name: `RestoreDBInstanceToPointInTime (latest) after a ${options.burstSeconds} s burst of ~${Math.round(tps)} tps → the master user connects`,
        samples: pitr,
        floorName: 'the same floor on the automated backup + mariadb-binlog | mariadb of the same binary logs',
        floorSamples: barePitr,
        goal: '≤ 1.5×',
      },
      {
        name: 'SwitchoverBlueGreenDeployment: longest gap between two commits of a writer at blue’s endpoint',
        samples: switchover,
        floorName: 'the same writer across a bare server’s restart on its port',
        floorSamples: restart,
        goal: '≤ 1000 ms',
      },
    ],
    notes: [
      `snapshots: the point-in-time restore replays the binary logs written by ${options.burstSeconds} s of oltp_write_only (8 threads, ${Math.round(tps)} tps) after the automated backup`,
    ],
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: { runs: { type: 'string', default: '3' }, 'pitr-seconds': { type: 'string', default: '20' }, class: { type: 'string', default: 'db.m5.large' } },
  });
  await using bench = await startBenchService('24600-24649');
  const port = await bench.create('source', { instanceClass: values.class });
  const burst = inMemoryBurst(port).tables;
  await prepareTables(burst);
  const dataDir = join(bench.home, 'instances', 'source', 'data');
  const source = { id: 'source', port, instanceClass: values.class, dataDir, megabytes: await megabytes(dataDir), burst };
  const { figures, notes } = await benchSnapshots(bench, source, { runs: Number(values.runs), burstSeconds: Number(values['pitr-seconds']) });
  console.log(figureTable(figures));
  for (const note of notes) console.log(`- ${note}`);
}
