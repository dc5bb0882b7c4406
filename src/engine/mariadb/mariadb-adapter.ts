import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Command, EngineAdapter, InstanceLayout, ServerEndpoint, ServerSettings } from '../engine.js';
import { findMariaDBBinaries, type MariaDBBinaries } from './mariadb-binaries.js';
import { renderOptionFile } from './mariadb-options.js';

const run = promisify(execFile);

/** MariaDB from the distribution's packages. */
export class MariaDBAdapter implements EngineAdapter {
  readonly name = 'mariadb';
  /** mariadb-install-db --auth-root-authentication-method=normal leaves root@localhost with an empty password. */
  readonly bootstrapAccount = Object.freeze({ user: 'root', password: '' });
  #version: string | undefined;

  private constructor(readonly binaries: MariaDBBinaries) {}

  static async create(): Promise<MariaDBAdapter> {
    return new MariaDBAdapter(await findMariaDBBinaries());
  }

  async version(): Promise<string> {
    if (this.#version === undefined) {
      const { stdout } = await run(this.binaries.server, ['--version']);
      const match = /Ver\s+(\d+\.\d+\.\d+)/.exec(stdout);
      if (!match?.[1]) throw new Error(`cannot read the MariaDB version from: ${stdout.trim()}`);
      this.#version = match[1];
    }
    return this.#version;
  }

  optionFile(layout: InstanceLayout, settings: ServerSettings): string {
    return renderOptionFile(layout, settings, process.getuid?.() === 0);
  }

  initialiseCommand(layout: InstanceLayout): Command {
    return {
      file: this.binaries.installDb,
      args: [
        `--defaults-file=${layout.optionFile}`,
        ...(process.getuid?.() === 0 ? ['--user=root'] : []),
        '--skip-test-db',
        '--auth-root-authentication-method=normal',
      ],
    };
  }

  clientCommand(endpoint: ServerEndpoint, user: string, extraArgs: readonly string[]): Command {
    return {
      file: this.binaries.client,
      args: [`--host=${endpoint.host}`, `--port=${endpoint.port}`, `--user=${user}`, ...extraArgs],
    };
  }

  serverCommand(layout: InstanceLayout): Command {
    return { file: this.binaries.server, args: [`--defaults-file=${layout.optionFile}`] };
  }
}
