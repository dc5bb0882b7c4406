import { z } from 'zod';
import { offeredVersions, resolveEngineVersion, versionMatches, type OfferedVersion } from '../../personality/engine-versions.js';
import { defineAction } from '../action.js';
import { dbEngineVersionXml } from '../engine-version-xml.js';
import { booleanParam, filtersOf, maxRecords, paginate, text } from '../params.js';

const FILTERS = ['db-parameter-group-family', 'engine', 'engine-mode', 'engine-version', 'status'] as const;

/** What one filter keeps; every version here is `available` and of a provisioned instance. */
function filterMatches(name: (typeof FILTERS)[number], values: readonly string[], offered: OfferedVersion): boolean {
  switch (name) {
    case 'engine':
      return values.includes(offered.major.engine);
    case 'engine-version':
      return values.some((v) => versionMatches(v, offered));
    case 'db-parameter-group-family':
      return values.includes(offered.major.family);
    case 'status':
      return values.includes('available');
    case 'engine-mode':
      return values.includes('provisioned');
  }
}

export default defineAction({
  name: 'DescribeDBEngineVersions',
  input: z.object({
    Engine: text(64).optional(),
    EngineVersion: text(64).optional(),
    DBParameterGroupFamily: text(255).optional(),
    Filters: filtersOf(FILTERS),
    MaxRecords: maxRecords(),
    Marker: text(512).optional(),
    DefaultOnly: booleanParam.optional(),
    // RDS lists character sets and time zones only for engines whose CreateDBInstance takes them (not these).
    ListSupportedCharacterSets: booleanParam.optional(),
    ListSupportedTimezones: booleanParam.optional(),
    // Every version served is available: there are no others to include.
    IncludeAll: booleanParam.optional(),
  }),
  async handle(input) {
    const filters = input.Filters ?? [];
    let offered = offeredVersions()
      .filter((o) => input.Engine === undefined || o.major.engine === input.Engine)
      .filter((o) => input.EngineVersion === undefined || versionMatches(input.EngineVersion, o))
      .filter((o) => input.DBParameterGroupFamily === undefined || o.major.family === input.DBParameterGroupFamily)
      .filter((o) => filters.every((f) => filterMatches(f.Name, f.Values, o)));
    if (input.DefaultOnly) {
      // The default of each major asked for; with no major asked, the engine's default version.
      const majorAsked =
        input.EngineVersion !== undefined ||
        input.DBParameterGroupFamily !== undefined ||
        filters.some((f) => f.Name === 'engine-version' || f.Name === 'db-parameter-group-family');
      offered = offered.filter(({ major, version }) =>
        majorAsked ? version === major.defaultVersion : version === resolveEngineVersion(major.engine, undefined).version,
      );
    }
    const { page, next } = paginate(offered, input.Marker, input.MaxRecords);
    return { Marker: next, DBEngineVersions: { DBEngineVersion: page.map((o) => dbEngineVersionXml(o.major, o.version)) } };
  },
});
