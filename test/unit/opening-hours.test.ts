import { describe, expect, it } from 'vitest';
import { silenceOf } from '#shared/domain/device-silence';
import { nextOpening } from '#shared/domain/opening-hours';

const day = (date: string, opens: string, closes: string) => ({
  day: date,
  opens,
  closes,
  opensAt: `${date}T${opens}:00Z`,
  closesAt: `${date}T${closes}:00Z`,
});

describe('when the fair opens next (what a FAIR_CLOSED verdict says)', () => {
  const hours = [day('2027-03-27', '10:00', '20:00'), day('2027-03-26', '10:00', '20:00')];

  it('is today’s opening before it, the next day’s after closing, none after the last day', () => {
    expect(nextOpening(hours, new Date('2027-03-26T08:30:00Z'))?.day).toBe('2027-03-26');
    expect(nextOpening(hours, new Date('2027-03-26T21:00:00Z'))).toMatchObject({ day: '2027-03-27', opens: '10:00' });
    expect(nextOpening(hours, new Date('2027-03-27T12:00:00Z'))).toBeUndefined();
  });
});

describe('a silent gate (what the alert watch and the devices table both judge)', () => {
  const hours = [day('2027-03-26', '10:00', '20:00')];
  const at = (time: string) => `2027-03-26T${time}:00.000Z`;
  const judge = (device: { page: string; lastSeenAt: string; oldestUnsentAt?: string }, now: string) =>
    silenceOf(device, hours, new Date(at(now)), 5 * 60_000);

  it('is a gate or door not heard from past the limit, or whose oldest unsent scan is that old', () => {
    expect(judge({ page: 'gate', lastSeenAt: at('11:00') }, '11:05')).toBeUndefined();
    expect(judge({ page: 'gate', lastSeenAt: at('11:00') }, '11:06')).toEqual({ since: at('11:00'), what: 'silent' });
    expect(judge({ page: 'door', lastSeenAt: at('11:05'), oldestUnsentAt: at('10:58') }, '11:06')).toEqual({
      since: at('10:58'),
      what: 'unsent',
    });
  });

  it('is never a booth’s tablet or an organiser’s page, nor a phone outside opening hours', () => {
    for (const page of ['booth', 'dashboard', 'organise', 'status'])
      expect(judge({ page, lastSeenAt: at('10:30') }, '12:00')).toBeUndefined();
    // Put away last night, or heard this morning and the fair since closed.
    expect(judge({ page: 'gate', lastSeenAt: '2027-03-25T19:00:00.000Z' }, '11:00')).toBeUndefined();
    expect(judge({ page: 'gate', lastSeenAt: at('18:00') }, '20:30')).toBeUndefined();
  });
});
