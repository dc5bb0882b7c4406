import type { BlueGreenRecord } from '../model/blue-green-record.js';
import type { RequestContext } from './action.js';
import { arnOf } from './arn.js';
import type { XmlValue } from './xml.js';

/** A BlueGreenDeployment as RDS shows it: a pair whose instance is gone reads MISSING_SOURCE or MISSING_TARGET. */
export function blueGreenXml(record: BlueGreenRecord, context: RequestContext): Record<string, XmlValue> {
  const db = (id: string) => arnOf({ kind: 'db', name: id }, context);
  const exists = (id: string) => context.control.describe().some((r) => r.id === id);
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
        Status: !exists(m.source) ? 'MISSING_SOURCE' : !exists(m.target) ? 'MISSING_TARGET' : m.status,
      })),
    },
    Tasks: { member: record.tasks.map((t) => ({ Name: t.name, Status: t.status })) },
    Status: record.status,
    StatusDetails: record.statusDetails,
    CreateTime: record.createTime,
    TagList: { Tag: record.tags.map((t) => ({ Key: t.Key, Value: t.Value })) },
  };
}
