/**
 * `npm run fair -- <command>`: a fair's file, without starting anything.
 *
 *   check [file]                          checks a fair's file (default: RAWAQ_FAIR, else the demo fair)
 *   import-booths <file.csv> --into <fair.json>
 *                                         replaces the fair's booths with a spreadsheet's (CSV saved by
 *                                         Excel or LibreOffice: `;` or `,`, UTF-8 with or without BOM)
 *   schema                                writes fairs/fair.schema.json, for editors that complete JSON
 *   privacy-notice [--hosting venue|aws:<region>] [--out <dir>]
 *                                         drafts the CNDP declaration and the entrance notice (law 09-08),
 *                                         French and Arabic, from the fair's file (default: RAWAQ_FAIR)
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as z from 'zod';
import { FairSchema } from '../shared/domain/fair';
import { safeCapacities } from '../shared/domain/safe-capacity';
import { decodeSpreadsheet, importBooths, withBooths } from '../shared/fair/booth-import';
import { FAIRS_DIR, fairFileInUse, readFairFile } from '../shared/fair/fair-file';
import { privacyTexts } from '../shared/fair/privacy-notice';

const [command, ...args] = process.argv.slice(2);

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

function printProblems(file: string, problems: { path: string; message: string }[]): never {
  fail(
    `${file} is not a valid fair: ${problems.length} problem${problems.length === 1 ? '' : 's'}, nothing was applied.\n${problems
      .map((problem) => `  ${problem.path ? `${problem.path}: ` : ''}${problem.message}`)
      .join('\n')}`,
  );
}

/** Written whole or not at all: a crash mid-write leaves the old file. */
function writeAtomically(file: string, text: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, file);
}

function check(file = fairFileInUse()): void {
  const result = readFairFile(file);
  if (!result.ok) printProblems(file, result.problems);
  const { fair } = result;
  const safe = safeCapacities(fair);
  console.log(
    `${file}: a valid fair.\n  ${fair.localNames.fr} (${fair.fairId}), ${fair.days[0]} to ${fair.days.at(-1)}, ${fair.timezone}${fair.utcOffsets ? ` (offsets pinned: ${[...new Set(Object.values(fair.utcOffsets))].join(', ')})` : ''}\n  ${fair.zones.length} zones, ${fair.gates.length} gates, ${fair.categories.length} categories, ${fair.booths.length} booths, ${fair.workshops.length} programme items`,
  );
  console.log(
    '  safe capacity from the floor plan (floor at 1.5 m² a person after the booths; exits at 5 mm a person, the largest left out):',
  );
  const warnings: string[] = [];
  for (const zone of fair.zones) {
    const figure = safe.get(zone.zoneId);
    if (!figure) continue;
    const exits =
      figure.byExits === undefined ? 'no exit width given' : `exits ${figure.exitsM?.join(' + ')} m: ${figure.byExits}`;
    console.log(
      `    ${zone.zoneId}: capacity ${zone.capacity}, safe ${figure.capacity} (floor ${figure.floorM2} m² after ${figure.boothsOnFloor} booths: ${figure.byFloor}; ${exits})`,
    );
    if (zone.capacity > figure.capacity)
      warnings.push(
        `${zone.zoneId}: capacity ${zone.capacity} is above its safe capacity ${figure.capacity}: check the figure and its basis with the fire officer`,
      );
  }
  for (const warning of warnings) console.warn(`  warning: ${warning}`);
}

function importBoothsCommand(): void {
  const csv = args[0];
  const intoAt = args.indexOf('--into');
  const into = intoAt >= 0 ? args[intoAt + 1] : undefined;
  if (!csv || !into) fail('usage: npm run fair -- import-booths exhibitors.csv --into fairs/my-fair.json');
  const current = readFairFile(into);
  if (!current.ok) printProblems(into, current.problems);
  let bytes: Buffer;
  try {
    bytes = readFileSync(csv);
  } catch (error) {
    fail(`cannot read ${csv}: ${(error as Error).message}`);
  }
  const { text, encoding } = decodeSpreadsheet(bytes);
  const imported = importBooths(text, current.fair);
  if (!imported.ok)
    fail(
      `${csv}: ${imported.problems.length} row${imported.problems.length === 1 ? '' : 's'} to fix; ${into} was not changed.\n${imported.problems
        .map((problem) => `  ${problem.line > 0 ? `line ${problem.line}: ` : ''}${problem.message}`)
        .join('\n')}`,
    );
  const raw = JSON.parse(readFileSync(into, 'utf8').replace(/^\uFEFF/, ''));
  const next = withBooths(raw, imported.booths, { keepAttributes: !imported.attributeColumns });
  // The whole fair checked again with its new booths before anything is written.
  const checked = FairSchema.safeParse(next.file);
  if (!checked.success)
    printProblems(
      into,
      checked.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
    );
  writeAtomically(into, `${JSON.stringify(next.file, null, 2)}\n`);
  console.log(
    `${imported.booths.length} booths from ${csv} (${encoding}, separator "${imported.separator === '\t' ? 'tab' : imported.separator}") now in ${into}: ${next.added.length} added, ${next.changed.length} changed, ${next.removed.length} removed.${imported.ignoredColumns.length > 0 ? `\nColumns ignored: ${imported.ignoredColumns.join(', ')}.` : ''}\nRestart (or redeploy) to apply it; tickets, counts and footfall stay.`,
  );
}

function schema(): void {
  const file = path.join(FAIRS_DIR, 'fair.schema.json');
  writeAtomically(
    file,
    `${JSON.stringify(z.toJSONSchema(FairSchema, { io: 'input', unrepresentable: 'any' }), null, 2)}\n`,
  );
  console.log(`wrote ${file}`);
}

function privacyNotice(): void {
  const option = (name: string) => {
    const at = args.indexOf(name);
    return at >= 0 ? args[at + 1] : undefined;
  };
  const hostingArg = option('--hosting') ?? 'venue';
  const region = /^aws:([a-z]{2}-[a-z]+-\d)$/.exec(hostingArg)?.[1];
  if (hostingArg !== 'venue' && !region)
    fail('--hosting is venue (the machine at the fair) or aws:<region> (aws:eu-west-3 for Paris)');
  const file = fairFileInUse();
  const result = readFairFile(file);
  if (!result.ok) printProblems(file, result.problems);
  const out = path.resolve(option('--out') ?? 'privacy-notice');
  mkdirSync(out, { recursive: true });
  const texts = privacyTexts(result.fair, region ? { kind: 'aws', region } : { kind: 'venue' });
  for (const [name, text] of Object.entries(texts)) writeAtomically(path.join(out, name), text);
  console.log(
    `Drafts for ${result.fair.localNames.fr} in ${out}:\n${Object.keys(texts)
      .map((name) => `  ${name}`)
      .join('\n')}\nComplete the parts marked [à compléter] / [يُستكمل], then file the declaration with the CNDP.`,
  );
}

if (command === 'check') check(args[0]);
else if (command === 'import-booths') importBoothsCommand();
else if (command === 'schema') schema();
else if (command === 'privacy-notice') privacyNotice();
else
  fail(
    'usage:\n  npm run fair -- check [fair.json]\n  npm run fair -- import-booths exhibitors.csv --into fair.json\n  npm run fair -- schema\n  npm run fair -- privacy-notice [--hosting venue|aws:eu-west-3] [--out dir]',
  );
