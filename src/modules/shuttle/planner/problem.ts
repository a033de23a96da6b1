/**
 * The planner's JSON problem: a subset of VROOM's input (one vehicle). Documented in
 * docs/planner.md. Error messages are catalogue keys (src/platform/i18n/fr/shuttle.ts), so the
 * API and the CLI answer in French; this file stays pure (no I/O, no clock).
 */
import { z } from 'zod';

const MAX_JOBS = 100;
const MAX_TIME = 10 * 366 * 24 * 3600 + 2_000_000_000; // relative seconds or Unix timestamps

const time = z
  .number({ error: 'shuttle.planner.timeInvalid' })
  .int({ error: 'shuttle.planner.timeInvalid' })
  .min(0, { error: 'shuttle.planner.timeInvalid' })
  .max(MAX_TIME, { error: 'shuttle.planner.timeInvalid' });

const timeWindow = z
  .tuple([time, time], { error: 'shuttle.planner.windowInvalid' })
  .refine(([from, to]) => from <= to, { error: 'shuttle.planner.windowInvalid' });

const coordinates = z.tuple(
  [
    z.number({ error: 'shuttle.planner.locationInvalid' }).min(-180, { error: 'shuttle.planner.locationInvalid' }).max(180, { error: 'shuttle.planner.locationInvalid' }),
    z.number({ error: 'shuttle.planner.locationInvalid' }).min(-90, { error: 'shuttle.planner.locationInvalid' }).max(90, { error: 'shuttle.planner.locationInvalid' }),
  ],
  { error: 'shuttle.planner.locationInvalid' },
);

const index = z.number({ error: 'shuttle.planner.indexInvalid' }).int({ error: 'shuttle.planner.indexInvalid' }).min(0, { error: 'shuttle.planner.indexInvalid' });

const id = z.union([z.number().int().min(0), z.string().min(1).max(100)], { error: 'shuttle.planner.idInvalid' });

const job = z.object({
  id,
  location: coordinates.optional(),
  location_index: index.optional(),
  service: time.default(0),
  time_windows: z.array(timeWindow, { error: 'shuttle.planner.windowInvalid' }).min(1, { error: 'shuttle.planner.windowInvalid' }).max(20, { error: 'shuttle.planner.windowInvalid' }).optional(),
  priority: z.number({ error: 'shuttle.planner.priorityInvalid' }).int({ error: 'shuttle.planner.priorityInvalid' }).min(0, { error: 'shuttle.planner.priorityInvalid' }).max(100, { error: 'shuttle.planner.priorityInvalid' }).default(0),
  description: z.string().max(500).optional(),
});

const breakSchema = z.object({
  id: id.optional(),
  time_windows: z.array(timeWindow, { error: 'shuttle.planner.windowInvalid' }).min(1, { error: 'shuttle.planner.windowInvalid' }).max(20, { error: 'shuttle.planner.windowInvalid' }),
  service: time.default(0),
});

const vehicle = z.object({
  id: id.optional(),
  start: coordinates.optional(),
  start_index: index.optional(),
  end: coordinates.optional(),
  end_index: index.optional(),
  time_window: timeWindow.optional(),
  breaks: z.array(breakSchema, { error: 'shuttle.planner.breaksInvalid' }).max(4, { error: 'shuttle.planner.breaksInvalid' }).default([]),
});

const duration = z.number({ error: 'shuttle.planner.matrixInvalid' }).min(0, { error: 'shuttle.planner.matrixInvalid' }).max(MAX_TIME, { error: 'shuttle.planner.matrixInvalid' });

export const problemSchema = z
  .object({
    jobs: z.array(job, { error: 'shuttle.planner.jobsRequired' }).max(MAX_JOBS, { error: 'shuttle.planner.tooManyJobs' }),
    vehicle: vehicle.default({ breaks: [] }),
    matrix: z.object({ durations: z.array(z.array(duration, { error: 'shuttle.planner.matrixInvalid' }), { error: 'shuttle.planner.matrixInvalid' }).min(1, { error: 'shuttle.planner.matrixInvalid' }).max(MAX_JOBS + 2, { error: 'shuttle.planner.matrixInvalid' }) }).optional(),
    options: z
      .object({
        /** Average driving speed in km/h, over the road distance (straight line × detour). */
        speed_kmh: z.number({ error: 'shuttle.planner.speedInvalid' }).min(5, { error: 'shuttle.planner.speedInvalid' }).max(130, { error: 'shuttle.planner.speedInvalid' }).default(45),
        /** Road distance ÷ straight-line distance. */
        detour_factor: z.number({ error: 'shuttle.planner.detourInvalid' }).min(1, { error: 'shuttle.planner.detourInvalid' }).max(3, { error: 'shuttle.planner.detourInvalid' }).default(1.3),
        /** Up to this many visitable jobs the planner is exact; beyond, a heuristic. */
        exact_limit: z.number({ error: 'shuttle.planner.exactLimitInvalid' }).int({ error: 'shuttle.planner.exactLimitInvalid' }).min(0, { error: 'shuttle.planner.exactLimitInvalid' }).max(12, { error: 'shuttle.planner.exactLimitInvalid' }).default(12),
      })
      .default({ speed_kmh: 45, detour_factor: 1.3, exact_limit: 12 }),
  })
  .superRefine((problem, ctx) => {
    const size = problem.matrix?.durations.length;
    if (problem.matrix) {
      problem.matrix.durations.forEach((row, i) => {
        if (row.length !== size) ctx.addIssue({ code: 'custom', path: ['matrix', 'durations', i], message: 'shuttle.planner.matrixNotSquare' });
      });
    }
    const place = (path: (string | number)[], coordinates: unknown, matrixIndex: number | undefined, required: boolean) => {
      if (size !== undefined) {
        if (matrixIndex === undefined) {
          if (required) ctx.addIssue({ code: 'custom', path: [...path, 'location_index'], message: 'shuttle.planner.indexRequired' });
        } else if (matrixIndex >= size) ctx.addIssue({ code: 'custom', path: [...path, 'location_index'], message: 'shuttle.planner.indexOutOfMatrix' });
      } else if (coordinates === undefined) {
        if (required) ctx.addIssue({ code: 'custom', path: [...path, 'location'], message: 'shuttle.planner.locationRequired' });
      }
    };
    const seen = new Set<string>();
    problem.jobs.forEach((j, i) => {
      place(['jobs', i], j.location, j.location_index, true);
      const key = String(j.id);
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['jobs', i, 'id'], message: 'shuttle.planner.duplicateId' });
      seen.add(key);
    });
    const v = problem.vehicle;
    if (size !== undefined) {
      if (v.start_index !== undefined && v.start_index >= size) ctx.addIssue({ code: 'custom', path: ['vehicle', 'start_index'], message: 'shuttle.planner.indexOutOfMatrix' });
      if (v.end_index !== undefined && v.end_index >= size) ctx.addIssue({ code: 'custom', path: ['vehicle', 'end_index'], message: 'shuttle.planner.indexOutOfMatrix' });
      if (v.start !== undefined && v.start_index === undefined) ctx.addIssue({ code: 'custom', path: ['vehicle', 'start_index'], message: 'shuttle.planner.indexRequired' });
      if (v.end !== undefined && v.end_index === undefined) ctx.addIssue({ code: 'custom', path: ['vehicle', 'end_index'], message: 'shuttle.planner.indexRequired' });
    } else {
      if (v.start_index !== undefined) ctx.addIssue({ code: 'custom', path: ['vehicle', 'start_index'], message: 'shuttle.planner.matrixRequired' });
      if (v.end_index !== undefined) ctx.addIssue({ code: 'custom', path: ['vehicle', 'end_index'], message: 'shuttle.planner.matrixRequired' });
      problem.jobs.forEach((j, i) => {
        if (j.location_index !== undefined) ctx.addIssue({ code: 'custom', path: ['jobs', i, 'location_index'], message: 'shuttle.planner.matrixRequired' });
      });
    }
  });

export type Problem = z.output<typeof problemSchema>;
export type ProblemInput = z.input<typeof problemSchema>;
export type TimeWindow = [number, number];

/** Field path (dotted) → catalogue key, like the API's 422 `fields`. */
export type ProblemErrors = Record<string, string>;

export function parseProblem(input: unknown): { ok: true; problem: Problem } | { ok: false; errors: ProblemErrors } {
  const parsed = problemSchema.safeParse(input);
  if (parsed.success) return { ok: true, problem: parsed.data };
  const errors: ProblemErrors = {};
  for (const issue of parsed.error.issues) {
    const path = issue.path.map(String).join('.') || 'body';
    const key = issue.message.startsWith('shuttle.') ? issue.message : issue.path.length === 0 ? 'shuttle.planner.notAnObject' : 'errors.invalid';
    errors[path] ??= key;
  }
  return { ok: false, errors };
}
