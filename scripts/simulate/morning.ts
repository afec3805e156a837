/**
 * A fair day's morning before the public opens: exhibitors come in through the service gate from their
 * own opening, a visitor who came too early is turned away, a journalist is let in by a supervisor's
 * override, a technical incident is logged, and on the drill day the venue is evacuated and its roll
 * call followed to empty before the exhibitors come back. What the day's report must then show.
 */
import { request, setClock, sleep } from './api';
import { type Fair, pick, random } from './model';

type Verdict = { verdict: string };

export interface Morning {
  /** Entries scanned in the morning (re-entries after the drill included). */
  entries: number;
  /** Distinct tickets admitted in the morning. */
  holders: number;
  /** Still inside at the public opening. */
  inside: number;
  /** The ones still inside, to let out at closing. */
  insideTokens: string[];
  /** Morning entries refused by a verdict the rules did not call for. */
  refused: Map<string, number>;
  /** What the early visitor was told (FAIR_CLOSED expected). */
  earlyVisitor: string;
  overrides: number;
  incidents: number;
  /** The venue's count when the exhibitors' morning began (the closing left it at 0). */
  startCount: number;
  /**
   * The drill, when there was one: who was inside, how many the roll call named then and after
   * everyone went out, in how many fair minutes, and what an entry was told meanwhile.
   */
  drill?: {
    insideAtStart: number;
    rollCall: number;
    leftOnRollCall: number;
    emptiedInMinutes: number;
    refusedEntry: string;
  };
}

export interface MorningPeople {
  exhibitors: string[];
  press: string;
  earlyVisitor: string;
}

/** One exhibitor ticket a booth (up to a tenth of the crowd), one press ticket, one visitor who comes early. */
export async function morningPeople(fair: Fair, visitors: number): Promise<MorningPeople> {
  const exhibitors = Math.max(5, Math.min(fair.booths.length, Math.round(visitors / 10)));
  const issued = await request<{ tickets: { token: string }[] }>('/v1/tickets/batch', {
    tickets: [
      ...Array.from({ length: exhibitors }, () => ({ category: 'exhibitor' })),
      { category: 'press' },
      { category: 'visitor' },
    ],
  });
  const tokens = issued.tickets.map((ticket) => ticket.token);
  return {
    exhibitors: tokens.slice(0, exhibitors),
    press: tokens[exhibitors] ?? '',
    earlyVisitor: tokens.at(-1) ?? '',
  };
}

/** The morning's clock and gate: each step at its own fair time, the scans stamped with it. */
class MorningClock {
  private phase: { fairMs: number; realMs: number; speed: number };

  constructor(private readonly start: number) {
    this.phase = { fairMs: start, realMs: Date.now(), speed: 1 };
  }

  /** The demo clock set to this fair minute of the morning, running at `speed`. */
  async play(fairMinute: number, speed: number): Promise<void> {
    const realMs = await setClock(this.start + fairMinute * 60_000, speed);
    this.phase = { fairMs: this.start + fairMinute * 60_000, realMs, speed };
  }

  minute(): number {
    return (this.phase.fairMs - this.start + (Date.now() - this.phase.realMs) * this.phase.speed) / 60_000;
  }

  until(minute: number): Promise<unknown> {
    return sleep(Math.max(0, ((minute - this.minute()) * 60_000) / this.phase.speed));
  }

  async scan(token: string, gateId: string, direction: 'in' | 'out', override?: string): Promise<string> {
    const scannedAt = new Date(this.start + this.minute() * 60_000).toISOString();
    const body = { scanId: crypto.randomUUID(), token, gateId, direction, scannedAt, deviceId: `gate-${gateId}` };
    return (await request<Verdict>('/v1/scans', { ...body, ...(override ? { override: { reason: override } } : {}) }))
      .verdict;
  }
}

/** Who came in during the morning, who is still inside, and what was refused. */
class MorningCrowd {
  readonly refused = new Map<string, number>();
  readonly inside = new Set<string>();
  readonly admitted = new Set<string>();
  entries = 0;

  /** A verdict at the entrance: counted in when admitted, else kept as a refusal. */
  took(token: string, verdict: string): boolean {
    if (verdict !== 'ADMITTED') {
      this.refused.set(verdict, (this.refused.get(verdict) ?? 0) + 1);
      return false;
    }
    this.entries += 1;
    this.admitted.add(token);
    this.inside.add(token);
    return true;
  }
}

/** Polls the roll call until `done` says its count is the one awaited (at most 5 s), answering the last count. */
async function rollCallUntil(evacuationId: string, done: (named: number) => boolean): Promise<number> {
  const rollCall = async () =>
    (await request<{ inside: unknown[] }>(`/v1/evacuations/${evacuationId}/roll-call`)).inside.length;
  let named = await rollCall();
  for (let attempt = 0; attempt < 50 && !done(named); attempt += 1) {
    await sleep(100);
    named = await rollCall();
  }
  return named;
}

/**
 * The drill at the middle of the exhibitors' hours, at ten times real speed: the venue evacuated, the
 * late exhibitor refused meanwhile, everyone out through the two main doors, the roll call followed to
 * empty, the end, and everyone back (the late one with them).
 */
async function playDrill(
  clock: MorningClock,
  crowd: MorningCrowd,
  people: MorningPeople,
  drill: { late: string; gate: string; minutes: number },
): Promise<NonNullable<Morning['drill']>> {
  await clock.play(drill.minutes * 0.5, 10);
  // Words an organiser types are shown as typed on every page, whatever its language: Oujda's write in
  // French (the drill's reason, the press's override, the incident), not in English.
  const evacuation = await request<{ evacuationId: string }>('/v1/evacuations', {
    reason: "Exercice d'évacuation avant l'ouverture (simulation)",
  });
  const drillStart = clock.minute();
  const insideAtStart = crowd.inside.size;
  const refusedEntry = await clock.scan(drill.late, drill.gate, 'in');
  const rollCall = await rollCallUntil(evacuation.evacuationId, (named) => named === insideAtStart);
  await Promise.all(
    [...crowd.inside].map(async (token) => {
      if ((await clock.scan(token, pick(['main', 'east']), 'out')) === 'EXITED') crowd.inside.delete(token);
    }),
  );
  const leftOnRollCall = await rollCallUntil(evacuation.evacuationId, (left) => left === 0);
  const emptiedInMinutes = Math.round(clock.minute() - drillStart);
  await request(`/v1/evacuations/${evacuation.evacuationId}/end`, {});
  await Promise.all(
    people.exhibitors
      .filter((token) => !crowd.inside.has(token))
      .map(async (token) => crowd.took(token, await clock.scan(token, drill.gate, 'in'))),
  );
  return { insideAtStart, rollCall, leftOnRollCall, emptiedInMinutes, refusedEntry };
}

/** The exhibitors' hours and gate on a day, and the minutes before the public comes. */
function exhibitorsMorning(fair: Fair, day: string) {
  const publicHours = fair.hours.find((hours) => hours.day === day);
  const rule = fair.access.find((candidate) => candidate.category === 'exhibitor');
  const exhibitorsOpen = rule?.hours.find((hours) => hours.day === day)?.opensAt;
  if (!publicHours || !exhibitorsOpen) throw new Error(`the fair gives no exhibitors' hours for ${day}`);
  const start = Date.parse(exhibitorsOpen);
  const minutes = (Date.parse(publicHours.opensAt) - start) / 60_000;
  if (minutes <= 30) throw new Error(`exhibitors open only ${minutes} minutes before the public on ${day}`);
  return { start, minutes, gate: rule?.gates?.includes('service') ? 'service' : (rule?.gates?.[0] ?? 'main') };
}

/**
 * Each step of the morning is played at its own fair time, the clock set there first (and slow), so a
 * busy machine cannot let the public's opening overtake the morning: the arrivals over the first part
 * of the exhibitors' hours at speed, the drill at their middle at ten times real speed (its minutes are
 * fair minutes), the early visitor and the journalist a quarter of an hour before the public.
 */
export async function playMorning(
  fair: Fair,
  day: string,
  people: MorningPeople,
  options: { realMs: number; drill: boolean },
): Promise<Morning> {
  const { start, minutes, gate } = exhibitorsMorning(fair, day);
  const clock = new MorningClock(start);
  const crowd = new MorningCrowd();
  await clock.play(0, 1);
  const startCount = (await request<{ venue: { count: number } }>('/v1/occupancy')).venue.count;
  // The exhibitors arrive over the first 40 % of their hours; on the drill day the last one comes
  // during the drill.
  const late = options.drill ? people.exhibitors.at(-1) : undefined;
  const arrivalMinutes = minutes * 0.4;
  await clock.play(1, (arrivalMinutes * 60_000) / options.realMs);
  await Promise.all(
    people.exhibitors
      .filter((token) => token !== late)
      .map(async (token) => {
        await clock.until(1 + random() * (arrivalMinutes - 2));
        crowd.took(token, await clock.scan(token, gate, 'in'));
      }),
  );
  const drill = late ? await playDrill(clock, crowd, people, { late, gate, minutes }) : undefined;
  // A quarter of an hour before the public: a visitor too early, and a journalist the supervisor lets in.
  await clock.play(minutes - 15, 1);
  const earlyVisitor = await clock.scan(people.earlyVisitor, 'main', 'in');
  const press = await clock.scan(people.press, 'main', 'in', 'Avant-première presse convenue avec les organisateurs');
  const overrides = crowd.took(people.press, press) ? 1 : 0;
  await request('/v1/incidents', {
    kind: 'technical',
    zoneId: fair.zones.find((zone) => zone.parentId)?.zoneId ?? 'venue',
    text: "Stand sans électricité : l'électricien est appelé (simulation)",
    broadcast: 'gates',
  });
  return {
    entries: crowd.entries,
    holders: crowd.admitted.size,
    inside: crowd.inside.size,
    insideTokens: [...crowd.inside],
    refused: crowd.refused,
    earlyVisitor,
    overrides,
    incidents: 1,
    startCount,
    ...(drill ? { drill } : {}),
  };
}

/** The morning in one line, for the simulator's output. */
export function morningLine(day: string, morning: Morning): string {
  const drill = morning.drill
    ? `; drill: ${morning.drill.rollCall}/${morning.drill.insideAtStart} on the roll call, out in ${morning.drill.emptiedInMinutes} fair minutes, an entry meanwhile ${morning.drill.refusedEntry}`
    : '';
  return `${day} morning: ${morning.holders} in before the public (${morning.overrides} by override), an early visitor ${morning.earlyVisitor}${drill}`;
}
