import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { FairSchema } from '#shared/domain/fair';
import { fairZone, utcOffsetsOf, zoneDatabaseDisagreements } from '#shared/domain/fair-time';
import { namesOf } from '#shared/domain/names';
import { DEMO_FAIR_FILE, FAIRS_DIR, parseFair, readFairFile } from '#shared/fair/fair-file';
import { removeScratch, scratchFolder } from '../support/scratch';

afterAll(removeScratch);

/** A fair is a file: the demo fair's, and every way a file can be wrong, reported at once with where. */
const demoJson = () => JSON.parse(readFileSync(DEMO_FAIR_FILE, 'utf8'));

/** A programme item of the minimal fair, given its times by each case. */
const workshop = { workshopId: 'w', kind: 'workshop', title: 'W', zoneId: 'site', day: '2027-05-02', capacity: 5 };

const minimal = () => ({
  fairId: 'tiny-fair',
  name: { fr: 'Petit salon' },
  timezone: 'Africa/Casablanca',
  days: ['2027-05-02'],
  zones: [{ zoneId: 'site', name: 'Site', capacity: 300, areaM2: 500, capacityBasis: '500 m² / 1.5' }],
});

const problems = (value: unknown) => {
  const result = parseFair(value);
  if (result.ok) throw new Error('expected problems');
  return result.problems.map((problem) => `${problem.path}: ${problem.message}`);
};

describe("a fair's file", () => {
  it('prints badges in Arabic and French unless it says otherwise, a logo only as a small image, a Wi-Fi name', () => {
    const base = parseFair(minimal());
    if (!base.ok) throw new Error(JSON.stringify(base.problems));
    expect(base.fair.badgeLanguages).toEqual(['ar', 'fr']);
    expect(base.fair.logo).toBeUndefined();
    const svg = `data:image/svg+xml;base64,${Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>').toString('base64')}`;
    const chosen = parseFair({ ...minimal(), badgeLanguages: ['fr'], logo: svg });
    if (!chosen.ok) throw new Error(JSON.stringify(chosen.problems));
    expect(chosen.fair).toMatchObject({ badgeLanguages: ['fr'], logo: svg });
    expect(problems({ ...minimal(), badgeLanguages: ['ar', 'ar'] })).toEqual(['badgeLanguages: each language once']);
    expect(problems({ ...minimal(), badgeLanguages: ['ar', 'fr', 'en'] })[0]).toMatch(/^badgeLanguages:/);
    expect(problems({ ...minimal(), logo: 'https://example.org/logo.png' })[0]).toMatch(/^logo: a data URL/);
    expect(problems({ ...minimal(), venueWifiName: 'x'.repeat(33) })).toEqual([
      'venueWifiName: a Wi-Fi network name is at most 32 characters',
    ]);
    expect(problems({ ...minimal(), logo: 'data:text/html;base64,PGI+' })[0]).toMatch(/^logo: a data URL/);
    expect(problems({ ...minimal(), logo: `data:image/png;base64,${'A'.repeat(100_000)}` })[0]).toMatch(
      /^logo: a logo of at most 96 KB/,
    );
  });

  it('holds the demo fair: 140 booths, the three seminars with the announcement’s Arabic titles, names in three languages', () => {
    const result = readFairFile(DEMO_FAIR_FILE);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const { fair } = result;
    expect(fair.booths).toHaveLength(140);
    // The announcement the demo fair cites, kept in the repository: a test never reads outside it.
    const seed = readFileSync(
      path.join(FAIRS_DIR, '..', 'test', 'fixtures', 'seed', 'fair-announcement-ar.txt'),
      'utf8',
    );
    const seminars = fair.workshops.filter((item) => item.kind === 'seminar');
    expect(seminars).toHaveLength(3);
    for (const seminar of seminars) expect(seed).toContain(seminar.titles?.ar);
    // Every province a booth names is listed, with its Arabic word for the reports' tables.
    expect(fair.provinces.map((province) => province.provinceId).sort()).toEqual(
      [...new Set(fair.booths.map((booth) => booth.attributes?.province))].sort(),
    );
    for (const named of [...fair.zones, ...fair.gates, ...fair.categories, ...fair.provinces]) {
      expect(named.names?.ar).toMatch(/[\u0600-\u06ff]/);
      expect(named.names?.fr).toBeTruthy();
    }
    expect(fair.localNames.ar).toMatch(/[\u0600-\u06ff]/);
  });

  it('turns programme times written as the fair’s clock into instants with the offsets the file pins', () => {
    const result = parseFair({
      ...minimal(),
      utcOffsets: '+00:00',
      programme: [
        {
          workshopId: 'talk',
          kind: 'seminar',
          title: { ar: 'ندوة' },
          zoneId: 'site',
          day: '2027-05-02',
          starts: '11:00',
          ends: '12:30',
          capacity: 50,
        },
      ],
    });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.fair.workshops[0]).toMatchObject({
      startsAt: '2027-05-02T11:00:00+00:00',
      endsAt: '2027-05-02T12:30:00+00:00',
      title: 'ندوة',
      titles: { ar: 'ندوة', fr: 'ندوة', en: 'ندوة' },
      registrationRequired: false,
    });
    expect(result.fair.utcOffsets).toEqual({ '2027-05-02': '+00:00' });
    expect(result.fair.zones[0]).toMatchObject({ name: 'Site', names: { ar: 'Site', fr: 'Site', en: 'Site' } });
  });

  it('reports a wrong value with its path and in words, all problems at once, references included', () => {
    const fair = demoJson();
    fair.zones[3].capacity = 2.5;
    fair.zones[0].capcity = 3;
    fair.gates[0].zoneId = 'nowhere';
    fair.booths[2].category = 'olives';
    fair.programme[0].day = '2027-04-01';
    fair.booths[5].boothId = fair.booths[4].boothId;
    fair.booths[7].attributes.province = 'Oujda';
    fair.provinces.push({ ...fair.provinces[0] });
    expect(problems(fair)).toEqual([
      'zones[0]: Unrecognized key: "capcity"',
      'zones[3].capacity: must be a whole number above 0',
      'provinces[8].provinceId: Oujda-Angad is already provinces[0]',
      `booths[5].boothId: ${fair.booths[4].boothId} is already booths[4]`,
      'gates[0].zoneId: no zone nowhere',
      expect.stringMatching(/^booths\[2\]\.category: no category olives \(the fair's: dates, olive-oil/),
      expect.stringMatching(/^booths\[7\]\.attributes\.province: no province Oujda \(the fair's: Oujda-Angad, Berkane/),
      "programme[0].day: 2027-04-01 is not one of the fair's days",
    ]);
  });

  it.each([
    [
      'two venues',
      (f: ReturnType<typeof minimal>) => f.zones.push({ ...f.zones[0], zoneId: 'other' } as never),
      /zones: exactly one zone is the venue/,
    ],
    [
      'zones in a loop',
      (f: ReturnType<typeof minimal>) => {
        f.zones.push(
          { ...f.zones[0], zoneId: 'a', parentId: 'b' } as never,
          { ...f.zones[0], zoneId: 'b', parentId: 'a' } as never,
        );
      },
      /zones\[1\]\.parentId: zones nest in a loop/,
    ],
    [
      'a zone database name that is not one',
      (f: ReturnType<typeof minimal>) => Object.assign(f, { timezone: 'Morocco/Oujda' }),
      /timezone: Morocco\/Oujda is not a time zone/,
    ],
    [
      'days out of order',
      (f: ReturnType<typeof minimal>) => Object.assign(f, { days: ['2027-05-02', '2027-05-01'] }),
      /days\[1\]: days are listed once each, in order/,
    ],
    [
      'an offset missing a day',
      (f: ReturnType<typeof minimal>) =>
        Object.assign(f, { days: ['2027-05-01', '2027-05-02'], utcOffsets: { '2027-05-01': '+00:00' } }),
      /utcOffsets: no offset for 2027-05-02/,
    ],
    [
      'an offset that is not one',
      (f: ReturnType<typeof minimal>) => Object.assign(f, { utcOffsets: '+1' }),
      /utcOffsets: /,
    ],
    ['a name in no language', (f: ReturnType<typeof minimal>) => Object.assign(f, { name: {} }), /name: /],
    [
      'a programme item with both kinds of time',
      (f: ReturnType<typeof minimal>) =>
        Object.assign(f, {
          programme: [
            {
              ...workshop,
              starts: '10:00',
              ends: '11:00',
              startsAt: '2027-05-02T10:00:00Z',
              endsAt: '2027-05-02T11:00:00Z',
            },
          ],
        }),
      /programme\[0\]: give either day, starts and ends/,
    ],
    [
      'a programme item that ends before it starts',
      (f: ReturnType<typeof minimal>) =>
        Object.assign(f, {
          programme: [{ ...workshop, starts: '12:00', ends: '11:00' }],
        }),
      /programme\[0\]\.ends: ends after it starts/,
    ],
    [
      'a gate that goes nowhere new',
      (f: ReturnType<typeof minimal>) =>
        Object.assign(f, { gates: [{ gateId: 'g', name: 'G', zoneId: 'site', fromZoneId: 'site' }] }),
      /gates\[0\]\.fromZoneId: a gate joins two different places/,
    ],
  ])('refuses %s', (_label, change, expected) => {
    const fair = minimal();
    change(fair);
    expect(problems(fair).join('\n')).toMatch(expected);
  });

  it('says where a file is not JSON', () => {
    const file = path.join(scratchFolder('rawaq-fair-'), 'fair.json');
    writeFileSync(file, '{\n  "fairId": "x",\n  "days": [,]\n}\n');
    const result = readFairFile(file);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems[0]?.path).toBe('line 3, column 12');
  });

  it('keeps fairs/fair.schema.json (for editors) in step with the schema: `npm run fair -- schema` rewrites it', () => {
    const committed = JSON.parse(readFileSync(path.join(FAIRS_DIR, 'fair.schema.json'), 'utf8'));
    expect(committed).toEqual(
      JSON.parse(JSON.stringify(z.toJSONSchema(FairSchema, { io: 'input', unrepresentable: 'any' }))),
    );
  });
});

describe('names in three languages', () => {
  it('falls back to a given name: Arabic to French to English, French to English to Arabic', () => {
    expect(namesOf({ fr: 'Salle' })).toEqual({ ar: 'Salle', fr: 'Salle', en: 'Salle' });
    expect(namesOf({ ar: 'قاعة', en: 'Hall' })).toEqual({ ar: 'قاعة', fr: 'Hall', en: 'Hall' });
    expect(namesOf({ ar: 'قاعة' })).toEqual({ ar: 'قاعة', fr: 'قاعة', en: 'قاعة' });
    expect(namesOf('Hall')).toEqual({ ar: 'Hall', fr: 'Hall', en: 'Hall' });
  });
});

describe('offsets pinned by the file', () => {
  it('decides every conversion, whatever this runtime’s zone data says', () => {
    // Forced to differ from any zone database: +02:00 in Casablanca.
    const zone = fairZone('Africa/Casablanca', { '2027-03-26': '+02:00', '2027-03-27': '+02:00' });
    expect(utcOffsetsOf(['2027-03-26'], zone)).toEqual({ '2027-03-26': '+02:00' });
    const disagreements = zoneDatabaseDisagreements({ '2027-03-26': '+02:00' }, 'Africa/Casablanca');
    expect(disagreements).toEqual([{ day: '2027-03-26', confirmed: '+02:00', zoneDatabase: '+00:00' }]);
  });

  it('agrees with the zone data this runtime carries (tz 2026c: Morocco on UTC+00 all year)', () => {
    expect(process.versions.tz).toBeDefined();
    expect(zoneDatabaseDisagreements({ '2027-03-26': '+00:00', '2027-03-31': '+00:00' }, 'Africa/Casablanca')).toEqual(
      [],
    );
  });
});
