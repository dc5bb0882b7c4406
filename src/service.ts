import { chmod, mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pino, type Logger } from 'pino';
import { Authenticator } from './api/authentication.js';
import { createApiServer } from './api/server.js';
import { resolveConfig, type ServiceConfig, type ServiceOptionsInput } from './config.js';
import { ControlPlane } from './control/control-plane.js';
import { createLocalMariaDB, type Placement } from './engine/index.js';
import { Personality } from './personality/personality.js';
import { SqliteStore } from './store/sqlite-store.js';

/** A running openrds: state, instances and the API. Disposing it stops everything it started. */
export interface Service extends AsyncDisposable {
  readonly config: ServiceConfig;
  /** `http://127.0.0.1:<port>` */
  readonly endpoint: string;
  readonly control: ControlPlane;
  readonly placement: Placement;
  readonly logger: Logger;
}

export async function startService(input: ServiceOptionsInput = {}, logger?: Logger): Promise<Service> {
  const config = resolveConfig(input);
  const log = logger ?? pino({ level: config.logLevel });
  await mkdir(config.home, { recursive: true, mode: 0o700 });
  await chmod(config.home, 0o700);
  const store = new SqliteStore(join(config.home, 'state.db'));
  const placement = await createLocalMariaDB(config.home);
  const personality = await Personality.load();
  const control = new ControlPlane({
    store,
    placement,
    personality,
    ports: config.instancePorts,
    logger: log,
    parameterFamilies: [placement.engine.parameterFamily(await placement.engine.version()), 'mysql8.0'],
    monitorIntervalMs: config.monitorIntervalMs,
    replicaTerminateAfterMs: config.replicaTerminateAfterMs,
  });
  try {
    await control.reconcile();
  } catch (error) {
    await control[Symbol.asyncDispose]();
    store[Symbol.dispose]();
    throw error;
  }
  control.monitor.start();
  const api = await createApiServer({ control, logger: log, authenticator: new Authenticator(config.apiCredentials) });
  const address = await api.listen({ host: '127.0.0.1', port: config.apiPort });
  const pidFile = join(config.home, 'openrds.pid');
  await writeFile(pidFile, `${process.pid}\n`);
  return {
    config,
    endpoint: address,
    control,
    placement,
    logger: log,
    async [Symbol.asyncDispose]() {
      await api.close();
      await control[Symbol.asyncDispose]();
      store[Symbol.dispose]();
      await rm(pidFile, { force: true });
    },
  };
}
