import type { MasterUser, RunningServer } from '../engine/index.js';
import type { InstanceRecord } from '../model/instance-record.js';
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
      ['template', async () => void (template = await this.ensureTemplate())],
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
    const servedBy = this.options.engines.get(record.engine)?.servedBy;
    if (servedBy) this.options.events.record(record.id, 'OPENRDS-EVENT-0001', `engine ${record.engine} is served by ${servedBy} ${record.engineVersion}`);
  }

  /** The template for this engine version and personality, built once (at service start, or on first use). */
  async ensureTemplate(): Promise<TemplateSecret> {
    const { placement, personality } = this.options;
    const template = this.options.secrets.template(`${placement.engine.name}-${await placement.engine.version()}-${personality.digest}`);
    await placement.ensureTemplate(template.key, (server) =>
      personality.installTemplate(server.endpoint, placement.engine.bootstrapAccount, template.operatorPassword),
    );
    return template;
  }
}
