import type { ParameterDefinition } from '../engine/index.js';
import { RdsError } from '../errors.js';
import type { Store } from '../store/store.js';
import type { Tag } from '../model/instance-record.js';
import type { ParameterGroupRecord } from '../model/parameter-group-record.js';
import { QUOTAS } from './account-quotas.js';

const DEFAULT_PREFIX = 'default.';

/** A parameter's default in a DB parameter group family. */
function defaultIn(definition: ParameterDefinition, family: string): string {
  return definition.familyDefaults?.[family] ?? definition.defaultValue;
}

/** The parameters whose default in `family` differs from the engine's (what an option file does not say). */
function familyDefaults(parameters: readonly ParameterDefinition[], family: string): Record<string, string> {
  return Object.fromEntries(parameters.filter((d) => d.familyDefaults?.[family] !== undefined).map((d) => [d.name, d.familyDefaults![family]!]));
}

/** Booleans may be written as RDS writes them (0/1) or as MariaDB does (ON/OFF). */
const BOOLEAN_SPELLINGS: Readonly<Record<string, string>> = { '0': '0', '1': '1', off: '0', on: '1', false: '0', true: '1' };

export interface ParameterChange {
  readonly name: string;
  readonly value: string;
  readonly applyMethod?: 'immediate' | 'pending-reboot';
}

export interface ParameterView extends ParameterDefinition {
  /** The group's value; undefined when the engine default applies. */
  readonly value: string | undefined;
  readonly source: 'user' | 'engine-default' | 'system';
}

/**
 * DB parameter groups: the default group of each family (the engine's defaults, not modifiable)
 * and the groups users create, with RDS's validation of every value.
 */
export class ParameterGroups {
  readonly #byName: ReadonlyMap<string, ParameterDefinition>;

  constructor(
    private readonly store: Store,
    private readonly catalogue: readonly ParameterDefinition[],
    /** The families served: one per major version, e.g. `mariadb10.11` and `mysql8.0`. */
    readonly families: readonly string[],
  ) {
    this.#byName = new Map(catalogue.map((p) => [p.name, p]));
  }

  static defaultName(family: string): string {
    return `${DEFAULT_PREFIX}${family}`;
  }

  /** Whether `name` is a family's default group (RDS's `default.<family>`). */
  static isDefault(name: string): boolean {
    return name.toLowerCase().startsWith(DEFAULT_PREFIX);
  }

  get(name: string): ParameterGroupRecord {
    const lower = name.toLowerCase();
    const family = lower.startsWith(DEFAULT_PREFIX) ? lower.slice(DEFAULT_PREFIX.length) : undefined;
    if (family && this.families.includes(family)) {
      return { name: lower, family, description: `Default parameter group for ${family}`, values: {} };
    }
    const group = this.store.getParameterGroup(lower);
    if (!group) throw new RdsError('DBParameterGroupNotFound', `DBParameterGroup not found: ${name}`);
    return group;
  }

  list(): ParameterGroupRecord[] {
    return [...this.families.map((f) => this.get(ParameterGroups.defaultName(f))), ...this.store.listParameterGroups()];
  }

  /** How many groups users made (the account's DBParameterGroups quota counts these). */
  customCount(): number {
    return this.store.listParameterGroups().length;
  }

  create(name: string, family: string, description: string, tags: readonly Tag[] = []): ParameterGroupRecord {
    if (name.startsWith(DEFAULT_PREFIX)) {
      throw new RdsError('InvalidParameterValue', `The parameter DBParameterGroupName must not begin with ${DEFAULT_PREFIX}`);
    }
    this.#checkFamily(family);
    if (this.customCount() >= QUOTAS.DBParameterGroups) {
      throw new RdsError('DBParameterGroupQuotaExceeded', 'The request would result in the user exceeding the allowed number of DB parameter groups.');
    }
    const group: ParameterGroupRecord = { name, family, description, values: {}, tags };
    if (!this.store.insertParameterGroup(group)) {
      throw new RdsError('DBParameterGroupAlreadyExists', `Parameter group ${name} already exists`);
    }
    return group;
  }

  delete(name: string, inUseBy: readonly string[]): void {
    const group = this.get(name);
    if (group.name.startsWith(DEFAULT_PREFIX)) {
      throw new RdsError('InvalidDBParameterGroupState', 'Default parameter groups cannot be deleted.');
    }
    if (inUseBy.length > 0) {
      throw new RdsError('InvalidDBParameterGroupState', `One or more database instances are still members of this parameter group ${group.name}, so the group cannot be deleted: ${inUseBy.join(', ')}`);
    }
    this.store.deleteParameterGroup(group.name);
  }

  /** Validates every change (all or nothing) and stores them; returns the normalised changes. */
  modify(name: string, changes: readonly ParameterChange[]): ParameterChange[] {
    const group = this.#modifiable(name);
    const normalised = changes.map((change) => this.#validate(change));
    const values = { ...group.values };
    for (const change of normalised) values[change.name] = change.value;
    this.store.putParameterGroup({ ...group, values });
    return normalised;
  }

  /**
   * ResetDBParameterGroup: the named parameters (or all) go back to the engine default; returns
   * the changes that brings, to apply to the group's instances as a modification would.
   */
  reset(name: string, which: 'all' | readonly { readonly name: string; readonly applyMethod?: 'immediate' | 'pending-reboot' }[]): ParameterChange[] {
    const group = this.#modifiable(name);
    const resets = which === 'all' ? Object.keys(group.values).map((n) => ({ name: n, applyMethod: undefined })) : which;
    const values = { ...group.values };
    const changes = resets.map((p) => {
      const { definition, applyMethod } = this.#applicable(p.name, p.applyMethod);
      delete values[definition.name];
      return { name: definition.name, value: defaultIn(definition, group.family), applyMethod };
    });
    this.store.putParameterGroup({ ...group, values });
    return changes;
  }

  /** Replaces the group's tags (AddTagsToResource, RemoveTagsFromResource). */
  setTags(name: string, tags: readonly Tag[]): void {
    const group = this.get(name);
    if (group.name.startsWith(DEFAULT_PREFIX)) throw new RdsError('InvalidParameterValue', `Default parameter group ${group.name} cannot be tagged.`);
    this.store.putParameterGroup({ ...group, tags });
  }

  #modifiable(name: string): ParameterGroupRecord {
    const group = this.get(name);
    if (group.name.startsWith(DEFAULT_PREFIX)) {
      throw new RdsError('InvalidDBParameterGroupState', `Default parameter group ${group.name} cannot be modified.`);
    }
    return group;
  }

  /** RDS's refusal of a family it does not have (here: one openrds does not serve). */
  #checkFamily(family: string): void {
    if (!this.families.includes(family)) throw new RdsError('InvalidParameterValue', `ParameterGroupFamily ${family} is not a valid parameter group family`);
  }

  /** A family's default parameters (DescribeEngineDefaultParameters): its default group's. */
  engineDefaults(family: string): ParameterView[] {
    this.#checkFamily(family);
    return this.parameters(ParameterGroups.defaultName(family));
  }

  /** What a group sets on its instances' servers: its values, and its family's own defaults. */
  serverValues(name: string): Readonly<Record<string, string>> {
    const group = this.get(name);
    return { ...familyDefaults(this.catalogue, group.family), ...group.values };
  }

  /** Every parameter with the group's value or the engine default (DescribeDBParameters). */
  parameters(name: string): ParameterView[] {
    const group = this.get(name);
    return this.catalogue.map((definition) => {
      const value = group.values[definition.name];
      const source = value !== undefined ? 'user' : definition.modifiable ? 'engine-default' : 'system';
      // As on RDS, a default that is a formula ({TrueIfReplica}, {DBInstanceClassMemory*3/4}) shows as the formula.
      return { ...definition, value: value ?? defaultIn(definition, group.family), source };
    });
  }

  definition(name: string): ParameterDefinition {
    const definition = this.#byName.get(name);
    if (!definition) throw new RdsError('InvalidParameterValue', `Could not find parameter with name: ${name}`);
    return definition;
  }

  /** A parameter a user may change (or reset), with the apply method it gets: RDS's rules. */
  #applicable(name: string, applyMethod: ParameterChange['applyMethod']) {
    const definition = this.definition(name);
    if (!definition.modifiable) throw new RdsError('InvalidParameterValue', `The parameter ${name} cannot be modified.`);
    if (applyMethod === 'immediate' && !definition.dynamic) {
      throw new RdsError('InvalidParameterCombination', `cannot use immediate apply method for static parameter ${name}`);
    }
    return { definition, applyMethod: applyMethod ?? (definition.dynamic ? 'immediate' : 'pending-reboot') } as const;
  }

  #validate(change: ParameterChange): ParameterChange {
    const { definition, applyMethod } = this.#applicable(change.name, change.applyMethod);
    const value = normaliseValue(definition, change.value);
    if (value === undefined) {
      throw new RdsError('InvalidParameterValue', `Value: ${change.value} is outside of range: ${definition.allowedValues} for parameter: ${change.name}`);
    }
    return { name: definition.name, value, applyMethod };
  }
}

/** The value as the server should get it, or undefined when it is not allowed. */
function normaliseValue(definition: ParameterDefinition, raw: string): string | undefined {
  const text = raw.trim();
  if (/[\r\n\0]/.test(text) || text.length > 1024) return undefined;
  switch (definition.dataType) {
    case 'boolean':
      return BOOLEAN_SPELLINGS[text.toLowerCase()];
    case 'integer':
    case 'float': {
      const pattern = definition.dataType === 'integer' ? /^-?\d+$/ : /^-?\d+(\.\d+)?$/;
      const [min, max] = definition.allowedValues.split('-').map(Number);
      const n = Number(text);
      return pattern.test(text) && n >= min! && n <= max! ? text : undefined;
    }
    case 'string': {
      const choices = definition.allowedValues.split(',');
      const isPattern = /[[\]*]/.test(definition.allowedValues);
      if (isPattern) return new RegExp(`^(?:${definition.allowedValues})$`).test(text) ? text : undefined;
      return choices.find((c) => c.toLowerCase() === text.toLowerCase());
    }
  }
}
