import { spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeSpreadsheet, importBooths, parseCsv, withBooths } from '#shared/fair/booth-import';
import { demoFair } from '#shared/fair/demo-fair';
import { DEMO_FAIR_FILE } from '#shared/fair/fair-file';
import { removeScratch, scratchFolder } from '../support/scratch';

afterAll(removeScratch);

/** Exhibitors from a spreadsheet, as Excel in French saves it, into a fair's file. */
const FIXTURES = path.resolve(import.meta.dirname, '..', 'fixtures', 'fairs');
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name));
const ROOT = path.resolve(import.meta.dirname, '..', '..');

describe('importing booths from a spreadsheet', () => {
  it('reads a CSV saved by Excel in French: BOM, semicolons, French headers, quoted separators, Arabic names', () => {
    const { text, encoding } = decodeSpreadsheet(fixture('exposants-excel-fr.csv'));
    expect(encoding).toBe('UTF-8');
    const result = importBooths(text, demoFair);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.separator).toBe(';');
    expect(result.ignoredColumns).toEqual(['Téléphone']);
    expect(result.booths).toEqual([
      { boothId: 'A001', exhibitor: 'Coopérative Aziza Figuig', category: 'dates', zoneId: 'hall-a' },
      { boothId: 'A002', exhibitor: 'تعاونية واحة فجيج للتمور', category: 'dates', zoneId: 'hall-a' },
      { boothId: 'A003', exhibitor: 'Coopérative Zit "Al Khayr"; Guercif', category: 'olive-oil', zoneId: 'hall-a' },
      { boothId: 'B001', exhibitor: 'تعاونية الزربية تندرارة', category: 'weaving', zoneId: 'hall-b' },
      { boothId: 'B002', exhibitor: 'Coopérative Tafsut Debdou', category: 'weaving', zoneId: 'hall-b' },
    ]);
  });

  it("reads the region's attributes when the sheet has them: legal form, province, women-led, youth-led", () => {
    const text = [
      'Stand;Exposant;Catégorie;Zone;Forme juridique;Province;Femmes;Jeunes',
      'A001;Coopérative Aziza;dates;hall-a;Coopérative;Figuig;oui;non',
      'A002;تعاونية الواحة;dates;hall-a;تعاونية;وجدة أنجاد;نعم;',
      'A003;Atelier Nour;dates;hall-a;auto-entrepreneur;;;x',
      'A004;Sans critères;dates;hall-a;;;;',
    ].join('\r\n');
    const result = importBooths(text, demoFair);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.ignoredColumns).toEqual([]);
    expect(result.booths.map((booth) => booth.attributes)).toEqual([
      { legalForm: 'cooperative', province: 'Figuig', womenLed: true, youthLed: false },
      // The fair lists its provinces: a sheet's Arabic word is read as the province it names.
      { legalForm: 'cooperative', province: 'Oujda-Angad', womenLed: true },
      { legalForm: 'self-employed', youthLed: true },
      undefined,
    ]);
    const wrong = importBooths(
      [
        'Stand;Exposant;Catégorie;Zone;Forme juridique;Province;Femmes',
        'A001;Aziza;dates;hall-a;SARL;Oujda;peut-être',
      ].join('\n'),
      demoFair,
    );
    expect(wrong.ok).toBe(false);
    expect(!wrong.ok && wrong.problems[0]?.message).toMatch(
      /legal form "SARL".*province "Oujda" is not one of the fair's \(Oujda-Angad, .*\); add it.*womenLed "peut-être" is neither yes nor no/,
    );
  });

  it('reads the same file without its BOM, and one in Windows-1252 (Excel’s plain CSV)', () => {
    const withoutBom = fixture('exposants-excel-fr.csv').subarray(3);
    const plain = importBooths(decodeSpreadsheet(withoutBom).text, demoFair);
    expect(plain.ok && plain.booths).toHaveLength(5);
    const latin = decodeSpreadsheet(fixture('exposants-windows-1252.csv'));
    expect(latin.encoding).toBe('Windows-1252');
    const result = importBooths(latin.text, demoFair);
    expect(result.ok && result.booths[0]).toEqual({
      boothId: 'A001',
      exhibitor: 'Coopérative Aziza Figuig',
      category: 'dates',
      zoneId: 'hall-a',
    });
  });

  it('reports every bad row by its line, and imports nothing', () => {
    const result = importBooths(decodeSpreadsheet(fixture('exposants-erreurs.csv')).text, demoFair);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems).toEqual([
      { line: 3, message: 'booth A001 is already on line 2' },
      {
        line: 4,
        message: expect.stringMatching(
          /^booth id "A 3" may hold only letters, digits, - and _; no exhibitor name; category "olives" is not one of the fair's \(dates, .*\); add it to the file's categories first; zone "hall-c" is not one of the fair's \(venue, /,
        ),
      },
      { line: 5, message: 'no zone' },
    ]);
  });

  it('says which columns it needs when the header lacks one', () => {
    const result = importBooths('Stand;Nom\r\nA001;X\r\n', demoFair);
    expect(!result.ok && result.problems[0]?.message).toMatch(/^the header has no category, zone column/);
  });

  it('parses quoted fields across lines and keeps line numbers right after them', () => {
    const rows = parseCsv('a,b\r\n"one\r\ntwo",x\r\n3,"y ""z"""\r\n', ',');
    expect(rows).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['one\r\ntwo', 'x'] },
      { line: 4, fields: ['3', 'y "z"'] },
    ]);
  });

  it('tells what replacing the booths changes', () => {
    const next = withBooths(
      {
        booths: [
          { boothId: 'A001', exhibitor: 'X', category: 'dates', zoneId: 'hall-a' },
          { boothId: 'A009', exhibitor: 'Y', category: 'dates', zoneId: 'hall-a' },
        ],
      } as never,
      [
        { boothId: 'A001', exhibitor: 'X2', category: 'dates', zoneId: 'hall-a' },
        { boothId: 'A002', exhibitor: 'Z', category: 'dates', zoneId: 'hall-a' },
      ],
    );
    expect([next.added, next.changed, next.removed]).toEqual([['A002'], ['A001'], ['A009']]);
  });
});

describe('npm run fair', () => {
  const run = (...args: string[]) =>
    spawnSync(path.join(ROOT, 'node_modules', '.bin', 'tsx'), [path.join(ROOT, 'scripts', 'fair.ts'), ...args], {
      encoding: 'utf8',
    });

  it('imports into a copy of the demo fair, which then checks', () => {
    const fair = path.join(scratchFolder('rawaq-fair-'), 'fair.json');
    copyFileSync(DEMO_FAIR_FILE, fair);
    const imported = run('import-booths', path.join(FIXTURES, 'exposants-excel-fr.csv'), '--into', fair);
    expect(imported.status, imported.stderr).toBe(0);
    expect(imported.stdout).toMatch(
      /^5 booths from .* \(UTF-8, separator ";"\) now in .*: 0 added, 3 changed, 135 removed\./,
    );
    expect(JSON.parse(readFileSync(fair, 'utf8')).booths).toHaveLength(5);
    const checked = run('check', fair);
    expect(checked.status).toBe(0);
    expect(checked.stdout).toMatch(/a valid fair[\s\S]*5 booths/);
  });

  it('leaves the fair untouched when a row is bad, and says which', () => {
    const fair = path.join(scratchFolder('rawaq-fair-'), 'fair.json');
    copyFileSync(DEMO_FAIR_FILE, fair);
    const before = readFileSync(fair, 'utf8');
    const imported = run('import-booths', path.join(FIXTURES, 'exposants-erreurs.csv'), '--into', fair);
    expect(imported.status).toBe(1);
    expect(imported.stderr).toMatch(/3 rows to fix; .* was not changed\.\n {2}line 3: booth A001 is already on line 2/);
    expect(readFileSync(fair, 'utf8')).toBe(before);
  });

  it('checks a file and names its problems, with a failing exit', () => {
    const fair = path.join(scratchFolder('rawaq-fair-'), 'fair.json');
    const broken = JSON.parse(readFileSync(DEMO_FAIR_FILE, 'utf8'));
    broken.zones[2].capacity = -4;
    writeFileSync(fair, JSON.stringify(broken));
    const checked = run('check', fair);
    expect(checked.status).toBe(1);
    expect(checked.stderr).toContain('zones[2].capacity: must be a whole number above 0');
  });
});

describe('npm run simulate and npm run fair -- privacy-notice, from the command line', () => {
  const tsx = (script: string, ...args: string[]) =>
    spawnSync(path.join(ROOT, 'node_modules', '.bin', 'tsx'), [path.join(ROOT, 'scripts', script), ...args], {
      encoding: 'utf8',
      // No running start and no credential: --help must not need one.
      env: { ...process.env, DATA_DIR: scratchFolder('rawaq-nostart-'), RAWAQ_CREDENTIAL: '' },
    });

  it('answers --help with its options, and a wrong option with what is wrong, never a stack trace', () => {
    const help = tsx('simulate.ts', '--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('--visitors N');
    const wrong = tsx('simulate.ts', '--dayz', '2');
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toMatch(/Unknown option '--dayz'[\s\S]*--days N/);
    expect(tsx('simulate.ts', '--days', '0').stderr).toContain('--days is a whole number from 1');
    for (const run of [help, wrong]) expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('writes the privacy drafts where it is told, and refuses a hosting it does not know', () => {
    const out = scratchFolder('rawaq-privacy-');
    const written = tsx('fair.ts', 'privacy-notice', '--hosting', 'aws:eu-west-3', '--out', out);
    expect(written.status, written.stderr).toBe(0);
    expect(readFileSync(path.join(out, 'cndp-declaration.fr.md'), 'utf8')).toContain('France (Paris)');
    expect(tsx('fair.ts', 'privacy-notice', '--hosting', 'mars').status).toBe(1);
  });
});
