import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fairDay, zonedIso } from '../shared/domain/fair-time';
import { demoFair } from '../shared/fair/demo-fair';

/**
 * When today is not a day of the demo fair, the local runtime plays the fair: its clock starts at
 * 10:00 on the fair's first day and runs at real speed. The offset is kept in the data folder so a
 * restart continues the same day rather than rewinding it. RAWAQ_DEMO_CLOCK=off uses the real date.
 */
/** The offset that makes now 10:00 on the demo fair's first day (tests, bench, sample capture). */
export function fairMorningOffset(): number {
  return Date.parse(zonedIso(demoFair.days[0] as string, '10:00', demoFair.timezone)) - Date.now();
}

export function demoClockOffset(file: string | undefined): number {
  if (process.env.RAWAQ_DEMO_CLOCK === 'off') return 0;
  if (file && existsSync(file)) return Number(JSON.parse(readFileSync(file, 'utf8')).offsetMs) || 0;
  const today = fairDay(new Date(), demoFair.timezone);
  const offsetMs = demoFair.days.includes(today) ? 0 : fairMorningOffset();
  if (file) writeFileSync(file, JSON.stringify({ offsetMs, startedAt: new Date().toISOString() }));
  return offsetMs;
}
