import type { DBInstance, RDSClient } from '@aws-sdk/client-rds';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import { pino } from 'pino';
import { rdsClientFor } from '../../kit/api.js';
import { startService, type Service } from '../../src/service.js';

export interface TestService extends AsyncDisposable {
  readonly service: Service;
  readonly rds: RDSClient;
  readonly home: string;
}

/** A private port range per test process, so parallel runs do not race for ports. */
function instancePorts(): string {
  const first = 20000 + (process.pid % 400) * 100;
  return `${first}-${first + 99}`;
}

/** An openrds service on a scratch state directory, with an AWS SDK client pointed at it. */
export async function startTestService(
  options: {
    home?: string;
    replicaTerminateAfterSeconds?: number;
    apiAccessKeyId?: string;
    apiSecretAccessKey?: string;
    /** Automated backups are off unless a test asks (no hot copies beside what it measures); a day of them lasts `backupDaySeconds`. */
    automatedBackups?: boolean;
    backupDaySeconds?: number;
  } = {},
): Promise<TestService> {
  const home = options.home ?? (await mkdtemp(join(tmpdir(), 'openrds-test-')));
  const service = await startService(
    {
      home,
      apiPort: 0,
      instancePorts: instancePorts(),
      monitorIntervalMs: 100,
      replicaTerminateAfterSeconds: options.replicaTerminateAfterSeconds,
      automatedBackups: options.automatedBackups ?? false,
      backupDaySeconds: options.backupDaySeconds,
      apiAccessKeyId: options.apiAccessKeyId,
      apiSecretAccessKey: options.apiSecretAccessKey,
    },
    pino({ level: process.env.OPENRDS_TEST_LOG ?? 'silent' }),
  );
  return {
    service,
    home,
    rds: rdsClientFor(
      service.endpoint,
      options.apiAccessKeyId && options.apiSecretAccessKey ? { accessKeyId: options.apiAccessKeyId, secretAccessKey: options.apiSecretAccessKey } : undefined,
    ),
    async [Symbol.asyncDispose]() {
      await service[Symbol.asyncDispose]();
      if (!options.home && !process.env.OPENRDS_TEST_KEEP) await rm(home, { recursive: true, force: true });
    },
  };
}



/** A mysql2 connection over TCP to an instance's endpoint, closed on dispose. */
export async function connectTo(
  instance: DBInstance,
  user: string,
  password: string,
  extra: mysql.ConnectionOptions = {},
): Promise<mysql.Connection & AsyncDisposable> {
  const conn = await mysql.createConnection({
    host: instance.Endpoint!.Address,
    port: instance.Endpoint!.Port,
    user,
    password,
    ...extra,
  });
  return Object.assign(conn, { [Symbol.asyncDispose]: () => conn.end() });
}
