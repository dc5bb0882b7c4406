import { CreateDBInstanceCommand, CreateDBInstanceReadReplicaCommand, type RDSClient } from '@aws-sdk/client-rds';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import { pino } from 'pino';
import { startService, type Service } from '../../src/service.js';
import { rdsClientFor, waitForStatus } from '../../kit/api.js';

export const BENCH_PASSWORD = 'Bench-pass1';

/** An openrds service on a scratch directory, for one benchmark. */
export interface BenchService extends AsyncDisposable {
  readonly service: Service;
  readonly rds: RDSClient;
  readonly home: string;
  /** Creates an instance (or a read replica of `replicaOf`) and waits until it is available; returns its port. */
  create(id: string, options?: { replicaOf?: string; port?: number; dbName?: string; instanceClass?: string; engine?: string; engineVersion?: string }): Promise<number>;
  /** A master-user connection over TCP. */
  connect(port: number, database?: string): Promise<mysql.Connection>;
}

export async function startBenchService(ports: string): Promise<BenchService> {
  const home = await mkdtemp(join(tmpdir(), 'openrds-bench-'));
  const service = await startService(
    // No automated backups: their hot copies would run beside what is measured.
    { home, apiPort: 0, instancePorts: ports, monitorIntervalMs: 1000, automatedBackups: false },
    pino({ level: process.env.BENCH_LOG ?? 'warn' }),
  );
  const rds = rdsClientFor(service.endpoint);
  return {
    service,
    rds,
    home,
    async create(id, options = {}) {
      if (options.replicaOf) {
        await rds.send(
          new CreateDBInstanceReadReplicaCommand({
            DBInstanceIdentifier: id,
            SourceDBInstanceIdentifier: options.replicaOf,
            Port: options.port,
            DBInstanceClass: options.instanceClass,
          }),
        );
      } else {
        await rds.send(
          new CreateDBInstanceCommand({
            DBInstanceIdentifier: id,
            Engine: options.engine ?? 'mariadb',
            EngineVersion: options.engineVersion,
            DBInstanceClass: options.instanceClass ?? 'db.t3.micro',
            MasterUsername: 'admin',
            MasterUserPassword: BENCH_PASSWORD,
            DBName: options.dbName,
            Port: options.port,
          }),
        );
      }
      const instance = await waitForStatus(rds, id, 'available', { timeoutMs: 300_000, intervalMs: 10 });
      return instance.Endpoint!.Port!;
    },
    connect(port, database) {
      return mysql.createConnection({ host: '127.0.0.1', port, user: 'admin', password: BENCH_PASSWORD, database });
    },
    async [Symbol.asyncDispose]() {
      await service[Symbol.asyncDispose]();
      await rm(home, { recursive: true, force: true });
    },
  };
}
