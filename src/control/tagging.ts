import { RdsError } from '../errors.js';
import type { Tag } from '../model/instance-record.js';
import type { InstanceStates } from './instance-states.js';
import type { ParameterGroups } from './parameter-groups.js';
import type { SubnetGroups } from './subnet-groups.js';
import { MAX_TAGS } from './rules.js';
import type { Snapshots } from './snapshots.js';
import type { BlueGreenDeployments } from './blue-green-deployments.js';

/**
 * A resource that has tags: a DB instance (`db`), a DB parameter group (`pg`), a DB snapshot
 * (`snapshot`), a DB subnet group (`subgrp`) or a blue/green deployment (`deployment`, by its `bgd-` id), by name.
 */
export interface TaggedResource {
  readonly kind: 'db' | 'pg' | 'snapshot' | 'subgrp' | 'deployment';
  readonly name: string;
}

/** Tags of the resources that have them; an unknown resource gets its own not-found error. */
export class Tagging {
  constructor(
    private readonly states: InstanceStates,
    private readonly groups: ParameterGroups,
    private readonly snapshots: Snapshots,
    private readonly subnetGroups: SubnetGroups,
    private readonly deployments: BlueGreenDeployments,
  ) {}

  list(resource: TaggedResource): readonly Tag[] {
    if (resource.kind === 'snapshot') return this.snapshots.get(resource.name).tags;
    if (resource.kind === 'subgrp') return this.subnetGroups.get(resource.name).tags ?? [];
    if (resource.kind === 'deployment') return this.deployments.get(resource.name).tags;
    return resource.kind === 'db' ? this.states.get(resource.name).tags : (this.groups.get(resource.name).tags ?? []);
  }

  /** Adds tags, replacing the values of keys the resource has already (as RDS does). */
  add(resource: TaggedResource, tags: readonly Tag[]): void {
    const merged = new Map(this.list(resource).map((t) => [t.Key, t]));
    for (const t of tags) merged.set(t.Key, t);
    if (merged.size > MAX_TAGS) throw new RdsError('InvalidParameterValue', `Cannot add more than ${MAX_TAGS} tags to a resource.`);
    this.#put(resource, [...merged.values()]);
  }

  remove(resource: TaggedResource, keys: readonly string[]): void {
    const drop = new Set(keys);
    this.#put(resource, this.list(resource).filter((t) => !drop.has(t.Key)));
  }

  #put(resource: TaggedResource, tags: readonly Tag[]): void {
    if (resource.kind === 'db') this.states.update(resource.name, { tags });
    else if (resource.kind === 'snapshot') this.snapshots.setTags(resource.name, tags);
    else if (resource.kind === 'subgrp') this.subnetGroups.setTags(resource.name, tags);
    else if (resource.kind === 'deployment') this.deployments.update(this.deployments.get(resource.name).id, { tags });
    else this.groups.setTags(resource.name, tags);
  }
}
