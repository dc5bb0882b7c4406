/**
 * Many instances: 20 CreateDBInstance sent at once (beside 20 bare starts in parallel; `rounds` times), idle memory
 * per instance (PSS, beside a bare mariadbd's) and of the openrds service (RSS, run as its own
 * process, as `openrds up`), and DescribeDBInstances latency through the AWS SDK with 50 instances,
 * beside the SDK's own floor: the same client given the same reply by a server that does nothing
 * else (the SDK's XML parsing of 50 instances is most of the figure).
 *
 *   node dist/bench/fleet.js [--parallel 20] [--describe-instances 50] [--rounds 3]
 */
import { CreateDBInstanceCommand, DeleteDBInstanceCommand, DescribeDBInstancesCommand, type RDSClient } from '@aws-sdk/client-rds';
import { execFile, spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { BENCH_PASSWORD } from './support/bench-service.js';
import { figureTable, type Figure } from './support/stats.js';
import { rdsClientFor } from '../kit/api.js';
import { BareServer } from '../kit/bare-server.js';
import { waitForLogin } from '../kit/login.js';
import { eventually } from '../kit/poll.js';

const run = promisify(execFile);
const BIN = fileURLToPath(new URL('../../bin/openrds.js', import.meta.url));

/** Proportional set size of a process in MB (shared pages split between their users). */
async function pssMB(pid: number): Promise<number> {
  const text = await readFile(`/proc/${pid}/smaps_rollup`, 'utf8');
  return Number(/^Pss:\s+(\d+) kB/m.exec(text)?.[1] ?? NaN) / 1024;
}

async function rssMB(pid: number): Promise<number> {
  const text = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/^VmRSS:\s+(\d+) kB/m.exec(text)?.[1] ?? NaN) / 1024;
}

function connectWhenReady(port: number): Promise<void> {
  return waitForLogin({ host: '127.0.0.1', port, user: 'admin', password: BENCH_PASSWORD }, { timeoutMs: 300_000, intervalMs: 5 });
}

/** `openrds up` as its own process, so that its memory is its own. */
async function startServiceProcess(home: string): Promise<{ endpoint: string; pid: number; stop: () => Promise<void> }> {
  // As `npm start` runs it: the file itself, with the node flags of its first line.
  const child = spawn(BIN, ['up', '--home', home, '--port', '0'], {
    env: { ...process.env, OPENRDS_INSTANCE_PORTS: '25000-25199', OPENRDS_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let banner = '';
  const endpoint = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      banner += chunk.toString();
      const match = /API \(AWS RDS Query protocol\):\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(banner);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`openrds up exited with ${code}`)));
  });
  return {
    endpoint,
    pid: child.pid!,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    },
  };
}

/** Times `DescribeDBInstances` through `rds`, as one SDK user would (one client, its kept connection). */
async function timeDescribe(rds: RDSClient, count: number, expected: number): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const t = performance.now();
    const out = await rds.send(new DescribeDBInstancesCommand({}));
    samples.push(performance.now() - t);
    if ((out.DBInstances ?? []).length !== expected) throw new Error('unexpected instance count');
  }
  return samples;
}

/**
 * DescribeDBInstances through `rds` (openrds) and, as the floor, through a second client given the
 * same reply by a plain HTTP server that only sends it; measured in alternating blocks, so that
 * both see the same machine (these machines drift over a minute).
 */
async function describeBesideFloor(rds: RDSClient, body: string, count: number, expected: number): Promise<{ ours: number[]; floor: number[] }> {
  const bytes = Buffer.from(body);
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => response.writeHead(200, { 'content-type': 'text/xml', 'x-amzn-requestid': 'floor' }).end(bytes));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const floorClient = rdsClientFor(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  try {
    // A few calls first, as a running client has made (the SDK's first call resolves its config).
    await timeDescribe(rds, 10, expected);
    await timeDescribe(floorClient, 10, expected);
    const ours: number[] = [];
    const floor: number[] = [];
    const block = 20;
    for (let done = 0; done < count; done += block) {
      ours.push(...(await timeDescribe(rds, block, expected)));
      floor.push(...(await timeDescribe(floorClient, block, expected)));
    }
    return { ours, floor };
  } finally {
    floorClient.destroy();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

async function createMany(rds: RDSClient, ids: readonly string[], firstPort: number): Promise<void> {
  await Promise.all(
    ids.map((id, i) =>
      rds.send(
        new CreateDBInstanceCommand({
          DBInstanceIdentifier: id,
          Engine: 'mariadb',
          DBInstanceClass: 'db.t3.micro',
          MasterUsername: 'admin',
          MasterUserPassword: BENCH_PASSWORD,
          Port: firstPort + i,
        }),
      ),
    ),
  );
  await Promise.all(ids.map((_, i) => connectWhenReady(firstPort + i)));
}

async function serverPids(home: string, ids: readonly string[]): Promise<number[]> {
  return Promise.all(ids.map(async (id) => Number(await readFile(join(home, 'instances', id, 'run', 'mysqld.pid'), 'utf8'))));
}

async function waitUntilAvailable(rds: RDSClient): Promise<void> {
  while (!((await rds.send(new DescribeDBInstancesCommand({}))).DBInstances ?? []).every((d) => d.DBInstanceStatus === 'available')) {
    await sleep(50);
  }
}

async function waitUntilDeleted(rds: RDSClient, count: number): Promise<void> {
  await eventually(`at most ${count} instances`, async () => ((await rds.send(new DescribeDBInstancesCommand({}))).DBInstances ?? []).length <= count, {
    timeoutMs: 300_000,
  });
}

export async function benchFleet(parallel: number, describeInstances: number, rounds: number): Promise<Figure[]> {
  const home = await mkdtemp(join(tmpdir(), 'openrds-bench-'));
  const service = await startServiceProcess(home);
  const rds = rdsClientFor(service.endpoint);
  try {
    // Warm-up: the first instance of a state directory builds the template.
    await createMany(rds, ['warmup'], 25500);
    await waitUntilAvailable(rds);
    await rds.send(new DeleteDBInstanceCommand({ DBInstanceIdentifier: 'warmup', SkipFinalSnapshot: true }));
    await waitUntilDeleted(rds, 0);
    const templates = join(home, 'templates');
    const template = join(templates, (await readdir(templates)).find((n) => !n.startsWith('.'))!, 'data');

    // Rounds, each the floor then ours: the same number of bare servers, each from a copy of the
    // same template, all at once; then as many CreateDBInstance at once, until every master user
    // connects. Every round but the last deletes its instances; the last one's are measured idle.
    const ids = Array.from({ length: parallel }, (_, i) => `fleet-${i + 1}`);
    const bareParallel: number[] = [];
    const oursParallel: number[] = [];
    let barePss: number[] = [];
    for (let round = 1; round <= rounds; round++) {
      let t0 = performance.now();
      const bare = await Promise.all(
        Array.from({ length: parallel }, async (_, i) => {
          const layout = BareServer.layoutIn(await mkdtemp(join(tmpdir(), 'openrds-bare-')));
          await run('cp', ['-a', template, layout.dataDir]);
          return BareServer.start({ serverId: 7000 + i, port: 25600 + i }, { initialise: false, layout });
        }),
      );
      bareParallel.push(performance.now() - t0);
      if (round === rounds) {
        await sleep(2000);
        barePss = await Promise.all(bare.map(async (b) => pssMB(Number(await readFile(b.layout.pidFile, 'utf8')))));
      }
      await Promise.all(bare.map((b) => b[Symbol.asyncDispose]()));

      t0 = performance.now();
      await createMany(rds, ids, 25700);
      oursParallel.push(performance.now() - t0);
      if (round < rounds) {
        // The master user connects a little before the control plane has marked the instance available.
        await waitUntilAvailable(rds);
        await Promise.all(ids.map((id) => rds.send(new DeleteDBInstanceCommand({ DBInstanceIdentifier: id, SkipFinalSnapshot: true }))));
        await waitUntilDeleted(rds, 0);
      }
    }
    await sleep(2000);
    const ourPss = await Promise.all((await serverPids(home, ids)).map(pssMB));
    const serviceRss = await rssMB(service.pid);

    // DescribeDBInstances with `describeInstances` instances, through the SDK.
    const more = Array.from({ length: describeInstances - parallel }, (_, i) => `more-${i + 1}`);
    for (let i = 0; i < more.length; i += 10) await createMany(rds, more.slice(i, i + 10), 25800 + i);
    // A running fleet, as the idle memory above: the newest servers have finished starting up
    // (InnoDB's background work, the monitor's first pass over them).
    await sleep(3000);
    const reply = await (await fetch(`${service.endpoint}/`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'Action=DescribeDBInstances&Version=2014-10-31' })).text();
    const { ours: describe, floor: describeFloor } = await describeBesideFloor(rds, reply, 200, describeInstances);
    return [
      { name: `${parallel} CreateDBInstance sent at once → all master users connect`, samples: oursParallel, floorName: `${parallel} bare starts (template copy + mariadbd) in parallel`, floorSamples: bareParallel, goal: '≤ 1.5×' },
      { name: `idle memory per instance with ${parallel} instances (PSS)`, unit: 'MB', samples: ourPss, floorName: 'bare mariadbd PSS (same settings)', floorSamples: barePss, goal: '≤ 40 MB' },
      { name: `openrds service with ${parallel} instances (RSS)`, unit: 'MB', samples: [serviceRss], floorName: '—', floorSamples: [], goal: '≤ 100 MB' },
      { name: `DescribeDBInstances with ${describeInstances} instances (AWS SDK)`, samples: describe, floorName: 'the SDK alone: same reply from a server that only sends it', floorSamples: describeFloor, goal: 'p50 ≤ 5 ms' },
    ];
  } finally {
    await service.stop();
    await rm(home, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: { parallel: { type: 'string', default: '20' }, 'describe-instances': { type: 'string', default: '50' }, rounds: { type: 'string', default: '3' } },
  });
  console.log(figureTable(await benchFleet(Number(values.parallel), Number(values['describe-instances']), Number(values.rounds))));
}
