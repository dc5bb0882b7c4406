import type { BlueGreenRecord } from '../model/blue-green-record.js';
import { BlueGreenCreation, type BlueGreenCreationOptions, type CreateBlueGreenInput } from './blue-green-creation.js';
import { BlueGreenDeletion, type BlueGreenDeletionOptions } from './blue-green-deletion.js';
import type { BlueGreenDeployments } from './blue-green-deployments.js';
import { BlueGreenSwitchover, type BlueGreenSwitchoverOptions } from './blue-green-switchover.js';

type Without<T> = Omit<T, 'deployments'>;

export interface BlueGreenOptions extends Without<BlueGreenCreationOptions>, Without<BlueGreenSwitchoverOptions>, Without<BlueGreenDeletionOptions> {
  /** Made before this facade: tagging reads them too. */
  readonly deployments: BlueGreenDeployments;
}

/** Blue/green deployments: their records (Describe reads them), creation, switchover and deletion. */
export class BlueGreen {
  readonly deployments: BlueGreenDeployments;
  readonly #creation: BlueGreenCreation;
  readonly #switchover: BlueGreenSwitchover;
  readonly #deletion: BlueGreenDeletion;

  constructor(options: BlueGreenOptions) {
    const deployments = (this.deployments = options.deployments);
    this.#creation = new BlueGreenCreation({ ...options, deployments });
    this.#switchover = new BlueGreenSwitchover({ ...options, deployments });
    this.#deletion = new BlueGreenDeletion({ ...options, deployments });
  }

  /** CreateBlueGreenDeployment: the green environment is made in the background. */
  create(input: CreateBlueGreenInput): BlueGreenRecord {
    return this.#creation.create(input);
  }

  /** SwitchoverBlueGreenDeployment (SwitchoverTimeout in seconds). */
  switchover(id: string, timeoutS?: number): Promise<BlueGreenRecord> {
    return this.#switchover.switchover(id, timeoutS);
  }

  /** DeleteBlueGreenDeployment; with `deleteTarget`, its green instances too. */
  delete(id: string, deleteTarget: boolean): BlueGreenRecord {
    return this.#deletion.delete(id, deleteTarget);
  }
}
