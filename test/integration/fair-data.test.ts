import { describe, expect, it } from 'vitest';
import { api, expectErrorBody, fairNow } from '../support/api-client';

/** The fair's own data through the API: names in three languages, its offsets, the zone data the functions run on. */
interface FairAnswer {
  localNames: { ar: string; fr: string; en: string };
  utcOffsets: Record<string, string>;
  days: string[];
  timeZoneData: { version: string; pinnedByFile: boolean; agreesWithFile: boolean | null };
  categories: { categoryId: string; names: { ar: string } }[];
  zones: { zoneId: string; name: string; names: { ar: string; fr: string; en: string } }[];
  gates: { gateId: string; names: { ar: string } }[];
  workshops: { workshopId: string; title: string; titles: { ar: string; fr: string } }[];
}

describe("the fair's data", () => {
  it('gives every name in Arabic, French and English, and the day offsets the pages convert with', async () => {
    const { body } = await api<FairAnswer>('/v1/fair');
    expect(body.localNames.ar).toBe('المعرض الجهوي للاقتصاد الاجتماعي والتضامني - الدورة الثالثة');
    expect(Object.keys(body.utcOffsets)).toEqual(body.days);
    expect(new Set(Object.values(body.utcOffsets))).toEqual(new Set(['+00:00']));
    expect(body.timeZoneData).toMatchObject({ pinnedByFile: true, agreesWithFile: true });
    expect(body.timeZoneData.version).toMatch(/^20\d\d[a-z]$/);
    expect(body.zones.find((zone) => zone.zoneId === 'seminar-hall')).toMatchObject({
      name: 'Seminar hall',
      names: { ar: 'قاعة الندوات', fr: 'Salle des conférences', en: 'Seminar hall' },
    });
    expect(body.gates.find((gate) => gate.gateId === 'main')?.names.ar).toBe('المدخل الرئيسي (البهو)');
    expect(body.categories.find((category) => category.categoryId === 'honey')?.names.ar).toBe('العسل');
    expect(body.workshops.find((item) => item.workshopId === 'seminar-2')?.titles.ar).toBe(
      'الاقتصاد الأزرق وأهداف التنمية المستدامة بجهة الشرق',
    );
    const occupancy = await api<{ zones: { zoneId: string; names?: { fr: string } }[] }>('/v1/occupancy');
    expect(occupancy.body.zones.find((zone) => zone.zoneId === 'hall-b')?.names?.fr).toBe(
      'Hall B : artisanat, textile et institutions',
    );
  });

  it('takes a workshop’s title in several languages, and refuses a zone that does not exist', async () => {
    const at = (minutes: number) => new Date(Date.parse(fairNow()) + minutes * 60_000).toISOString();
    const created = await api<{ workshopId: string; titles: Record<string, string> }>('/v1/workshops', {
      body: {
        title: 'Natural dyes',
        titles: { ar: 'الأصباغ الطبيعية', fr: 'Teintures naturelles' },
        startsAt: at(60),
        endsAt: at(120),
        capacity: 10,
        registrationRequired: false,
        zoneId: 'room-2',
      },
    });
    expect(created.status).toBe(201);
    expect(created.body.titles).toEqual({ ar: 'الأصباغ الطبيعية', fr: 'Teintures naturelles', en: 'Natural dyes' });
    const patched = await api<{ titles: Record<string, string>; editedFields: string[] }>(
      `/v1/workshops/${created.body.workshopId}`,
      { method: 'PATCH', body: { title: 'Plant dyes', capacity: 12 } },
    );
    expect(patched.body.titles).toEqual({ ar: 'الأصباغ الطبيعية', fr: 'Teintures naturelles', en: 'Plant dyes' });
    expect(patched.body.editedFields).toEqual(['capacity', 'title', 'titles']);
    const nowhere = await api('/v1/workshops', {
      body: {
        title: 'X',
        startsAt: at(60),
        endsAt: at(120),
        capacity: 10,
        registrationRequired: false,
        zoneId: 'room-9',
      },
    });
    expect(nowhere.status).toBe(400);
    expect(expectErrorBody(nowhere.body, 'VALIDATION_FAILED').details).toEqual([
      { path: 'zoneId', message: 'no zone room-9' },
    ]);
    const emptyTitle = await api('/v1/workshops', {
      body: {
        title: 'X',
        titles: { ar: '' },
        startsAt: at(60),
        endsAt: at(120),
        capacity: 10,
        registrationRequired: false,
      },
    });
    expect(emptyTitle.status).toBe(400);
    // A time with 100,000 fraction digits (it once became an index key over DynamoDB's limit: 500), or
    // in another century: 400 naming the field, on creation, on change and at a gate.
    const endless = `${at(60).slice(0, 19)}.${'1'.repeat(100_000)}Z`;
    const odd = await api('/v1/workshops', {
      body: {
        title: 'X',
        startsAt: endless,
        endsAt: at(120),
        capacity: 10,
        registrationRequired: false,
        zoneId: 'room-2',
      },
    });
    expect(odd.status).toBe(400);
    expect(expectErrorBody(odd.body, 'VALIDATION_FAILED').details.map((detail) => detail.path)).toEqual(['startsAt']);
    const moved = await api(`/v1/workshops/${created.body.workshopId}`, {
      method: 'PATCH',
      body: { startsAt: '1970-01-01T00:00:00Z' },
    });
    expect(moved.status).toBe(400);
    const scanned = await api('/v1/scans', {
      body: {
        scanId: crypto.randomUUID(),
        token: 'x',
        gateId: 'main',
        direction: 'in',
        scannedAt: endless,
        deviceId: 'd',
      },
    });
    expect(scanned.status).toBe(400);
  });
});
