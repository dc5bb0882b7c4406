import { randomBytes } from 'node:crypto';
import { newOperatorPassword } from '../personality/personality.js';
import type { Store } from '../store/store.js';

/** A template's key and the operator secret it was built with. */
export interface TemplateSecret {
  readonly key: string;
  readonly operatorPassword: string;
}

/** The control plane's secrets, per instance and per template, kept in the store (0600). */
export class Secrets {
  constructor(private readonly store: Store) {}

  operatorPassword(id: string): string {
    const password = this.store.getSetting(`operator-password:${id}`);
    if (!password) throw new Error(`no operator secret for ${id}`);
    return password;
  }

  setOperatorPassword(id: string, password: string): void {
    this.store.setSetting(`operator-password:${id}`, password);
  }

  /** The password read replicas of `sourceId` replicate with, made on first use. */
  replicationPassword(sourceId: string): string {
    const name = `replication-password:${sourceId}`;
    let password = this.store.getSetting(name);
    if (!password) {
      password = newOperatorPassword();
      this.store.setSetting(name, password);
    }
    return password;
  }

  /** The replication password of `sourceId`'s replicas, if one was made. */
  existingReplicationPassword(sourceId: string): string | undefined {
    return this.store.getSetting(`replication-password:${sourceId}`) || undefined;
  }

  /** The operator password a snapshot's copy carries (its instance's when it was taken). */
  snapshotOperatorPassword(snapshotId: string): string {
    const password = this.store.getSetting(`snapshot-operator-password:${snapshotId}`);
    if (!password) throw new Error(`no operator secret for snapshot ${snapshotId}`);
    return password;
  }

  /** Records the operator password of a snapshot's copy; empty forgets it (a deleted snapshot). */
  setSnapshotOperatorPassword(snapshotId: string, password: string): void {
    this.store.setSetting(`snapshot-operator-password:${snapshotId}`, password);
  }

  /** Gives a renamed instance its secrets under its new identifier (the old ones stay until forget). */
  copy(fromId: string, toId: string): void {
    for (const kind of ['operator-password', 'replication-password']) {
      const value = this.store.getSetting(`${kind}:${fromId}`);
      if (value) this.store.setSetting(`${kind}:${toId}`, value);
    }
  }

  /** Forgets a deleted instance's secrets. */
  forget(id: string): void {
    this.store.setSetting(`operator-password:${id}`, '');
    this.store.setSetting(`replication-password:${id}`, '');
  }

  /**
   * The template for `base` (engine, version, personality). Its key carries a random part
   * remembered with its operator secret, so a lost secret means a new template rather than one
   * nobody can log in to.
   */
  template(base: string): TemplateSecret {
    let remembered = this.store.getSetting(`template:${base}`);
    if (!remembered) {
      remembered = JSON.stringify({ key: `${base}-${randomBytes(4).toString('hex')}`, operatorPassword: newOperatorPassword() });
      this.store.setSetting(`template:${base}`, remembered);
    }
    return JSON.parse(remembered) as TemplateSecret;
  }
}
