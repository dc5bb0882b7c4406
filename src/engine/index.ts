import { MariaDBAdapter } from './mariadb/mariadb-adapter.js';
import { LocalPlacement } from './local/local-placement.js';
import { assertReachable, serverAccount } from './local/server-account.js';
import type { Placement } from './engine.js';

export type * from './engine.js';

/** The default placement: MariaDB from the distribution, as child processes, files under `home`. */
export async function createLocalMariaDB(home: string): Promise<Placement> {
  const account = await serverAccount();
  if (account) await assertReachable(home, account);
  return new LocalPlacement(await MariaDBAdapter.create(), home, account);
}
