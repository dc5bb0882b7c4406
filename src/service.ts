import { chmod, mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pino, type Logger } from 'pino';
import { Authenticator } from './api/authentication.js';
import { createApiServer } from './api/server.js';
import { resolveConfig, type ServiceConfig, type ServiceOptionsInput } from './config.js';
import { ControlPlane } from './control/control-plane.js';
import { OperatorGuard } from './control/operator-guard.js';
import { servedFamilies } from './personality/engine-versions.js';
import { createLocalMariaDB, type Placement } from './engine/index.js';
import { Personality } from './personality/personality.js';
import { ReplicationMonitor } from './replication/monitor.js';
import { SqliteStore } from './store/sqlite-store.js';

/** A running openrds: state, instances and the API. Disposing it stops everything it started. */
export interface Service extends AsyncDisposable {
  readonly config: ServiceConfig;
  /** `http://127.0.0.1:<port>` */
  readonly endpoint: string;
  readonly control: ControlPlane;
  readonly monitor: ReplicationMonitor;
  readonly placement: Placement;
  readonly logger: Logger;
}

export async function startService(input: ServiceOptionsInput = {}, logger?: Logger): Promise<Service> {
  const config = resolveConfig(input);
  const log = logger ?? pino({ level: config.logLevel });
  const placement = await createLocalMariaDB(config.home);
  await placement.prepareHome();
  const store = new SqliteStore(await stateFile(config.home));
  const personality = await Personality.load(placement.engine);
  const control = new ControlPlane({
    store,
    placement,
    personality,
    ports: config.instancePorts,
    logger: log,
    parameterFamilies: servedFamilies(),
    backupDayMs: config.backupDayMs,
  });
  const guard = new OperatorGuard(control.monitored, placement.engine, log);
  const monitor = new ReplicationMonitor({
    control: control.monitored,
    guard: (id) => guard.checkQuietly(id),
    store,
    logger: log,
    intervalMs: config.monitorIntervalMs,
    terminateAfterMs: config.replicaTerminateAfterMs,
  });
  try {
    await control.reconcile();
  } catch (error) {
    await control[Symbol.asyncDispose]();
    store[Symbol.dispose]();
    throw error;
  }
  monitor.start();
  if (config.automatedBackups) control.backups.start(config.monitorIntervalMs);
  // In the background: the API is up at once; a failure here is retried by the first CreateDBInstance.
  void control.prepareTemplate().catch((error: unknown) => log.warn({ err: error }, 'the template could not be built ahead of use'));
  const api = await createApiServer({ control, monitor, logger: log, authenticator: new Authenticator(config.apiCredentials) });
  const address = await api.listen({ host: '127.0.0.1', port: config.apiPort });
  const pidFile = join(config.home, 'openrds.pid');
  await writeFile(pidFile, `${process.pid}\n`);
  return {
    config,
    endpoint: address,
    control,
    monitor,
    placement,
    logger: log,
    async [Symbol.asyncDispose]() {
      await api.close();
      await monitor[Symbol.asyncDispose]();
      await control[Symbol.asyncDispose]();
      store[Symbol.dispose]();
      await rm(pidFile, { force: true });
    },
  };
}

/**
 * The store's file, in a directory of its own that only openrds may enter (the state directory
 * above it may be traversable by the servers' OS account). Moves a store left by an older openrds
 * directly in the state directory.
 */
async function stateFile(home: string): Promise<string> {
  const dir = join(home, 'state');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await chmod(dir, 0o700);
  const file = join(dir, 'state.db');
  const exists = (path: string) => stat(path).then(() => true, () => false);
  if (!(await exists(file)) && (await exists(join(home, 'state.db')))) {
    for (const suffix of ['', '-wal', '-shm']) {
      if (await exists(join(home, `state.db${suffix}`))) await rename(join(home, `state.db${suffix}`), `${file}${suffix}`);
    }
  }
  return file;
}
