import type { MasterUser, RunningServer } from '../engine/index.js';
import type { InstanceRecord } from '../model/instance-record.js';
import type { PersonalityName } from '../personality/engine-versions.js';
import { newOperatorPassword, type Personality } from '../personality/personality.js';
import type { TemplateSecret } from './secrets.js';
import type { InstanceParts } from './parts.js';
import type { RdsEngine } from './rds-engines.js';

export interface ProvisioningOptions extends InstanceParts {
  readonly personality: Pick<Personality, 'digest' | 'installTemplate'>;
  readonly engines: ReadonlyMap<InstanceRecord['engine'], RdsEngine>;
}

/** A new DB instance from the template of its engine version and personality. */
export class Provisioning {
  constructor(private readonly options: ProvisioningOptions) {}

  /** CreateDBInstance's work, after the record says `creating`. */
  async provision(record: InstanceRecord, master: MasterUser): Promise<void> {
    const { placement, secrets, supervisor } = this.options;
    let template: TemplateSecret | undefined;
    let server: RunningServer | undefined;
    const operatorPassword = newOperatorPassword();
    await this.options.operations.phases(record.id, 'create', [
      ['template', async () => void (template = await this.ensureTemplate(this.options.engines.get(record.engine)!.personality(record.engineVersion)))],
      ['template copy', () => placement.provision(record.id, template!.key)],
      ['start', async () => void (server = await supervisor.start(record))],
      [
        'master user and operator',
        async () => {
          await using op = await placement.engine.openOperator(server!.endpoint, template!.operatorPassword);
          await op.bootstrap(master, operatorPassword);
          secrets.setOperatorPassword(record.id, operatorPassword);
        },
      ],
    ]);
    this.options.states.setStatus(record.id, 'available');
    this.options.events.record(record.id, 'RDS-EVENT-0005');
    const servedBy = `${placement.engine.name} ${await placement.engine.version()}`;
    if (servedBy !== `${record.engine} ${record.engineVersion}`) {
      this.options.events.record(record.id, 'OPENRDS-EVENT-0001', `${record.engine} ${record.engineVersion} is served by ${servedBy}`);
    }
  }

  /** The template of a personality, built once (at service start, or on first use). */
  async ensureTemplate(name: PersonalityName): Promise<TemplateSecret> {
    const { placement, personality } = this.options;
    const template = this.options.secrets.template(`${placement.engine.name}-${await placement.engine.version()}-${name}-${personality.digest}`);
    await placement.ensureTemplate(template.key, (server) =>
      personality.installTemplate(server.endpoint, placement.engine.bootstrapAccount, template.operatorPassword, name),
    );
    return template;
  }
}
