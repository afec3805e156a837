import { describe, expect, it } from 'vitest';
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
