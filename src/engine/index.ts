import { MariaDBAdapter } from './mariadb/mariadb-adapter.js';
import { LocalPlacement } from './local/local-placement.js';
import type { Placement } from './engine.js';

export type * from './engine.js';

/** The default placement: MariaDB from the distribution, as child processes, files under `home`. */
export async function createLocalMariaDB(home: string): Promise<Placement> {
  return new LocalPlacement(await MariaDBAdapter.create(), home);
}
