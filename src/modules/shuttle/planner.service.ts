/**
 * Planning a tour on demand (API, command line): validates the problem (French field errors,
 * the 422 contract) and hands it to the pure planner.
 */
import { invalid } from '../../platform/errors.ts';
import { parseProblem, solve, type Problem, type Solution } from './planner/index.ts';

export class PlannerService {
  /** A problem already checked by the route's schema. */
  plan(problem: Problem): Solution {
    return solve(problem);
  }

  /** A problem as received (the command line): refused with field errors when wrong. */
  planRaw(input: unknown): Solution {
    const parsed = parseProblem(input);
    if (!parsed.ok) throw invalid(parsed.errors, 'shuttle.planner.invalid');
    return solve(parsed.problem);
  }
}
