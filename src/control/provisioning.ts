import type { RunningServer } from '../engine/index.js';
import type { InstanceRecord } from '../model/instance-record.js';
import { newOperatorPassword, type Personality } from '../personality/personality.js';
import type { TemplateSecret } from './secrets.js';
import type { InstanceParts } from './parts.js';

export interface MasterUser {
  readonly username: string;
  readonly password: string;
  readonly dbName: string | null;
}

export interface ProvisioningOptions extends InstanceParts {
  readonly personality: Personality;
}

/** A new DB instance from the template of its engine version and personality. */
export class Provisioning {
  constructor(private readonly options: ProvisioningOptions) {}

  /** CreateDBInstance's work, after the record says `creating`. */
  async provision(record: InstanceRecord, master: MasterUser): Promise<void> {
    const { placement, personality, secrets, supervisor } = this.options;
    let template: TemplateSecret | undefined;
    let server: RunningServer | undefined;
    const operatorPassword = newOperatorPassword();
    await this.options.operations.phases(record.id, 'create', [
      ['template', async () => void (template = await this.#ensureTemplate())],
      ['template copy', () => placement.provision(record.id, template!.key)],
      ['start', async () => void (server = await supervisor.start(record))],
      [
        'master user and operator',
        async () => {
          await personality.bootstrapInstance(server!.endpoint, template!.operatorPassword, master, operatorPassword);
          secrets.setOperatorPassword(record.id, operatorPassword);
        },
      ],
    ]);
    this.options.states.setStatus(record.id, 'available');
    this.options.events.record(record.id, 'RDS-EVENT-0005');
    if (record.engine === 'mysql') {
      this.options.events.record(record.id, 'OPENRDS-EVENT-0001', `engine mysql is served by MariaDB ${record.engineVersion}`);
    }
  }

  /** The template for this engine version and personality, built on first use. */
  async #ensureTemplate(): Promise<TemplateSecret> {
    const { placement, personality } = this.options;
    const template = this.options.secrets.template(`${placement.engine.name}-${await placement.engine.version()}-${personality.digest}`);
    await placement.ensureTemplate(template.key, (server) =>
      personality.installTemplate(server.endpoint, placement.engine.bootstrapAccount, template.operatorPassword),
    );
    return template;
  }
}
