/** The openrds command as a person runs it: up, create, status, connect, logs, errors, blue/green, down. */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { openrdsCli } from '../kit/clients.js';
import { done, notYet, poll } from '../kit/poll.js';

const BIN = fileURLToPath(new URL('../../bin/openrds.js', import.meta.url));

const openrds = openrdsCli;

describe('the openrds CLI', () => {
  let home: string;
  let service: ChildProcess;
  let endpoint: string;
  let banner = '';

  before(async () => {
    home = await mkdtemp(join(tmpdir(), 'openrds-cli-'));
    service = spawn(process.execPath, [BIN, 'up', '--home', home, '--port', '0'], {
      env: { ...process.env, OPENRDS_INSTANCE_PORTS: '26000-26099', OPENRDS_LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    endpoint = await new Promise<string>((resolve, reject) => {
      service.stdout!.on('data', (chunk: Buffer) => {
        banner += chunk.toString();
        const match = /API \(AWS RDS Query protocol\):\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(banner);
        if (match) resolve(match[1]!);
      });
      service.once('exit', (code) => reject(new Error(`openrds up exited with ${code}: ${banner}`)));
    });
  });
  after(async () => {
    if (service.exitCode === null) {
      service.kill('SIGTERM');
      await new Promise((resolve) => service.once('exit', resolve));
    }
    await rm(home, { recursive: true, force: true });
  });

  test('up prints where everything is', () => {
    assert.match(banner, /openrds is up/);
    assert.match(banner, /Web console:\s+http:\/\/127\.0\.0\.1:\d+\/console\//);
    assert.ok(banner.includes(`State directory:              ${home}`), banner);
    assert.match(banner, /aws rds create-db-instance --endpoint-url http:\/\/127\.0\.0\.1:\d+/);
  });

  test('create waits until available; status lists it', async () => {
    const created = await openrds(['--endpoint', endpoint, 'create', 'cli1', '-u', 'admin', '-p', 'Secret-pass1', '--db-name', 'app']);
    assert.equal(created.code, 0, created.stderr);
    assert.match(created.stdout, /cli1 is available at 127\.0\.0\.1:\d+/);
    assert.match(created.stderr, /cli1: creating/, 'progress is shown');
    const status = await openrds(['--endpoint', endpoint, 'status']);
    assert.equal(status.code, 0, status.stderr);
    assert.match(status.stdout, /^IDENTIFIER\s+ENGINE\s+STATUS\s+ENDPOINT\s+MASTER USER\s+ROLE\s+REPLICATION\s+LAG$/m);
    assert.match(status.stdout, /^cli1\s+mariadb \d+\.\d+\.\d+\s+available\s+127\.0\.0\.1:\d+\s+admin\s+standalone\s+-\s+-$/m);
    assert.equal(status.stderr, '', 'no warnings in front of the user');
  });

  test('create-replica shows the copy progress; status shows the replica, its replication and lag', async () => {
    const created = await openrds(['--endpoint', endpoint, 'create-replica', 'cli1-rep', '--source', 'cli1']);
    assert.equal(created.code, 0, created.stderr);
    assert.match(created.stderr, /cli1-rep: copied \d+\.\d MB from the source/);
    assert.match(created.stdout, /cli1-rep replicates from cli1, at 127\.0\.0\.1:\d+/);
    const status = await poll('status with the replica caught up', async () => {
      const out = (await openrds(['--endpoint', endpoint, 'status'])).stdout;
      return / 0 s$/m.test(out) ? done(out) : notYet(out);
    }, { timeoutMs: 10_000, intervalMs: 100 });
    assert.match(status, /^cli1\s+.*\s+source\s+-\s+-$/m);
    assert.match(status, /^cli1-rep\s+.*available.*replica of cli1\s+replicating\s+0 s$/m);
  });

  test('connect runs the mariadb client as the master user', async () => {
    const result = await openrds(
      ['--endpoint', endpoint, 'connect', 'cli1', '-N', '-e', 'SELECT CURRENT_USER(); CALL mysql.rds_stop_replication'],
      { MYSQL_PWD: 'Secret-pass1' },
    );
    assert.equal(result.code, 1, 'the procedure refuses: no replication is configured');
    assert.match(result.stdout, /^admin@%$/m);
    assert.match(result.stderr, /You can't stop replication because the replica isn't configured/);
  });

  test('logs shows the server error log, through the API', async () => {
    const result = await openrds(['--endpoint', endpoint, 'logs', 'cli1']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /ready for connections/);
  });

  test('snapshot waits until available with its progress; snapshots lists it; restore brings up a copy; delete waits until gone', async () => {
    const taken = await openrds(['--endpoint', endpoint, 'snapshot', 'cli1', 'cli1-snap']);
    assert.equal(taken.code, 0, taken.stderr);
    assert.equal(taken.stdout.trim(), 'cli1-snap is available');
    assert.match(taken.stderr, /^cli1-snap: creating \d+%$/m, 'progress is shown');
    const listed = await openrds(['--endpoint', endpoint, 'snapshots', 'cli1']);
    assert.match(listed.stdout, /^cli1-snap\s+cli1\s+available\s+100%\s+mariadb \d+\.\d+\.\d+\s+\S+$/m);
    const restored = await openrds(['--endpoint', endpoint, 'restore', 'cli1-snap', 'cli1-copy']);
    assert.equal(restored.code, 0, restored.stderr);
    assert.match(restored.stdout, /^cli1-copy is available at 127\.0\.0\.1:\d+$/m);
    const deleted = await openrds(['--endpoint', endpoint, 'delete', 'cli1-copy']);
    assert.equal(deleted.code, 0, deleted.stderr);
    assert.equal(deleted.stdout.trim(), 'cli1-copy deleted');
    const status = await openrds(['--endpoint', endpoint, 'status']);
    assert.doesNotMatch(status.stdout, /cli1-copy/);
  });

  test('errors are one line with the RDS code', async () => {
    const again = await openrds(['--endpoint', endpoint, 'create', 'cli1', '-u', 'admin', '-p', 'Secret-pass1']);
    assert.equal(again.code, 1);
    assert.equal(again.stderr.trim(), 'openrds: DBInstanceAlreadyExists: DB instance already exists');
    const missing = await openrds(['--endpoint', endpoint, 'reboot', 'nope']);
    assert.equal(missing.code, 1);
    assert.equal(missing.stderr.trim(), 'openrds: DBInstanceNotFound: DBInstance nope not found.');
  });

  test('blue-green: create --wait, list, switchover --wait (green takes the name and port), delete', async () => {
    const e = ['--endpoint', endpoint];
    const blue = await openrds([...e, 'create', 'clibg', '-u', 'admin', '-p', 'Secret-pass1']);
    assert.equal(blue.code, 0, blue.stderr);
    const bluePort = /clibg is available at 127\.0\.0\.1:(\d+)/.exec(blue.stdout)![1]!;
    const created = await openrds([...e, 'blue-green', 'create', 'clibg-up', '--source', 'clibg', '--wait']);
    assert.equal(created.code, 0, created.stderr);
    assert.match(created.stderr, /^clibg-up: PROVISIONING/m, 'progress is shown');
    assert.match(created.stderr, /CREATING_READ_REPLICA_OF_SOURCE COMPLETED/);
    const [, id, green] = /^(bgd-[a-z0-9]{16}) \(clibg-up\) is AVAILABLE:\nclibg -> (clibg-green-[a-z0-9]{6}) \(AVAILABLE\)$/m.exec(created.stdout) ?? [];
    assert.ok(id && green, created.stdout);
    const listed = await openrds([...e, 'blue-green', 'list']);
    assert.match(listed.stdout, /^IDENTIFIER\s+NAME\s+STATUS\s+SOURCE\s+TARGET\s+CREATED$/m);
    assert.match(listed.stdout, new RegExp(`^${id}\\s+clibg-up\\s+AVAILABLE\\s+clibg\\s+${green}\\s+\\d{4}-`, 'm'));
    const greenPort = new RegExp(`^${green}\\s+\\S+ \\S+\\s+available\\s+127\\.0\\.0\\.1:(\\d+)`, 'm').exec((await openrds([...e, 'status'])).stdout)![1]!;

    const switched = await openrds([...e, 'blue-green', 'switchover', 'clibg-up', '--timeout', '60', '--wait']);
    assert.equal(switched.code, 0, switched.stderr);
    assert.match(switched.stderr, /^clibg-up: SWITCHOVER_IN_PROGRESS/m);
    assert.match(switched.stdout, new RegExp(`^${id} \\(clibg-up\\) switched over:\\nclibg-old1 -> clibg \\(SWITCHOVER_COMPLETED\\)$`, 'm'));
    const status = (await openrds([...e, 'status'])).stdout;
    assert.match(status, new RegExp(`^clibg\\s+\\S+ \\S+\\s+available\\s+127\\.0\\.0\\.1:${bluePort}\\s+admin\\s+standalone`, 'm'), 'green is clibg, at blue’s port');
    assert.match(status, new RegExp(`^clibg-old1\\s+\\S+ \\S+\\s+available\\s+127\\.0\\.0\\.1:${greenPort}\\s`, 'm'), 'old blue, at green’s port');
    assert.doesNotMatch(status, new RegExp(`^${green}\\s`, 'm'));

    const again = await openrds([...e, 'blue-green', 'switchover', id!]);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /^openrds: InvalidBlueGreenDeploymentState(Fault)?: .* can't be switched over in its current state SWITCHOVER_COMPLETED\.$/m);
    const target = await openrds([...e, 'blue-green', 'delete', 'clibg-up', '--delete-target']);
    assert.equal(target.code, 1, 'the green environment is production now');
    const deleted = await openrds([...e, 'blue-green', 'delete', 'clibg-up']);
    assert.equal(deleted.code, 0, deleted.stderr);
    assert.match(deleted.stdout, new RegExp(`^${id} deleted$`, 'm'));
    assert.doesNotMatch((await openrds([...e, 'blue-green', 'list'])).stdout, /clibg-up/);
  });

  test('down stops the service and its servers', async () => {
    const pid = Number.parseInt(await readFile(join(home, 'instances', 'cli1', 'run', 'mysqld.pid'), 'utf8'), 10);
    const result = await openrds(['down', '--home', home]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /openrds stopped/);
    await new Promise((resolve) => (service.exitCode === null ? service.once('exit', resolve) : resolve(null)));
    assert.equal(service.exitCode, 0);
    assert.throws(() => process.kill(pid, 0), /ESRCH/, 'the instance server has stopped');
  });

  test('demo runs the seed story end to end and narrates it', async () => {
    const result = await openrds(['demo']);
    assert.equal(result.code, 0, result.stderr);
    for (const line of [
      /1\. CreateDBInstance demo-source/,
      /available at 127\.0\.0\.1:\d+ after \d+\.\d+ s/,
      /→ Slave is down or disabled/,
      /StatusInfos stopped/,
      /CREATE INDEX by_customer_total took/,
      /→ Slave running normally\./,
      /caught up in \d+\.\d+ s: \d+ orders on both/,
      /checksums match, nothing lost/,
      /the scratch instances are gone/,
    ]) {
      assert.match(result.stdout, line);
    }
  });
});
