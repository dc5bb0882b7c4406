import type { DBInstance, DBSnapshot, RDSClient } from '@aws-sdk/client-rds';
import type { Command } from 'commander';
import { formatTable } from './table.js';
import { waitUntil } from './wait.js';

type Sdk = typeof import('@aws-sdk/client-rds');

/**
 * `openrds snapshots`, `openrds snapshot` and `openrds restore`: DB snapshots, with their progress.
 * `waitFor`: the CLI's wait for an instance's status (main.ts), printing each change.
 */
export function addSnapshotCommands(
  program: Command,
  client: () => Promise<RDSClient>,
  sdk: () => Promise<Sdk>,
  waitFor: (id: string, status: string) => Promise<DBInstance>,
): void {
  const describe = async (id: string): Promise<DBSnapshot> =>
    (await (await client()).send(new (await sdk()).DescribeDBSnapshotsCommand({ DBSnapshotIdentifier: id }))).DBSnapshots![0]!;

  program
    .command('snapshots [instance]')
    .description('list DB snapshots (of one instance), with their progress')
    .action(async (instance?: string) => {
      const out = await (await client()).send(new (await sdk()).DescribeDBSnapshotsCommand({ DBInstanceIdentifier: instance }));
      const rows = (out.DBSnapshots ?? []).map((s) => [
        s.DBSnapshotIdentifier ?? '',
        s.DBInstanceIdentifier ?? '',
        s.Status ?? '',
        `${s.PercentProgress ?? 0}%`,
        `${s.Engine} ${s.EngineVersion}`,
        s.SnapshotCreateTime?.toISOString() ?? '-',
      ]);
      console.log(formatTable(['SNAPSHOT', 'INSTANCE', 'STATUS', 'PROGRESS', 'ENGINE', 'CREATED'], rows));
    });

  program
    .command('snapshot <instance> <snapshot>')
    .description('take a DB snapshot of a running instance and wait until it is available')
    .action(async (instance: string, snapshot: string) => {
      await (await client()).send(new (await sdk()).CreateDBSnapshotCommand({ DBInstanceIdentifier: instance, DBSnapshotIdentifier: snapshot }));
      await waitUntil(snapshot, () => describe(snapshot), {
        state: (s) => `${s.Status} ${s.PercentProgress ?? 0}%`,
        done: (s) => s.Status === 'available',
        failed: (s) => (s.Status === 'failed' ? `the snapshot failed; see: openrds events ${instance}` : undefined),
      });
      console.log(`${snapshot} is available`);
    });

  program
    .command('restore <snapshot> <id>')
    .description('restore a DB snapshot as a new instance and wait until it is available')
    .action(async (snapshot: string, id: string) => {
      const rds = await client();
      await rds.send(new (await sdk()).RestoreDBInstanceFromDBSnapshotCommand({ DBSnapshotIdentifier: snapshot, DBInstanceIdentifier: id }));
      const instance = await waitFor(id, 'available');
      console.log(`${id} is available at ${instance.Endpoint?.Address}:${instance.Endpoint?.Port}`);
    });
}
