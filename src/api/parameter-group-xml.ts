import type { ParameterGroupRecord } from '../model/parameter-group-record.js';
import type { RequestContext } from './action.js';
import type { XmlValue } from './xml.js';
import { arnOf } from './arn.js';

/** The `DBParameterGroup` structure of the RDS API. */
export function parameterGroupXml(group: ParameterGroupRecord, context: RequestContext): Record<string, XmlValue> {
  return {
    DBParameterGroupName: group.name,
    DBParameterGroupFamily: group.family,
    Description: group.description,
    DBParameterGroupArn: arnOf({ kind: 'pg', name: group.name }, context),
  };
}
