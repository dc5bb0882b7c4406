/**
 * CreateDBInstance → the master user connects, beside its floor measured in the same run:
 * copying a template data directory and starting mariadbd until it answers.
 *
 *   node dist/bench/create-instance.js [--runs N]
 */
import { CreateDBInstanceCommand, DeleteDBInstanceCommand } from '@aws-sdk/client-rds';
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs, promisify } from 'node:util';
import { pino } from 'pino';
import type { LocalPlacement } from '../src/engine/local/local-placement.js';
import { startService } from '../src/service.js';
import { figureTable, type Figure } from './support/stats.js';
import { rdsClientFor } from '../kit/api.js';
import { waitForLogin } from '../kit/login.js';

const run = promisify(execFile);
const PASSWORD = 'Bench-pass1';

function connectWhenReady(port: number): Promise<void> {
  return waitForLogin({ host: '127.0.0.1', port, user: 'admin', password: PASSWORD }, { timeoutMs: 300_000, intervalMs: 2 });
}

/** One figure per personality: each engine version's template is built by its warm-up. */
const PERSONALITIES = [
  { label: 'RDS for MariaDB', engine: 'mariadb', version: '10.11', personality: 'mariadb' },
  { label: 'RDS for MySQL 5.7', engine: 'mysql', version: '5.7', personality: 'mysql5.7' },
  { label: 'RDS for MySQL 8.0', engine: 'mysql', version: '8.0', personality: 'mysql8.0' },
  { label: 'RDS for MySQL 8.4', engine: 'mysql', version: '8.4', personality: 'mysql8.4' },
] as const;

export async function benchCreateInstance(runs: number): Promise<Figure[]> {
  const home = await mkdtemp(join(tmpdir(), 'openrds-bench-'));
  // No automated backups: the first one, a hot copy right after each creation, would run beside the next measurement.
  const service = await startService({ home, apiPort: 0, instancePorts: '24000-24099', automatedBackups: false }, pino({ level: 'warn' }));
  const rds = rdsClientFor(service.endpoint);
  const create = (id: string, p: (typeof PERSONALITIES)[number], port: number) =>
    rds.send(new CreateDBInstanceCommand({ DBInstanceIdentifier: id, Engine: p.engine, EngineVersion: p.version, DBInstanceClass: 'db.t3.micro', MasterUsername: 'admin', MasterUserPassword: PASSWORD, Port: port }));
  const figures: Figure[] = [];
  try {
    const placement = service.placement as LocalPlacement;
    const templatesDir = join(home, 'templates');
    for (const [k, p] of PERSONALITIES.entries()) {
      // Warm-up: builds the personality's template once, as its first instance on a fresh state directory does.
      await create(`warmup-${k}`, p, 24100 + k);
      await connectWhenReady(24100 + k);
      const template = (await readdir(templatesDir)).find((name) => !name.startsWith('.') && name.includes(`-${p.personality}-`))!;
      const ours: number[] = [];
      const floor: number[] = [];
      for (let i = 0; i < runs; i++) {
        // Floor: copy the same template and start a bare server on it, until it answers.
        const floorId = `floor-${k}-${i}`;
        const t0 = performance.now();
        const layout = placement.layout(floorId);
        await run('mkdir', ['-p', layout.root]);
        await run('cp', ['-a', join(templatesDir, template, 'data'), layout.dataDir]);
        const server = await placement.start(floorId, { serverId: 9000 + i, port: 24200 + i });
        floor.push(performance.now() - t0);
        await server.stop();
        await placement.destroy(floorId);

        const id = `bench-${k}-${i}`;
        const port = 24300 + i;
        const t1 = performance.now();
        await create(id, p, port);
        await connectWhenReady(port);
        ours.push(performance.now() - t1);
        await service.control.settled();
        await rds.send(new DeleteDBInstanceCommand({ DBInstanceIdentifier: id, SkipFinalSnapshot: true }));
        await service.control.settled();
      }
      figures.push({
        name: `${p.label}: CreateDBInstance → master user connects`,
        samples: ours,
        floorName: 'copy template datadir + start mariadbd until it answers',
        floorSamples: floor,
        goal: '≤ 1.5×',
      });
    }
  } finally {
    await service[Symbol.asyncDispose]();
    await rm(home, { recursive: true, force: true });
  }
  return figures;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '15' } } });
  console.log(figureTable(await benchCreateInstance(Number(values.runs))));
}
