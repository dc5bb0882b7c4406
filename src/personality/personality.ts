import { createHash, randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { EngineAdapter, ScriptSession, ServerEndpoint } from '../engine/index.js';
import { SQL_DIR } from '../paths.js';
import type { PersonalityName } from './engine-versions.js';

interface SqlFile {
  readonly name: string;
  readonly text: string;
}

/** A fresh secret for the operator account. */
export function newOperatorPassword(): string {
  return randomBytes(24).toString('base64url');
}

/**
 * The RDS personality: the accounts, `mysql.rds_*` tables and procedures of sql/template/, applied
 * once per engine version's personality to a template data directory (the operator's routines among them: the engine's operator
 * session calls them).
 */
export class Personality {
  private constructor(
    private readonly files: readonly SqlFile[],
    /** Changes whenever a template file changes, so templates are rebuilt on upgrade. */
    readonly digest: string,
    /** How the files reach a server: the engine's script sessions. */
    private readonly engine: Pick<EngineAdapter, 'openScriptSession' | 'openRepairScriptSession'>,
  ) {}

  static async load(engine: Pick<EngineAdapter, 'openScriptSession' | 'openRepairScriptSession'>): Promise<Personality> {
    const dir = join(SQL_DIR, 'template');
    const names = (await readdir(dir)).filter((name) => name.endsWith('.sql')).sort();
    const files = await Promise.all(names.map(async (name) => ({ name, text: await readFile(join(dir, name), 'utf8') })));
    const hash = createHash('sha256');
    for (const file of files) hash.update(file.name).update('\0').update(file.text).update('\0');
    return new Personality(Object.freeze(files), hash.digest('hex').slice(0, 12), engine);
  }

  /** Installs the personality into a freshly initialised server, as its bootstrap account. */
  async installTemplate(
    endpoint: ServerEndpoint,
    bootstrap: { readonly user: string; readonly password: string },
    operatorPassword: string,
    personality: PersonalityName,
  ): Promise<void> {
    await using session = await this.engine.openScriptSession(endpoint, bootstrap);
    await this.#apply(session, operatorPassword, personality);
  }

  /**
   * Applies the personality again to an instance's data (a major version upgrade), on its server
   * started for repair. The template is written to be re-applied (70-grants.sql, 99-finish.sql
   * keep the master user and its users); unlogged, since each read replica is upgraded on its own.
   */
  async reapply(endpoint: ServerEndpoint, operatorPassword: string, personality: PersonalityName): Promise<void> {
    await using session = await this.engine.openRepairScriptSession(endpoint);
    await session.unlogged();
    await this.#apply(session, operatorPassword, personality);
  }

  async #apply(session: ScriptSession, operatorPassword: string, personality: PersonalityName): Promise<void> {
    await session.setVariables({ operator_password: operatorPassword, personality });
    for (const file of this.files) {
      try {
        await session.run(file.text);
      } catch (error) {
        throw new Error(`sql/template/${file.name}: ${(error as Error).message}`);
      }
    }
  }
}
