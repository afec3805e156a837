import { describe, expect, it } from 'vitest';
import { sweptAtClosing } from '../../scripts/simulate/model';

/** How `npm run simulate` knows a day's scheduled closing has run, before it reads the day's report. */
describe("the simulator's wait for a day's closing", () => {
  const day = '2027-03-26';
  const closedAlert = { kind: 'dayClosed', day, sweptOut: 7 };

  it('sees the closing once the venue is closed and empty, and the day has its dayClosed alert', () => {
    const venue = { count: 0, closed: true };
    expect(sweptAtClosing(day, { occupancy: { day, venue }, alerts: [closedAlert] })).toBe(7);
    expect(sweptAtClosing(day, { occupancy: { day, venue }, alerts: [] })).toBeUndefined();
    const otherDay = { ...closedAlert, day: '2027-03-25' };
    expect(sweptAtClosing(day, { occupancy: { day, venue }, alerts: [otherDay] })).toBeUndefined();
    const crowded = { count: 3, closed: true };
    expect(sweptAtClosing(day, { occupancy: { day, venue: crowded }, alerts: [closedAlert] })).toBeUndefined();
  });

  it('waits while the venue is open on the same day', () => {
    const open = { count: 0, closed: false };
    expect(sweptAtClosing(day, { occupancy: { day, venue: open }, alerts: [closedAlert] })).toBeUndefined();
  });

  it('sees it when the fair clock has passed midnight, where the venue open is the next day', () => {
    const nextMorning = { day: '2027-03-27', venue: { count: 0, closed: false } };
    expect(sweptAtClosing(day, { occupancy: nextMorning, alerts: [closedAlert] })).toBe(7);
    expect(sweptAtClosing(day, { occupancy: nextMorning, alerts: [] })).toBeUndefined();
  });
});
