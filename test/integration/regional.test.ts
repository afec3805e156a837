import { describe, expect, it } from 'vitest';
import type { RegionalGroup as Group } from '../../shared/domain/regional';
import { api, createCredential, expectErrorBody, fairNow, issueTicket } from '../support/api-client';
import { eventually } from '../support/eventually';

/**
 * What the region's SSE reports count: exhibitors by legal form, province, women-led, youth-led and
 * product category, with their visits, leads, workshop attendance and the sales each booth declares at
 * the end of the day, published only as totals over at least three booths. Only this file and the
 * booth page's test (booth B031) declare sales: the provinces compared hold neither A050 nor B031, so
 * their totals are exact.
 */
interface Booth {
  boothId: string;
  attributes?: { legalForm?: string; province?: string };
}

const today = () => fairNow().slice(0, 10);
const groupOf = (groups: Group[], dimension: string, value: string) =>
  groups.find((group) => group.dimension === dimension && group.value === value);
const regional = async () => (await api<{ regional: Group[] }>(`/v1/reports/days/${today()}`)).body.regional;
const declare = (boothId: string, amountMad: unknown, credential?: string, day = today()) =>
  api<Record<string, unknown>>(`/v1/booths/${boothId}/sales/${day}`, {
    method: 'PUT',
    body: { amountMad },
    ...(credential ? { credential } : {}),
  });

describe("the region's figures", () => {
  it('lets a booth declare its day’s sales, and no other booth', async () => {
    const mine = await createCredential('exhibitor', { booth: 'A050' }, 'A050 phone');
    const declared = await declare('A050', 1250, mine);
    expect(declared.status).toBe(200);
    expect(declared.body).toMatchObject({ boothId: 'A050', day: today(), amountMad: 1250, by: 'A050 phone' });
    // Declared again: replaced.
    expect((await declare('A050', 1300, mine)).status).toBe(200);
    const stats = await api<{ declaredSalesMad?: number }>(`/v1/booths/A050/stats?day=${today()}`, {
      credential: mine,
    });
    expect(stats.body.declaredSalesMad).toBe(1300);
    expect((await declare('A051', 10, mine)).status).toBe(403);
    expectErrorBody((await declare('A050', -5, mine)).body, 'VALIDATION_FAILED');
    expectErrorBody((await declare('A050', 12.5, mine)).body, 'VALIDATION_FAILED');
    expectErrorBody((await declare('A050', '900', mine)).body, 'VALIDATION_FAILED');
    // A day of the fair not begun yet, a day not of the fair, a day that is no day.
    const { body: fair } = await api<{ days: string[] }>('/v1/fair');
    const later = fair.days.find((day) => day > today()) as string;
    expect(expectErrorBody((await declare('A050', 10, mine, later)).body, 'VALIDATION_FAILED').details[0]?.path).toBe(
      'day',
    );
    expectErrorBody((await declare('A050', 10, mine, '2026-01-01')).body, 'VALIDATION_FAILED');
    expectErrorBody((await declare('A050', 10, mine, 'yesterday')).body, 'VALIDATION_FAILED');
    expectErrorBody((await declare('Z999', 10)).body, 'NOT_FOUND');
  });

  it('groups the booths by the file’s attributes, and publishes sales only over three booths or more', async () => {
    const { body: fair } = await api<{ booths: Booth[] }>('/v1/fair');
    const byProvince = new Map<string, Booth[]>();
    for (const booth of fair.booths) {
      const province = booth.attributes?.province ?? 'unknown';
      byProvince.set(province, [...(byProvince.get(province) ?? []), booth]);
    }
    const [three, two] = [...byProvince]
      .filter(([province]) => province !== 'unknown')
      .filter(([, booths]) => !booths.some((booth) => ['A050', 'B031'].includes(booth.boothId)));
    if (!three || !two) throw new Error('the demo fair has booths in several provinces');
    for (const [index, booth] of three[1].slice(0, 3).entries()) await declare(booth.boothId, 1000 * (index + 1));
    for (const booth of two[1].slice(0, 2)) await declare(booth.boothId, 700);
    const groups = await regional();
    expect(groupOf(groups, 'province', three[0])).toMatchObject({
      booths: three[1].length,
      salesBooths: 3,
      salesMad: 6000,
    });
    // Two booths' total would be their own figures: withheld.
    expect(groupOf(groups, 'province', two[0])).toMatchObject({ booths: two[1].length, salesBooths: 2 });
    expect(groupOf(groups, 'province', two[0])?.salesMad).toBeUndefined();
    // Every dimension covers every booth once.
    for (const dimension of ['legalForm', 'province', 'womenLed', 'youthLed', 'category'])
      expect(
        groups.filter((group) => group.dimension === dimension).reduce((sum, group) => sum + group.booths, 0),
      ).toBe(fair.booths.length);
    const cooperatives = fair.booths.filter((booth) => booth.attributes?.legalForm === 'cooperative').length;
    expect(groupOf(groups, 'legalForm', 'cooperative')?.booths).toBe(cooperatives);
    // The whole fair's report carries the same groups.
    const whole = (await api<{ regional: Group[] }>('/v1/reports/fair')).body.regional;
    expect(groupOf(whole, 'province', three[0])?.salesMad).toBe(6000);
  });

  it("counts a booth's lead and an exhibitor's workshop attendance in its groups", async () => {
    const boothId = 'A052';
    const { body: fair } = await api<{ booths: Booth[] }>('/v1/fair');
    const province = fair.booths.find((booth) => booth.boothId === boothId)?.attributes?.province ?? 'unknown';
    const before = groupOf(await regional(), 'province', province) as Group;
    // A visitor leaves their number from the booth's poster, with their yes: a lead.
    const lead = await api(`/v1/booths/${boothId}/interest`, {
      body: { phoneId: crypto.randomUUID(), contact: { phone: '0612121212' }, consent: true, wording: 'poster-1-fr' },
      credential: null,
    });
    expect(lead.status).toBe(200);
    // The booth's own exhibitor attends a workshop.
    const exhibitor = await issueTicket({ category: 'exhibitor', boothId });
    const workshop = await api<{ workshopId: string }>('/v1/workshops', {
      body: {
        title: 'Regional test',
        startsAt: new Date(Date.parse(fairNow()) - 5 * 60_000).toISOString(),
        endsAt: new Date(Date.parse(fairNow()) + 60 * 60_000).toISOString(),
        capacity: 4,
        registrationRequired: false,
      },
    });
    const door = await api<{ verdict: string }>(`/v1/workshops/${workshop.body.workshopId}/admissions`, {
      body: { scanId: crypto.randomUUID(), token: exhibitor.token },
    });
    expect(door.body.verdict).toBe('ADMITTED');
    const after = await eventually('the lead and the attendance in the province', async () => {
      const group = groupOf(await regional(), 'province', province) as Group;
      return group.leads >= before.leads + 1 && group.workshopAttendance >= before.workshopAttendance + 1
        ? group
        : undefined;
    });
    expect(after.booths).toBe(before.booths);
  });
});
