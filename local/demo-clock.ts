import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { fairDay, fairIso, zoneOf } from '../shared/domain/fair-time';
import { fairInUse } from '../shared/fair/fair-file';

/**
 * The functions' clock on this machine. When today is not a day of the demo fair, the local runtime
 * plays the fair: its clock starts at 10:00 on the fair's first day and runs at real speed. The clock is
 * kept in the data folder (`demo-clock.json`), so a restart continues the same day rather than
 * rewinding it; `npm run simulate` rewrites that file to jump to a morning and run faster, and the
 * running `npm start` follows within half a second. RAWAQ_DEMO_CLOCK=off uses the real date.
 *
 * Every function's sandbox reads the same three numbers from shared memory (function-worker.mjs puts
 * them behind `globalThis.rawaqFairClock`, which shared/commons/clock.ts asks): where fair time stood at one real
 * instant, and how fast it runs.
 */
export interface ClockState {
  /** Fair time (epoch ms) at `realAnchorMs`. */
  fairAnchorMs: number;
  realAnchorMs: number;
  /** Fair milliseconds per real millisecond. */
  speed: number;
}

export class DemoClock {
  readonly buffer = new SharedArrayBuffer(3 * Float64Array.BYTES_PER_ELEMENT);
  private readonly view = new Float64Array(this.buffer);
  private readonly listeners: (() => void)[] = [];

  constructor(state: ClockState) {
    this.apply(state);
  }

  /** Real time shifted by `offsetMs`, at real speed. */
  static offset(offsetMs: number): DemoClock {
    const real = Date.now();
    return new DemoClock({ fairAnchorMs: real + offsetMs, realAnchorMs: real, speed: 1 });
  }

  now(): number {
    const [fairAnchor = 0, realAnchor = 0, speed = 1] = this.view;
    return fairAnchor + (Date.now() - realAnchor) * speed;
  }

  get speed(): number {
    return this.view[2] ?? 1;
  }

  /** Whether the clock is the real one (no offset, real speed). */
  get isReal(): boolean {
    return this.speed === 1 && Math.abs(this.now() - Date.now()) < 1000;
  }

  state(): ClockState {
    return { fairAnchorMs: this.view[0] ?? 0, realAnchorMs: this.view[1] ?? 0, speed: this.speed };
  }

  /** Jumps to `fairMs` and runs at `speed` from now on. */
  set(fairMs: number, speed = this.speed): void {
    this.apply({ fairAnchorMs: fairMs, realAnchorMs: Date.now(), speed });
  }

  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  private apply(state: ClockState): void {
    const changed = state.speed !== this.view[2];
    this.view[0] = state.fairAnchorMs;
    this.view[1] = state.realAnchorMs;
    this.view[2] = state.speed;
    if (changed) for (const listener of this.listeners) listener();
  }
}

/** The offset that makes now `time` (opening, 10:00) on the demo fair's first day (tests, bench, samples). */
export function fairMorningOffset(time = '10:00'): number {
  const { fair } = fairInUse();
  return Date.parse(fairIso(fair.days[0] as string, time, zoneOf(fair))) - Date.now();
}

function readState(file: string): ClockState | undefined {
  try {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as Partial<ClockState> & { offsetMs?: number };
    if (typeof saved.fairAnchorMs === 'number' && typeof saved.realAnchorMs === 'number')
      return { fairAnchorMs: saved.fairAnchorMs, realAnchorMs: saved.realAnchorMs, speed: saved.speed ?? 1 };
    // Written by an earlier version: an offset at real speed.
    const offset = Number(saved.offsetMs) || 0;
    return { fairAnchorMs: Date.now() + offset, realAnchorMs: Date.now(), speed: 1 };
  } catch {
    return undefined;
  }
}

export function writeClockFile(file: string, state: ClockState): void {
  writeFileSync(file, `${JSON.stringify({ ...state, writtenAt: new Date().toISOString() }, null, 2)}\n`);
}

/** The clock kept in the data folder, or a new one: the real date on a fair day, else the fair's first morning. */
export function loadDemoClock(file: string | undefined): DemoClock {
  if (process.env.RAWAQ_DEMO_CLOCK === 'off') return DemoClock.offset(0);
  const saved = file && existsSync(file) ? readState(file) : undefined;
  if (saved) return new DemoClock(saved);
  const { fair } = fairInUse();
  const today = fairDay(new Date(), zoneOf(fair));
  const clock = DemoClock.offset(fair.days.includes(today) ? 0 : fairMorningOffset());
  if (file) writeClockFile(file, clock.state());
  return clock;
}

/** Follows changes another process (npm run simulate) makes to the clock file. Returns a stop function. */
export function followClockFile(clock: DemoClock, file: string): () => void {
  let seen = existsSync(file) ? statSync(file).mtimeMs : 0;
  const timer = setInterval(() => {
    if (!existsSync(file)) return;
    const modified = statSync(file).mtimeMs;
    if (modified === seen) return;
    seen = modified;
    const state = readState(file);
    if (state) clock.set(state.fairAnchorMs + (Date.now() - state.realAnchorMs) * state.speed, state.speed);
  }, 500);
  timer.unref();
  return () => clearInterval(timer);
}
