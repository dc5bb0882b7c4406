import type { SnapshotRecord } from '../model/snapshot-record.js';
import { RESTORE_ATTRIBUTE, restoreAttribute } from '../control/snapshot-sharing.js';
import type { XmlValue } from './xml.js';

/** The `DBSnapshotAttributesResult` of ModifyDBSnapshotAttribute and DescribeDBSnapshotAttributes: the one `restore` attribute. */
export function snapshotAttributesXml(snapshot: SnapshotRecord): Record<string, XmlValue> {
  return {
    DBSnapshotAttributesResult: {
      DBSnapshotIdentifier: snapshot.id,
      DBSnapshotAttributes: {
        DBSnapshotAttribute: [{ AttributeName: RESTORE_ATTRIBUTE, AttributeValues: { AttributeValue: [...restoreAttribute(snapshot)] } }],
      },
    },
  };
}
