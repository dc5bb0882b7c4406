import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import type { ApiCredentials } from './api/authentication.js';
import { parsePortRange, type PortRange } from './control/ports.js';

/** The service's options, from flags and environment, with the embedded defaults. */
export const serviceOptionsSchema = z.object({
  /**
   * State directory: state/ (the store), templates/, instances/. Root's default is a system
   * directory: the servers' OS account must be able to traverse every directory above its instances,
   * and root's home directory is 0700.
   */
  home: z.string().min(1).default(process.env.OPENRDS_HOME ?? (process.getuid?.() === 0 ? '/var/lib/openrds' : join(homedir(), '.openrds'))),
  /** The API listens on 127.0.0.1 on this port (0 = any free port). */
  apiPort: z.coerce.number().int().min(0).max(65535).default(Number(process.env.OPENRDS_PORT ?? 4580)),
  /** Ports given to instances that do not ask for one. */
  instancePorts: z.string().default(process.env.OPENRDS_INSTANCE_PORTS ?? '13306-13999'),
  /** How often the replication monitor looks at every instance (ms). */
  monitorIntervalMs: z.coerce.number().int().min(50).default(Number(process.env.OPENRDS_MONITOR_INTERVAL_MS ?? 1000)),
  /** RDS's 30-day rule for stopped replication, in seconds (tests use a few). */
  replicaTerminateAfterSeconds: z.coerce
    .number()
    .positive()
    .default(Number(process.env.OPENRDS_REPLICA_TERMINATE_AFTER_S ?? 30 * 24 * 3600)),
  /**
   * Automated backups (on by default): instances with a backup retention period get RDS's daily
   * automated snapshot in their backup window, and the first right away. Tests that do not
   * exercise backups turn them off, so that no hot copy runs beside what they measure.
   */
  automatedBackups: z
    .union([z.boolean(), z.enum(['on', 'off']).transform((s) => s === 'on')])
    .default((process.env.OPENRDS_AUTOMATED_BACKUPS ?? 'on') === 'on'),
  /** How long a day of automated backups lasts, in seconds (backup windows and retention periods are in these days; tests use a minute). */
  backupDaySeconds: z.coerce.number().min(60).default(Number(process.env.OPENRDS_BACKUP_DAY_S ?? 24 * 3600)),
  /**
   * Authentication (off by default, as documented: any key works): the one access key and secret
   * every API request must be signed with (SigV4), from the environment or from a JSON file
   * `{"accessKeyId": "...", "secretAccessKey": "..."}`.
   */
  apiAccessKeyId: z.string().min(1).optional(),
  apiSecretAccessKey: z.string().min(1).optional(),
  apiCredentialsFile: z.string().min(1).optional(),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default(
    (process.env.OPENRDS_LOG_LEVEL as 'info' | undefined) ?? 'info',
  ),
});

export type ServiceOptionsInput = z.input<typeof serviceOptionsSchema>;

export interface ServiceConfig {
  readonly home: string;
  readonly apiPort: number;
  readonly instancePorts: PortRange;
  readonly logLevel: string;
  readonly monitorIntervalMs: number;
  readonly replicaTerminateAfterMs: number;
  readonly automatedBackups: boolean;
  readonly backupDayMs: number;
  /** When set, every API request must be signed with these (src/api/authentication.ts). */
  readonly apiCredentials: ApiCredentials | undefined;
}

const credentialsFileSchema = z.object({ accessKeyId: z.string().min(1), secretAccessKey: z.string().min(1) });

function apiCredentialsOf(options: z.output<typeof serviceOptionsSchema>): ApiCredentials | undefined {
  const file = options.apiCredentialsFile ?? process.env.OPENRDS_API_CREDENTIALS_FILE;
  if (file) return credentialsFileSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  const accessKeyId = options.apiAccessKeyId ?? process.env.OPENRDS_API_ACCESS_KEY_ID;
  const secretAccessKey = options.apiSecretAccessKey ?? process.env.OPENRDS_API_SECRET_ACCESS_KEY;
  if (!accessKeyId && !secretAccessKey) return undefined;
  if (!accessKeyId || !secretAccessKey) throw new Error('set both OPENRDS_API_ACCESS_KEY_ID and OPENRDS_API_SECRET_ACCESS_KEY, or neither');
  return { accessKeyId, secretAccessKey };
}

export function resolveConfig(input: ServiceOptionsInput = {}): ServiceConfig {
  const options = serviceOptionsSchema.parse(input);
  return Object.freeze({
    home: resolve(options.home),
    apiPort: options.apiPort,
    instancePorts: parsePortRange(options.instancePorts),
    logLevel: options.logLevel,
    monitorIntervalMs: options.monitorIntervalMs,
    replicaTerminateAfterMs: options.replicaTerminateAfterSeconds * 1000,
    automatedBackups: options.automatedBackups,
    backupDayMs: options.backupDaySeconds * 1000,
    apiCredentials: apiCredentialsOf(options),
  });
}

/** Where a running service is reached by default (the CLI's `--endpoint`). */
export const DEFAULT_ENDPOINT = process.env.OPENRDS_ENDPOINT ?? `http://127.0.0.1:${process.env.OPENRDS_PORT ?? 4580}`;
