import { z } from 'zod';
import { ORDERABLE_CLASSES } from '../../model/instance-classes.js';
import { STORAGE_TYPES } from '../../model/storage.js';
import { offeredVersions, versionMatches } from '../../personality/engine-versions.js';
import { defineAction } from '../action.js';
import { orderableOptionXml, type Orderable } from '../orderable-option-xml.js';
import { booleanParam, maxRecords, paginate, text, unsupportedFilters } from '../params.js';

export default defineAction({
  name: 'DescribeOrderableDBInstanceOptions',
  input: z.object({
    Engine: text(64),
    EngineVersion: text(64).optional(),
    DBInstanceClass: text(64).optional(),
    LicenseModel: text(64).optional(),
    AvailabilityZoneGroup: text(64).optional(),
    Vpc: booleanParam.optional(),
    Filters: unsupportedFilters(),
    MaxRecords: maxRecords(10000),
    Marker: text(512).optional(),
  }),
  async handle(input, context) {
    // Every offering is in a VPC, in the request's region (no Local Zones), under MySQL's and MariaDB's one license.
    const none =
      input.Vpc === false ||
      (input.AvailabilityZoneGroup !== undefined && input.AvailabilityZoneGroup !== context.region) ||
      (input.LicenseModel !== undefined && input.LicenseModel !== 'general-public-license');
    const versions = offeredVersions().filter(
      (o) => !none && o.major.engine === input.Engine && (input.EngineVersion === undefined || versionMatches(input.EngineVersion, o)),
    );
    const classes = ORDERABLE_CLASSES.filter((c) => input.DBInstanceClass === undefined || c === input.DBInstanceClass);
    const orderable: Orderable[] = versions.flatMap((offered) =>
      classes.flatMap((instanceClass) => STORAGE_TYPES.map((storageType) => ({ offered, instanceClass, storageType }))),
    );
    const { page, next } = paginate(orderable, input.Marker, input.MaxRecords);
    return { OrderableDBInstanceOptions: { OrderableDBInstanceOption: page.map((o) => orderableOptionXml(o, context.region)) }, Marker: next };
  },
});
