import type { BlueGreenDeployment, RDSClient } from '@aws-sdk/client-rds';
import type { Command } from 'commander';
import { formatTable } from './table.js';
import { waitUntil } from './wait.js';

type Sdk = typeof import('@aws-sdk/client-rds');

/** The instance an ARN names (`arn:aws:rds:<region>:<account>:db:<id>`). */
const instanceOf = (arn: string | undefined): string => arn?.split(':').pop() ?? '-';

/** Each pair as `blue -> green` (after a switchover: old blue -> new blue). */
const mapping = (d: BlueGreenDeployment): string =>
  (d.SwitchoverDetails ?? []).map((m) => `${instanceOf(m.SourceMember)} -> ${instanceOf(m.TargetMember)} (${m.Status})`).join('\n');

/** What a wait shows of a deployment: its status and its tasks'. */
const progress = (d: BlueGreenDeployment): string =>
  [d.Status, ...(d.Tasks ?? []).filter((t) => t.Status !== 'PENDING').map((t) => `${t.Name} ${t.Status}`)].join(', ');

/** `openrds blue-green create|list|switchover|delete`: blue/green deployments, through the API. */
export function addBlueGreenCommands(program: Command, client: () => Promise<RDSClient>, sdk: () => Promise<Sdk>): void {
  const list = async (): Promise<BlueGreenDeployment[]> =>
    (await (await client()).send(new (await sdk()).DescribeBlueGreenDeploymentsCommand({}))).BlueGreenDeployments ?? [];
  const describe = async (id: string): Promise<BlueGreenDeployment> =>
    (await (await client()).send(new (await sdk()).DescribeBlueGreenDeploymentsCommand({ BlueGreenDeploymentIdentifier: id }))).BlueGreenDeployments![0]!;

  /** A deployment by its `bgd-` identifier or its name; RDS's error for neither. */
  const find = async (idOrName: string): Promise<BlueGreenDeployment> => {
    const found = (await list()).find((d) => d.BlueGreenDeploymentIdentifier === idOrName.toLowerCase() || d.BlueGreenDeploymentName === idOrName);
    // Not a name: let RDS say what it says of the identifier.
    return found ?? describe(idOrName);
  };

  const waitForStatus = (id: string, name: string, status: string, failure: string) =>
    waitUntil(name, () => describe(id), {
      state: progress,
      done: (d) => d.Status === status,
      failed: (d) => (d.Status === failure ? `${name} is ${failure}: ${d.StatusDetails ?? 'see: openrds events'}` : undefined),
    });

  const blueGreen = program.command('blue-green').description('blue/green deployments: a green copy of an instance (upgraded), switched over to by name and port');

  blueGreen
    .command('create <name>')
    .description('create a blue/green deployment of an instance (and of its read replicas)')
    .requiredOption('-s, --source <instance>', 'the blue DB instance')
    .option('--target-engine-version <version>', "green's engine version")
    .option('--target-parameter-group <group>', "green's DB parameter group")
    .option('--wait', 'wait until the green environment is AVAILABLE')
    .action(async (name: string, o: { source: string; targetEngineVersion?: string; targetParameterGroup?: string; wait?: boolean }) => {
      const rds = await client();
      const { CreateBlueGreenDeploymentCommand, DescribeDBInstancesCommand } = await sdk();
      const blue = (await rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: o.source }))).DBInstances![0]!;
      const created = (
        await rds.send(
          new CreateBlueGreenDeploymentCommand({
            BlueGreenDeploymentName: name,
            Source: blue.DBInstanceArn,
            TargetEngineVersion: o.targetEngineVersion,
            TargetDBParameterGroupName: o.targetParameterGroup,
          }),
        )
      ).BlueGreenDeployment!;
      const id = created.BlueGreenDeploymentIdentifier!;
      if (!o.wait) {
        console.log(`${id} (${name}) is ${created.Status}: green is ${instanceOf(created.Target)}`);
        return;
      }
      const ready = await waitForStatus(id, name, 'AVAILABLE', 'INVALID_CONFIGURATION');
      console.log(`${id} (${name}) is AVAILABLE:\n${mapping(ready)}`);
    });

  blueGreen
    .command('list')
    .description('list blue/green deployments')
    .action(async () => {
      const rows = (await list()).map((d) => [
        d.BlueGreenDeploymentIdentifier ?? '',
        d.BlueGreenDeploymentName ?? '',
        d.Status ?? '',
        instanceOf(d.Source),
        instanceOf(d.Target),
        d.CreateTime?.toISOString() ?? '-',
      ]);
      console.log(formatTable(['IDENTIFIER', 'NAME', 'STATUS', 'SOURCE', 'TARGET', 'CREATED'], rows));
    });

  blueGreen
    .command('switchover <id-or-name>')
    .description('switch over: green takes blue’s name and port, blue becomes <blue>-old1, read-only')
    .option('--timeout <seconds>', 'SwitchoverTimeout (30 to 3600; RDS’s default 300)')
    .option('--wait', 'wait until the switchover completes, then print the pairs')
    .action(async (idOrName: string, o: { timeout?: string; wait?: boolean }) => {
      const deployment = await find(idOrName);
      const id = deployment.BlueGreenDeploymentIdentifier!;
      const name = deployment.BlueGreenDeploymentName!;
      const { SwitchoverBlueGreenDeploymentCommand } = await sdk();
      await (await client()).send(new SwitchoverBlueGreenDeploymentCommand({ BlueGreenDeploymentIdentifier: id, SwitchoverTimeout: o.timeout === undefined ? undefined : Number(o.timeout) }));
      if (!o.wait) {
        console.log(`${id} (${name}): switchover started; see: openrds blue-green list`);
        return;
      }
      const completed = await waitForStatus(id, name, 'SWITCHOVER_COMPLETED', 'SWITCHOVER_FAILED');
      console.log(`${id} (${name}) switched over:\n${mapping(completed)}`);
    });

  blueGreen
    .command('delete <id-or-name>')
    .description('delete a blue/green deployment (the instances stay, unless --delete-target)')
    .option('--delete-target', 'delete the green instances too (not after a switchover)')
    .action(async (idOrName: string, o: { deleteTarget?: boolean }) => {
      const deployment = await find(idOrName);
      const id = deployment.BlueGreenDeploymentIdentifier!;
      const { DeleteBlueGreenDeploymentCommand } = await sdk();
      await (await client()).send(new DeleteBlueGreenDeploymentCommand({ BlueGreenDeploymentIdentifier: id, DeleteTarget: o.deleteTarget }));
      // Gone once Describe no longer knows it (with DeleteTarget, after the green instances).
      await waitUntil(deployment.BlueGreenDeploymentName!, async () => (await list()).find((d) => d.BlueGreenDeploymentIdentifier === id), {
        state: (d) => d?.Status ?? 'deleted',
        done: (d) => d === undefined,
      });
      console.log(`${id} deleted`);
    });
}
