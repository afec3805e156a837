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
  const publicHours = fair.hours.find((hours) => hours.day === day);
  const rule = fair.access.find((candidate) => candidate.category === 'exhibitor');
  const exhibitorsOpen = rule?.hours.find((hours) => hours.day === day)?.opensAt;
  if (!publicHours || !exhibitorsOpen) throw new Error(`the fair gives no exhibitors' hours for ${day}`);
  const gate = rule?.gates?.includes('service') ? 'service' : (rule?.gates?.[0] ?? 'main');
  const start = Date.parse(exhibitorsOpen);
  const opening = Date.parse(publicHours.opensAt);
  const minutes = (opening - start) / 60_000;
  if (minutes <= 30) throw new Error(`exhibitors open only ${minutes} minutes before the public on ${day}`);
  let phase = { fairMs: start, realMs: Date.now(), speed: 1 };
  const play = async (fairMinute: number, speed: number) => {
    await setClock(start + fairMinute * 60_000, speed);
    phase = { fairMs: start + fairMinute * 60_000, realMs: Date.now(), speed };
  };
  const fairMinute = () => (phase.fairMs - start + (Date.now() - phase.realMs) * phase.speed) / 60_000;
  const at = () => new Date(start + fairMinute() * 60_000).toISOString();
  const untilMinute = (minute: number) => sleep(Math.max(0, ((minute - fairMinute()) * 60_000) / phase.speed));
  const scan = async (token: string, gateId: string, direction: 'in' | 'out', override?: string) =>
    (
      await request<Verdict>('/v1/scans', {
        scanId: crypto.randomUUID(),
        token,
        gateId,
        direction,
        scannedAt: at(),
        deviceId: `gate-${gateId}`,
        ...(override ? { override: { reason: override } } : {}),
      })
    ).verdict;

  const refused = new Map<string, number>();
  const inside = new Set<string>();
  const admitted = new Set<string>();
  let entries = 0;
  const enter = async (token: string, gateId: string) => {
    const verdict = await scan(token, gateId, 'in');
    if (verdict !== 'ADMITTED') {
      refused.set(verdict, (refused.get(verdict) ?? 0) + 1);
      return;
    }
    entries += 1;
    admitted.add(token);
    inside.add(token);
  };
  await play(0, 1);
  const startCount = (await request<{ venue: { count: number } }>('/v1/occupancy')).venue.count;
  // The exhibitors arrive over the first 40 % of their hours; on the drill day the last one comes
  // during the drill.
  const late = options.drill ? people.exhibitors.at(-1) : undefined;
  const arrivalMinutes = minutes * 0.4;
  await play(1, (arrivalMinutes * 60_000) / options.realMs);
  await Promise.all(
    people.exhibitors
      .filter((token) => token !== late)
      .map(async (token) => {
        await untilMinute(1 + random() * (arrivalMinutes - 2));
        await enter(token, gate);
      }),
  );

  let drill: Morning['drill'];
  if (late) {
    await play(minutes * 0.5, 10);
    const evacuation = await request<{ evacuationId: string }>('/v1/evacuations', {
      reason: 'Evacuation drill before opening (simulated)',
    });
    const drillStart = fairMinute();
    const insideAtStart = inside.size;
    // The late exhibitor is refused at the service gate while the drill lasts.
    const lateVerdict = await scan(late, gate, 'in');
    const rollCall = async () =>
      (await request<{ inside: unknown[] }>(`/v1/evacuations/${evacuation.evacuationId}/roll-call`)).inside.length;
    let named = await rollCall();
    for (let attempt = 0; attempt < 50 && named !== insideAtStart; attempt += 1) {
      await sleep(100);
      named = await rollCall();
    }
    // Everyone out through the two main doors.
    await Promise.all(
      [...inside].map(async (token) => {
        if ((await scan(token, pick(['main', 'east']), 'out')) === 'EXITED') inside.delete(token);
      }),
    );
    let left = await rollCall();
    for (let attempt = 0; attempt < 50 && left > 0; attempt += 1) {
      await sleep(100);
      left = await rollCall();
    }
    drill = {
      insideAtStart,
      rollCall: named,
      leftOnRollCall: left,
      emptiedInMinutes: Math.round(fairMinute() - drillStart),
      refusedEntry: lateVerdict,
    };
    await request(`/v1/evacuations/${evacuation.evacuationId}/end`, {});
    // Back to their booths, the late one with them.
    await Promise.all(people.exhibitors.filter((token) => !inside.has(token)).map((token) => enter(token, gate)));
  }

  // A quarter of an hour before the public: a visitor too early, and a journalist the supervisor lets in.
  await play(minutes - 15, 1);
  const earlyVisitor = await scan(people.earlyVisitor, 'main', 'in');
  const press = await scan(people.press, 'main', 'in', 'Press preview agreed with the organisers');
  let overrides = 0;
  if (press === 'ADMITTED') {
    overrides += 1;
    entries += 1;
    admitted.add(people.press);
    inside.add(people.press);
  } else refused.set(press, (refused.get(press) ?? 0) + 1);
  await request('/v1/incidents', {
    kind: 'technical',
    zoneId: fair.zones.find((zone) => zone.parentId)?.zoneId ?? 'venue',
    text: 'A booth without power: the electrician was called (simulated)',
    broadcast: 'gates',
  });
  return {
    entries,
    holders: admitted.size,
    inside: inside.size,
    insideTokens: [...inside],
    refused,
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
