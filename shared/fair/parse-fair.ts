import type * as z from 'zod';
import { type Fair, FairSchema } from '../domain/fair';
import { fairReferenceProblems } from '../domain/fair-references';

/** A fair's JSON checked: the fair, or every problem with where it is. No file system here (the seed bundles it). */
export interface FairProblem {
  /** `zones[3].capacity`; empty for the file as a whole. */
  path: string;
  message: string;
}

export type FairParse = { ok: true; fair: Fair } | { ok: false; problems: FairProblem[] };

export function pathText(segments: readonly PropertyKey[]): string {
  return segments
    .map((segment, index) =>
      typeof segment === 'number' ? `[${segment}]` : `${index === 0 ? '' : '.'}${String(segment)}`,
    )
    .join('');
}

export function problemsOf(error: z.ZodError): FairProblem[] {
  return error.issues.map((issue) => ({ path: pathText(issue.path), message: issue.message }));
}

export function parseFair(value: unknown): FairParse {
  const result = FairSchema.safeParse(value);
  if (result.success) return { ok: true, fair: result.data };
  const problems = problemsOf(result.error);
  // A file whose shape is wrong somewhere is not checked for references by the schema: check them
  // here, so that one report lists everything.
  const said = new Set(problems.map((problem) => `${problem.path}|${problem.message}`));
  for (const reference of fairReferenceProblems(value)) {
    const problem = { path: pathText(reference.path), message: reference.message };
    if (!said.has(`${problem.path}|${problem.message}`)) problems.push(problem);
  }
  return { ok: false, problems };
}
