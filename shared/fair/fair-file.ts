import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Fair } from '../domain/fair';
import { type FairParse, type FairProblem, parseFair } from './parse-fair';

export { type FairParse, type FairProblem, parseFair };

/**
 * A fair is a file (`fairs/<fairId>.json`): read, checked against the schema, every problem reported
 * at once with where it is, and nothing used from a file with any. The demo fair is one such file.
 */
export const FAIRS_DIR = path.resolve(import.meta.dirname, '..', '..', 'fairs');
export const DEMO_FAIR_FILE = path.join(FAIRS_DIR, 'oujda-ess-2027.json');

/**
 * Where in the text a JSON syntax error is, as `line 12, column 5`: the shortest beginning of the text
 * that is already wrong (a beginning that is only unfinished is not) ends at the fault.
 */
function jsonErrorPlace(text: string): string {
  const wrong = (length: number) => {
    try {
      JSON.parse(text.slice(0, length));
      return false;
    } catch (error) {
      const message = (error as Error).message;
      if (/Unexpected end of JSON input|Unterminated string/.test(message)) return false;
      // "Expected ',' or '}' ... at position N": at the very end, the beginning is only unfinished.
      const position = /at position (\d+)/.exec(message);
      return !position || Number(position[1]) < length;
    }
  };
  let low = 0;
  let high = text.length;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (wrong(middle)) high = middle;
    else low = middle + 1;
  }
  const before = text.slice(0, Math.max(0, low - 1));
  const line = before.split('\n').length;
  return `line ${line}, column ${before.length - before.lastIndexOf('\n')}`;
}

export function readFairFile(file: string): FairParse {
  let text: string;
  try {
    text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  } catch (error) {
    return { ok: false, problems: [{ path: '', message: `cannot read ${file}: ${(error as Error).message}` }] };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const place = jsonErrorPlace(text);
    return { ok: false, problems: [{ path: place, message: `not valid JSON: ${(error as Error).message}` }] };
  }
  return parseFair(value);
}

export class FairFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: FairProblem[],
  ) {
    super(
      `${file} is not a valid fair (${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing was applied):\n${problems
        .map((problem) => `  ${problem.path ? `${problem.path}: ` : ''}${problem.message}`)
        .join('\n')}`,
    );
  }
}

/** The fair in a file, or a FairFileError listing every problem. */
export function loadFairFile(file: string): Fair {
  const result = readFairFile(file);
  if (!result.ok) throw new FairFileError(file, result.problems);
  return result.fair;
}

/** The fair this machine runs: `RAWAQ_FAIR`, else the demo fair. */
export function fairFileInUse(env: NodeJS.ProcessEnv = process.env): string {
  return env.RAWAQ_FAIR ? path.resolve(env.RAWAQ_FAIR) : DEMO_FAIR_FILE;
}

/** A stack per fair, so that two fairs deploy side by side in one account. */
export function stackNameFor(fairId: string): string {
  return `Rawaq-${fairId}`;
}

/** The fair this machine runs (`RAWAQ_FAIR`, else the demo fair): its file, checked, and what it says. */
export function fairInUse(env: NodeJS.ProcessEnv = process.env): { file: string; fair: Fair } {
  const file = fairFileInUse(env);
  return { file, fair: loadFairFile(file) };
}
