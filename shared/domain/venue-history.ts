import { OUTSIDE } from './outside';

/** A gate as the venue's history needs it. */
interface Gate {
  gateId: string;
  fromZoneId: string;
}

/**
 * People inside the venue at the end of each hour, from the gates' hourly entries and exits: only the
 * gates from outside change the venue's total (a move between halls does not). The current hour is
 * the live count instead, which also absorbs anything the hourly figures cannot see.
 */
export interface GateHour {
  /** The fair-local hour: a number in the API's answer (9), the stats table's text in the store ("09"). */
  hour: number | string;
  entries: number;
  exits: number;
}

/** A gate's day as GET /v1/gates/stats gives it. */
export interface GateDay {
  gateId: string;
  entries?: number;
  exits?: number;
  refused?: number;
  /** Walk-ins counted, already inside `entries` and `exits`. */
  counted?: { entries: number; exits: number };
  byHour: GateHour[];
  /** Walk-ins counted in each of the last minutes (and left out as implausible). */
  lastMinutes?: { minute: string; in: number; out: number; flagged?: number }[];
}

export function venueByHour(
  gates: Gate[],
  stats: GateDay[],
  hours: number[],
  currentHour: number,
  liveCount: number,
): (number | null)[] {
  const outer = new Set(gates.filter((gate) => gate.fromZoneId === OUTSIDE).map((gate) => gate.gateId));
  const net = new Map<number, number>();
  for (const gate of stats) {
    if (!outer.has(gate.gateId)) continue;
    for (const entry of gate.byHour) {
      const hour = Number(entry.hour);
      net.set(hour, (net.get(hour) ?? 0) + entry.entries - entry.exits);
    }
  }
  let inside = 0;
  // Hours before the chart's first one still count toward the total.
  for (const [hour, change] of net) if (hour < (hours[0] ?? 0)) inside += change;
  return hours.map((hour) => {
    if (hour > currentHour) return null;
    inside += net.get(hour) ?? 0;
    return hour === currentHour ? liveCount : Math.max(0, inside);
  });
}

/** A paper tally sheet's window as the day report gives it: fair-local "HH:MM" times. */
export interface PaperWindow {
  gateId: string;
  from: string;
  to: string;
  in: number;
  out: number;
}

/**
 * What the paper tallies add to the venue's count at the end of each hour: the net of the windows
 * counted at gates from outside that ended by then (a window is counted at its end, as a sheet's row
 * is summed). Kept beside the live figures, never in them: during a cut the gate counted on paper only.
 */
export function paperByHour(gates: Gate[], windows: PaperWindow[], hours: number[]): number[] {
  const outer = new Set(gates.filter((gate) => gate.fromZoneId === OUTSIDE).map((gate) => gate.gateId));
  const minutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
  const counted = windows.filter((window) => outer.has(window.gateId));
  return hours.map((hour) =>
    counted
      .filter((window) => minutes(window.to) <= (hour + 1) * 60)
      .reduce((sum, window) => sum + window.in - window.out, 0),
  );
}
