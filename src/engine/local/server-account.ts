import { execFile } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The OS account database servers run as, when it is not openrds's own. */
export interface ServerAccount {
  readonly name: string;
  readonly uid: number;
  readonly gid: number;
}

/** Debian's mariadb-server makes this account for its own server. */
export const SERVER_ACCOUNT_NAME = 'mysql';

/**
 * Run by root, servers drop to Debian's `mysql` account: a server made to run code of an
 * attacker's (a UDF, a planted plugin) then cannot read the control plane's state or write
 * anything root reads, such as the option files. Run by anyone else, servers run as that user.
 */
export async function serverAccount(): Promise<ServerAccount | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  try {
    const { stdout } = await run('getent', ['passwd', SERVER_ACCOUNT_NAME]);
    const [, , uid, gid] = stdout.trim().split(':');
    const account = { name: SERVER_ACCOUNT_NAME, uid: Number(uid), gid: Number(gid) };
    if (Number.isInteger(account.uid) && Number.isInteger(account.gid) && account.uid !== 0) return account;
  } catch {
    // no such account: below
  }
  throw new Error(
    `openrds runs as root, so its MariaDB servers run as the OS user ${SERVER_ACCOUNT_NAME}, which does not exist here; ` +
      'install Debian\'s mariadb-server (it creates the account) or run openrds as another user',
  );
}

/** Fails with a clear message when `account` could not reach `dir` (a parent it may not traverse). */
export async function assertReachable(dir: string, account: ServerAccount): Promise<void> {
  for (let path = dirname(dir); ; path = dirname(path)) {
    const s = await stat(path).catch(() => undefined);
    if (!s) continue; // made later, with the placement's modes
    const traversable = s.uid === account.uid ? (s.mode & 0o100) !== 0 : s.gid === account.gid ? (s.mode & 0o010) !== 0 : (s.mode & 0o001) !== 0;
    if (!traversable) {
      throw new Error(
        `the MariaDB servers run as the OS user ${account.name}, which cannot reach ${dir}: ${path} is mode ` +
          `${(s.mode & 0o777).toString(8).padStart(4, '0')}; choose a state directory (OPENRDS_HOME) outside it`,
      );
    }
    if (path === dirname(path)) return;
  }
}
