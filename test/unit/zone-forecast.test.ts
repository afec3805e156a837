import { describe, expect, it } from 'vitest';
import { forecast, withTrend, type ZoneLive } from '#shared/domain/zone-session';

/** Where a zone is heading: the rate it fills at over the last minutes, and when it would be full. */
const rule = { capacity: 300, thresholds: { full: 1 } };
const zone = (count: number): ZoneLive => ({
  count,
  ticketed: 0,
  counted: count,
  day: '2027-03-27',
  level: 'normal',
  levelVersion: 0,
});
const at = (time: string) => `2027-03-27T${time}:00.000Z`;

describe('a zone’s forecast', () => {
  it('says +10 a minute, full in 10 minutes, for 100 more people in the last ten minutes', () => {
    let live = withTrend(zone(100), at('10:00'));
    live = withTrend({ ...live, count: 150 }, at('10:05'));
    live = withTrend({ ...live, count: 200 }, at('10:10'));
    expect(forecast(live, rule, new Date(at('10:10')))).toEqual({ perMinute: 10, fullInMinutes: 10 });
  });

  it('keeps one sample a minute and forgets the old ones, and starts afresh on a new day', () => {
    let live = zone(0);
    for (let minute = 0; minute < 40; minute += 1)
      live = withTrend({ ...live, count: minute }, `2027-03-27T10:${String(minute).padStart(2, '0')}:30.000Z`);
    live = withTrend({ ...live, count: 40 }, at('10:39'));
    expect(live.trend?.samples.length).toBeLessThanOrEqual(16);
    expect(live.trend?.samples.at(-1)).toEqual({ at: at('10:39'), count: 40 });
    const tomorrow = withTrend({ ...live, day: '2027-03-28', count: 3 }, '2027-03-28T10:00:00.000Z');
    expect(tomorrow.trend?.samples).toEqual([{ at: '2027-03-28T10:00:00.000Z', count: 3 }]);
  });

  it('says nothing of when a zone that is emptying or steady would be full', () => {
    let live = withTrend(zone(250), at('10:00'));
    live = withTrend({ ...live, count: 200 }, at('10:10'));
    expect(forecast(live, rule, new Date(at('10:10')))).toEqual({ perMinute: -5 });
    const steady = withTrend(withTrend(zone(120), at('10:00')), at('10:10'));
    expect(forecast(steady, rule, new Date(at('10:10')))).toEqual({ perMinute: 0 });
    expect(forecast(zone(10), rule, new Date(at('10:10')))).toBeUndefined();
  });
});
