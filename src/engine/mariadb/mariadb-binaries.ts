import { access, constants } from 'node:fs/promises';
import { delimiter, join } from 'node:path';

/** Where Debian (and most distributions) put MariaDB's programs, besides PATH. */
const EXTRA_DIRS = ['/usr/sbin', '/usr/bin', '/usr/local/sbin', '/usr/local/bin', '/usr/local/mysql/bin'];

export interface MariaDBBinaries {
  readonly server: string;
  readonly installDb: string;
  readonly client: string;
  readonly backup: string;
  readonly binlog: string;
}

async function findProgram(names: readonly string[]): Promise<string | undefined> {
  const dirs = [...(process.env.PATH ?? '').split(delimiter).filter(Boolean), ...EXTRA_DIRS];
  for (const name of names) {
    for (const dir of dirs) {
      const candidate = join(dir, name);
      try {
        await access(candidate, constants.X_OK);
        return candidate;
      } catch {
        // not here; keep looking
      }
    }
  }
  return undefined;
}

/** Finds MariaDB's programs; fails with one clear line naming the Debian packages when missing. */
export async function findMariaDBBinaries(): Promise<MariaDBBinaries> {
  const [server, installDb, client, backup, binlog] = await Promise.all([
    findProgram(['mariadbd', 'mysqld']),
    findProgram(['mariadb-install-db', 'mysql_install_db']),
    findProgram(['mariadb', 'mysql']),
    findProgram(['mariadb-backup', 'mariabackup']),
    findProgram(['mariadb-binlog', 'mysqlbinlog']),
  ]);
  if (!server || !installDb || !client) {
    throw new Error(
      'MariaDB is not installed: install the Debian packages mariadb-server mariadb-client mariadb-backup ' +
        '(npm start and npm test do this for you)',
    );
  }
  return Object.freeze({
    server,
    installDb,
    client,
    backup: backup ?? 'mariadb-backup',
    binlog: binlog ?? 'mariadb-binlog',
  });
}
