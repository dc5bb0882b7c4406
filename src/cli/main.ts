import type { DBInstance } from '@aws-sdk/client-rds';
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Command } from 'commander';
import { DEFAULT_ENDPOINT, resolveConfig } from '../config.js';
import type { InstanceView } from '../api/instances-json.js';
import { MariaDBAdapter } from '../engine/mariadb/mariadb-adapter.js';
import { addSnapshotCommands } from './snapshots.js';
import { addBlueGreenCommands } from './blue-green.js';
import { waitUntil } from './wait.js';
import { formatTable } from './table.js';

const program = new Command('openrds')
  .description('Amazon RDS for MySQL/MariaDB replication control, on real MariaDB servers on this machine')
  .option('--endpoint <url>', 'the openrds API', DEFAULT_ENDPOINT)
  .enablePositionalOptions();

const endpoint = () => program.opts<{ endpoint: string }>().endpoint;
const client = async () => (await import('./client.js')).rdsClient(endpoint());
/**
 * The AWS SDK is loaded only by the commands that talk to the API: `openrds up` runs for days and
 * should not carry it (it costs the service tens of MB).
 */
const sdk = () => import('@aws-sdk/client-rds');

/** openrds's JSON view (lag, role, copy progress: what the RDS API does not carry). */
async function instanceViews(): Promise<InstanceView[]> {
  const response = await (await import('./client.js')).signedGet(new URL('/openrds/v1/instances', endpoint()));
  if (!response.ok) throw new Error(`the openrds API answered ${response.status}`);
  return ((await response.json()) as { instances: InstanceView[] }).instances;
}

function lag(seconds: number | null): string {
  return seconds === null ? '-' : seconds < 0 ? 'n/a' : `${seconds} s`;
}

function megabytes(bytes: number): string {
  return `${(bytes / 1048576).toFixed(1)} MB`;
}

async function describe(id: string): Promise<DBInstance> {
  const out = await (await client()).send(new (await sdk()).DescribeDBInstancesCommand({ DBInstanceIdentifier: id }));
  return out.DBInstances![0]!;
}

/** Polls until the instance reaches `status` (or fails), printing each change and copy progress. */
async function waitFor(id: string, status: string): Promise<DBInstance> {
  let lastCopied: number | null = null;
  return waitUntil(id, () => describe(id), {
    state: (instance) => instance.DBInstanceStatus ?? '',
    done: (instance) => instance.DBInstanceStatus === status,
    failed: (instance) => (instance.DBInstanceStatus === 'failed' ? `${id} failed; see: openrds events ${id}` : undefined),
    report: async (instance) => {
      if (instance.DBInstanceStatus !== 'creating') return;
      const copied = (await instanceViews()).find((v) => v.id === id)?.bytesCopied ?? null;
      if (copied !== null && copied !== lastCopied) {
        lastCopied = copied;
        process.stderr.write(`${id}: copied ${megabytes(copied)} from the source\n`);
      }
    },
  });
}

program
  .command('up')
  .description('start openrds in the foreground: the API and every DB instance')
  .option('--port <port>', 'API port on 127.0.0.1 (OPENRDS_PORT)')
  .option('--home <dir>', 'state directory (OPENRDS_HOME, default ~/.openrds; /var/lib/openrds for root)')
  .action(async (options: { port?: string; home?: string }) => {
    const { startService } = await import('../service.js');
    const service = await startService({ apiPort: options.port, home: options.home });
    const instances = service.control.describe();
    console.log(`openrds is up.
  API (AWS RDS Query protocol): ${service.endpoint}
  Web console:                  ${service.endpoint}/console/
  State directory:              ${service.config.home}
  DB instances:                 ${instances.length} (${instances.filter((i) => i.status === 'available').length} available)
Try:
  aws rds create-db-instance --endpoint-url ${service.endpoint} --db-instance-identifier db1 \\
      --engine mariadb --db-instance-class db.t3.micro --master-username admin --master-user-password secret99
  openrds status
Stop with Ctrl-C or: openrds down`);
    let stopping = false;
    const shutdown = async () => {
      if (stopping) return;
      stopping = true;
      console.log('openrds: stopping DB instances...');
      await service[Symbol.asyncDispose]();
      process.exit(0);
    };
    process.on('SIGINT', shutdown);
    process.on('SIGTERM', shutdown);
  });

program
  .command('down')
  .description('stop a running openrds (its instances stop cleanly and come back at the next up)')
  .option('--home <dir>', 'state directory')
  .action(async (options: { home?: string }) => {
    const { home } = resolveConfig({ home: options.home });
    const pid = Number.parseInt(await readFile(join(home, 'openrds.pid'), 'utf8').catch(() => ''), 10);
    if (!Number.isInteger(pid)) throw new Error(`openrds is not running (no pid file in ${home})`);
    process.kill(pid, 'SIGTERM');
    while (await readFile(join(home, 'openrds.pid')).then(() => true, () => false)) await sleep(100);
    console.log('openrds stopped');
  });

program
  .command('status')
  .description('list DB instances, with their replication')
  .action(async () => {
    const rows = (await instanceViews()).map((i) => [
      i.id,
      `${i.engine} ${i.engineVersion}`,
      i.status,
      i.endpoint ? `${i.endpoint.address}:${i.endpoint.port}` : '-',
      i.masterUsername,
      i.role === 'read replica'
        ? `replica of ${i.replicaOf}`
        : i.externalSources.length
          ? `replica of ${i.externalSources.map((s) => `${s.host}:${s.port}${s.channel ? ` (channel ${s.channel})` : ''}`).join(', ')} (external)`
          : i.role,
      i.replication?.status ?? (i.externalSources.map((s) => s.status).join(', ') || '-'),
      i.role === 'read replica' || !i.externalSources.length ? lag(i.replicaLag ?? null) : i.externalSources.map((s) => lag(s.lag)).join(', '),
    ]);
    console.log(formatTable(['IDENTIFIER', 'ENGINE', 'STATUS', 'ENDPOINT', 'MASTER USER', 'ROLE', 'REPLICATION', 'LAG'], rows));
  });

program
  .command('create-replica <id>')
  .description('create a read replica of a running instance and wait until it is available')
  .requiredOption('-s, --source <id>', 'the source DB instance')
  .option('--port <port>', 'port on 127.0.0.1')
  .action(async (id: string, o: { source: string; port?: string }) => {
    await (await client()).send(
      new (await sdk()).CreateDBInstanceReadReplicaCommand({
        DBInstanceIdentifier: id,
        SourceDBInstanceIdentifier: o.source,
        Port: o.port === undefined ? undefined : Number(o.port),
      }),
    );
    const instance = await waitFor(id, 'available');
    console.log(`${id} replicates from ${o.source}, at ${instance.Endpoint?.Address}:${instance.Endpoint?.Port}`);
  });

program
  .command('promote <id>')
  .description('promote a read replica to a standalone, writable instance')
  .action(async (id: string) => {
    await (await client()).send(new (await sdk()).PromoteReadReplicaCommand({ DBInstanceIdentifier: id }));
    await waitFor(id, 'available');
    console.log(`${id} is now a standalone instance`);
  });

program
  .command('create <id>')
  .description('create a DB instance and wait until it is available')
  .requiredOption('-u, --master-username <name>', 'master user name')
  .requiredOption('-p, --master-password <password>', 'master user password (8-41 characters)')
  .option('--engine <engine>', 'mariadb or mysql (served by MariaDB)', 'mariadb')
  .option('--class <class>', 'DB instance class', 'db.t3.micro')
  .option('--db-name <name>', 'database to create')
  .option('--port <port>', 'port on 127.0.0.1')
  .option('--no-wait', 'return while the instance is still creating')
  .action(async (id: string, o: { masterUsername: string; masterPassword: string; engine: string; class: string; dbName?: string; port?: string; wait: boolean }) => {
    await (await client()).send(
      new (await sdk()).CreateDBInstanceCommand({
        DBInstanceIdentifier: id,
        Engine: o.engine,
        DBInstanceClass: o.class,
        MasterUsername: o.masterUsername,
        MasterUserPassword: o.masterPassword,
        DBName: o.dbName,
        Port: o.port === undefined ? undefined : Number(o.port),
      }),
    );
    if (!o.wait) return;
    const instance = await waitFor(id, 'available');
    console.log(`${id} is available at ${instance.Endpoint?.Address}:${instance.Endpoint?.Port}; connect with: openrds connect ${id}`);
  });

for (const [name, description, send, target] of [
  ['stop', 'stop a DB instance', async (id: string) => new (await sdk()).StopDBInstanceCommand({ DBInstanceIdentifier: id }), 'stopped'],
  ['start', 'start a stopped DB instance', async (id: string) => new (await sdk()).StartDBInstanceCommand({ DBInstanceIdentifier: id }), 'available'],
  ['reboot', 'reboot a DB instance', async (id: string) => new (await sdk()).RebootDBInstanceCommand({ DBInstanceIdentifier: id }), 'available'],
] as const) {
  program
    .command(`${name} <id>`)
    .description(description)
    .action(async (id: string) => {
      const command = (await send(id)) as import('@aws-sdk/client-rds').StopDBInstanceCommand;
      await (await client()).send(command);
      await waitFor(id, target);
    });
}

program
  .command('delete <id>')
  .description('delete a DB instance and its data')
  .action(async (id: string) => {
    await (await client()).send(new (await sdk()).DeleteDBInstanceCommand({ DBInstanceIdentifier: id, SkipFinalSnapshot: true }));
    const gone = (error: { name?: string }) => {
      if (error.name === 'DBInstanceNotFoundFault') return undefined;
      throw error;
    };
    await waitUntil(id, () => describe(id).catch(gone), {
      state: (instance) => instance?.DBInstanceStatus ?? 'deleted',
      done: (instance) => instance === undefined,
    });
    console.log(`${id} deleted`);
  });

program
  .command('modify <id>')
  .description('change a DB instance: its master password or its class (memory), applied now')
  .option('-p, --master-password <password>', 'new master user password')
  .option('--class <class>', 'new DB instance class (the server restarts with its memory)')
  .action(async (id: string, o: { masterPassword?: string; class?: string }) => {
    if (o.masterPassword === undefined && o.class === undefined) throw new Error('nothing to change: give --master-password or --class');
    await (await client()).send(
      new (await sdk()).ModifyDBInstanceCommand({ DBInstanceIdentifier: id, MasterUserPassword: o.masterPassword, DBInstanceClass: o.class, ApplyImmediately: true }),
    );
    await waitFor(id, 'available');
  });

program
  .command('events [id]')
  .description('recent events (last 24 hours)')
  .action(async (id?: string) => {
    const out = await (await client()).send(
      new (await sdk()).DescribeEventsCommand({ SourceIdentifier: id, SourceType: id ? 'db-instance' : undefined, Duration: 1440 }),
    );
    const rows = (out.Events ?? []).map((e) => [e.Date?.toISOString() ?? '', e.SourceIdentifier ?? '', e.Message ?? '']);
    console.log(formatTable(['TIME', 'INSTANCE', 'MESSAGE'], rows));
  });

program
  .command('connect <id> [args...]')
  .description('open the mariadb client as the master user (password from MYSQL_PWD or prompted); arguments after the id go to the client')
  .allowUnknownOption()
  .passThroughOptions()
  .action(async (id: string, args: string[]) => {
    // The endpoint from the API; the client from this machine (the instance may be elsewhere).
    const instance = await describe(id);
    if (!instance.Endpoint) throw new Error(`${id} has no endpoint yet (status ${instance.DBInstanceStatus})`);
    const engine = await MariaDBAdapter.create();
    const extra = process.env.MYSQL_PWD ? args : ['--password', ...args];
    const command = engine.clientCommand(
      { host: instance.Endpoint.Address!, port: instance.Endpoint.Port! },
      instance.MasterUsername!,
      extra,
    );
    const child = spawn(command.file, [...command.args], { stdio: 'inherit' });
    const code = await new Promise<number>((resolve) => child.on('exit', (c) => resolve(c ?? 1)));
    process.exitCode = code;
  });

program
  .command('logs <id>')
  .description("print one of the DB instance's logs (DownloadDBLogFilePortion), the error log by default")
  .option('--file <name>', 'the log file (DescribeDBLogFiles lists them)', 'error/mysql-error.log')
  .action(async (id: string, o: { file: string }) => {
    const rds = await client();
    const { DownloadDBLogFilePortionCommand } = await sdk();
    // From the start of the file, page by page, as `aws rds download-db-log-file-portion --starting-token 0` does.
    for (let marker = '0'; ; ) {
      const out = await rds.send(new DownloadDBLogFilePortionCommand({ DBInstanceIdentifier: id, LogFileName: o.file, Marker: marker }));
      process.stdout.write(out.LogFileData ?? '');
      if (!out.AdditionalDataPending || !out.Marker || out.Marker === marker) break;
      marker = out.Marker;
    }
  });

program
  .command('demo')
  .description('run the rds_stop_replication story end to end on scratch instances, narrating each step')
  .option('--keep', 'keep the scratch service running at the end')
  .action(async (o: { keep?: boolean }) => {
    const { runDemo } = await import('./demo.js');
    await runDemo({ keep: o.keep ?? false });
  });

addSnapshotCommands(program, client, sdk, waitFor);
addBlueGreenCommands(program, client, sdk);

try {
  await program.parseAsync();
} catch (error) {
  const e = error as { name?: string; Code?: string; message?: string };
  // AWS SDK errors carry RDS's code; print it first, on one line.
  const code = e.Code ?? (e.name && e.name !== 'Error' ? e.name.replace(/Fault$/, '') : undefined);
  console.error(`openrds: ${code ? `${code}: ` : ''}${e.message ?? String(error)}`);
  process.exit(1);
}
