import type { ControlPlane } from '../control/control-plane.js';
import type { BlueGreenRecord, SwitchoverMember } from '../model/blue-green-record.js';
import type { RequestContext } from './action.js';
import { arnOf } from './arn.js';
import type { XmlValue } from './xml.js';

/**
 * A pair's SwitchoverDetail status as RDS shows it: MISSING_SOURCE or MISSING_TARGET once one of
 * its instances is gone. Not while a switchover renames them: a name is missing for a moment then.
 */
export function switchoverStatus(member: SwitchoverMember, record: BlueGreenRecord, control: ControlPlane): string {
  if (record.status === 'SWITCHOVER_IN_PROGRESS') return member.status;
  const exists = (id: string) => control.describe().some((r) => r.id === id);
  return !exists(member.source) ? 'MISSING_SOURCE' : !exists(member.target) ? 'MISSING_TARGET' : member.status;
}

/** A BlueGreenDeployment as RDS shows it. */
export function blueGreenXml(record: BlueGreenRecord, context: RequestContext): Record<string, XmlValue> {
  const db = (id: string) => arnOf({ kind: 'db', name: id }, context);
  const primary = record.members[0]!;
  return {
    BlueGreenDeploymentIdentifier: record.id,
    BlueGreenDeploymentName: record.name,
    Source: db(primary.source),
    Target: db(primary.target),
    SwitchoverDetails: {
      member: record.members.map((m) => ({
        SourceMember: db(m.source),
        TargetMember: db(m.target),
        Status: switchoverStatus(m, record, context.control),
      })),
    },
    Tasks: { member: record.tasks.map((t) => ({ Name: t.name, Status: t.status })) },
    Status: record.status,
    StatusDetails: record.statusDetails,
    CreateTime: record.createTime,
    TagList: { Tag: record.tags.map((t) => ({ Key: t.Key, Value: t.Value })) },
  };
}
