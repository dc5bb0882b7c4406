import { z } from 'zod';
import { RdsError } from '../../errors.js';
import { defineAction } from '../action.js';
import { maxRecords, paginate, text, unsupportedFilters } from '../params.js';
import { arnOf } from '../arn.js';

const isoDate = text(64).refine((s) => !Number.isNaN(Date.parse(s)), { message: 'is not a valid timestamp' });

export default defineAction({
  name: 'DescribeEvents',
  input: z.object({
    SourceIdentifier: text(255).optional(),
    SourceType: z.enum(['db-instance', 'blue-green-deployment'], { message: 'openrds records events for db-instance and blue-green-deployment sources' }).optional(),
    StartTime: isoDate.optional(),
    EndTime: isoDate.optional(),
    Duration: z.coerce.number().int().min(0).max(20160).optional(),
    EventCategories: z.array(text(64)).optional(),
    Filters: unsupportedFilters(),
    MaxRecords: maxRecords(),
    Marker: text(512).optional(),
  }),
  async handle(input, context) {
    if (input.SourceIdentifier && !input.SourceType) {
      throw new RdsError('InvalidParameterCombination', 'Cannot specify SourceIdentifier without SourceType.');
    }
    const end = input.EndTime ? new Date(input.EndTime) : new Date();
    // RDS's default window is the last hour.
    const start = input.StartTime
      ? new Date(input.StartTime)
      : new Date((input.EndTime ? end.getTime() : Date.now()) - (input.Duration ?? 60) * 60_000);
    let events = context.control.events.list({
      sourceIdentifier: input.SourceIdentifier?.toLowerCase(),
      sourceType: input.SourceType,
      startTime: start.toISOString(),
      endTime: end.toISOString(),
    });
    if (input.EventCategories?.length) {
      const wanted = new Set(input.EventCategories);
      events = events.filter((e) => e.categories.some((c) => wanted.has(c)));
    }
    const { page, next } = paginate(events, input.Marker, input.MaxRecords);
    return {
      Marker: next,
      Events: {
        Event: page.map((e) => ({
          SourceIdentifier: e.sourceIdentifier,
          SourceType: e.sourceType,
          Message: e.message,
          EventCategories: { EventCategory: [...e.categories] },
          Date: e.date,
          SourceArn: arnOf({ kind: e.sourceType === 'blue-green-deployment' ? 'deployment' : 'db', name: e.sourceIdentifier }, context),
        })),
      },
    };
  },
});
