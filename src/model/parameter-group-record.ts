import type { Tag } from './instance-record.js';

/** A DB parameter group: the values a user set; everything else is the engine default. */
export interface ParameterGroupRecord {
  readonly name: string;
  readonly family: string;
  readonly description: string;
  /** Parameter name → value, as the user set them. */
  readonly values: Readonly<Record<string, string>>;
  readonly tags?: readonly Tag[];
}
