import type { ParameterView } from '../control/parameter-groups.js';
import type { XmlValue } from './xml.js';

/** The `Parameter` structure of the RDS API (DescribeDBParameters, DescribeEngineDefaultParameters). */
export function parameterXml(p: ParameterView): Record<string, XmlValue> {
  return {
    ParameterName: p.name,
    ParameterValue: p.value,
    Description: p.description,
    Source: p.source,
    ApplyType: p.dynamic ? 'dynamic' : 'static',
    DataType: p.dataType,
    AllowedValues: p.allowedValues,
    IsModifiable: p.modifiable,
    ApplyMethod: p.dynamic ? 'immediate' : 'pending-reboot',
  };
}
