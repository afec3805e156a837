import { parseArgs } from 'node:util';
import { SingleBar } from 'cli-progress';
import { request, requestsInFlight, setClock, sleep } from './simulate/api';
import {
  arrival,
  type DayReport,
  type DayResult,
  disagreements,
  type Fair,
  pick,
  random,
  type Session,
} from './simulate/model';
import { type Morning, morningLine, morningPeople, playMorning } from './simulate/morning';

const USAGE = `npm run simulate [-- options]: plays fair days against the running \`npm start\` (same DATA_DIR):
each morning the exhibitors come in before the public (the first morning with an evacuation drill),
then the public's day, then the closing; each day's report is held to what was sent

  --days N        days to play, from the fair's first (default 1)
  --visitors N    visitors a day (default 1500)
  --minutes M     real minutes a fair day lasts (default 3)
  --ticketed F    share of visitors holding a ticket, 0 to 1 (default 0.2)
  --help          this text`;

function options() {
  try {
    return parseArgs({
      options: {
        days: { type: 'string', default: '1' },
        visitors: { type: 'string', default: '1500' },
        minutes: { type: 'string', default: '3' },
        ticketed: { type: 'string', default: '0.2' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }).values;
  } catch (error) {
    console.error(`simulate: ${(error as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
}
const values = options();
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const DAYS = Number(values.days);
const VISITORS = Number(values.visitors);
const TICKETED = Number(values.ticketed);
const wrong = [
  Number.isInteger(DAYS) && DAYS >= 1 ? '' : '--days is a whole number from 1',
  Number.isInteger(VISITORS) && VISITORS >= 1 ? '' : '--visitors is a whole number from 1',
  Number(values.minutes) > 0 ? '' : '--minutes is a number above 0',
  TICKETED >= 0 && TICKETED <= 1 ? '' : '--ticketed is a share from 0 to 1',
].filter(Boolean);
if (wrong.length > 0) {
  console.error(`simulate: ${wrong.join('; ')}\n\n${USAGE}`);
  process.exit(2);
}
/** The model's day (10:00 to 20:00); a day with other hours is played in the same real time. */
const MODEL_MINUTES = 600;
const REAL_MS_A_DAY = Number(values.minutes) * 60_000;
/** Between a day's last visitor and its closing: fast enough for the closing, slow enough to never reach the next one. */
const CLOSING_SPEED = 60;

async function playDay(
  fair: Fair,
  day: string,
  tokens: string[],
  programme: Session[],
  morning: Morning,
): Promise<DayResult> {
  const hours = fair.hours.find((candidate) => candidate.day === day);
  if (!hours) throw new Error(`the fair gives no opening hours for ${day}`);
  const opening = Date.parse(hours.opensAt);
  const closing = Date.parse(hours.closesAt);
  const openMinutes = (closing - opening) / 60_000;
  const speed = (openMinutes * 60_000) / REAL_MS_A_DAY;
  const [opensHour = 10, opensMinute = 0] = hours.opens.split(':').map(Number);
  const sessions = programme
    .filter((session) => session.status !== 'cancelled')
    .map((session) => ({
      ...session,
      start: (Date.parse(session.startsAt) - opening) / 60_000,
      end: (Date.parse(session.endsAt) - opening) / 60_000,
    }))
    .filter((session) => session.start >= 0 && session.start < openMinutes);
  const attended = new Map<string, Set<string>>(sessions.map((session) => [session.workshopId, new Set<string>()]));
  await setClock(opening, speed);
  const started = Date.now();
  const fairMinute = () => ((Date.now() - started) * speed) / 60_000;
  const untilMinute = (minute: number) => sleep(Math.max(0, (minute * 60_000) / speed - (Date.now() - started)));

  // The exhibitors (and the press) already in since the morning.
  let inside = morning.inside;
  let peak = inside;
  let worstGap = 0;
  let onTheWay = 0;
  const pendingCounts = new Map<string, { in: number; out: number }>();
  const countAt = (gateId: string, direction: 'in' | 'out') => {
    const tally = pendingCounts.get(gateId) ?? { in: 0, out: 0 };
    tally[direction] += 1;
    pendingCounts.set(gateId, tally);
    inside += direction === 'in' ? 1 : -1;
    peak = Math.max(peak, inside);
  };
  // A steward's taps reach the API in small groups: every fair minute, each gate sends what it counted.
  const flushCounts = async () => {
    const pending = [...pendingCounts.values()].reduce((sum, tally) => sum + tally.in + tally.out, 0);
    onTheWay = Math.max(onTheWay, pending + requestsInFlight());
    for (const [gateId, tally] of [...pendingCounts]) {
      pendingCounts.delete(gateId);
      for (let sent = 0; sent < Math.max(tally.in, tally.out); sent += 50) {
        await request(`/v1/gates/${gateId}/counts`, {
          countId: crypto.randomUUID(),
          in: Math.min(50, Math.max(0, tally.in - sent)),
          out: Math.min(50, Math.max(0, tally.out - sent)),
          countedAt: new Date(opening + fairMinute() * 60_000).toISOString(),
          deviceId: `steward-${gateId}`,
        });
      }
    }
  };
  const scan = async (token: string, gateId: string, direction: 'in' | 'out') =>
    (
      await request<{ verdict: string }>('/v1/scans', {
        scanId: crypto.randomUUID(),
        token,
        gateId,
        direction,
        scannedAt: new Date(opening + fairMinute() * 60_000).toISOString(),
        deviceId: `gate-${gateId}`,
      })
    ).verdict;

  let walkIns = 0;
  let ticketHolders = 0;
  const refused = new Map<string, number>();
  // Arrived so near closing that the answer came after it (a slow machine): turned away, rightly.
  let tooLate = 0;
  let stayed = 0;
  const door = async (session: (typeof sessions)[number], token: string, action: 'admissions' | 'exits') =>
    (
      await request<{ verdict: string }>(`/v1/workshops/${session.workshopId}/${action}`, {
        scanId: crypto.randomUUID(),
        token,
      })
    ).verdict;
  /** A ticket holder who goes to a session starting within two hours of arriving (registering first). */
  const attend = async (token: string, leave: number) => {
    const session = sessions.find(
      (candidate) =>
        candidate.start >= fairMinute() + 5 && candidate.start <= fairMinute() + 120 && candidate.end < leave,
    );
    if (!session || random() >= 0.4) return;
    if (session.registrationRequired) {
      const { verdict } = await request<{ verdict: string }>(`/v1/workshops/${session.workshopId}/registrations`, {
        token,
      });
      if (verdict !== 'REGISTERED' && verdict !== 'ALREADY_REGISTERED') return;
    }
    await untilMinute(session.start - 5 - random() * 10);
    if ((await door(session, token, 'admissions')) !== 'ADMITTED') return;
    attended.get(session.workshopId)?.add(token);
    await untilMinute(session.end);
    await door(session, token, 'exits');
  };
  const visitor = async (index: number) => {
    const token = index < tokens.length ? tokens[index] : undefined;
    const arrive = (arrival() * openMinutes) / MODEL_MINUTES;
    // A few stay past closing time, never counted out: the closing sweeps them.
    const stays = random() < 0.02;
    const leave = stays ? 10_000 : Math.min(openMinutes - 5, arrive + 45 + random() * 200);
    await untilMinute(arrive);
    const gate = random() < 0.35 ? 'east' : 'main';
    if (token) {
      const verdict = await scan(token, gate, 'in');
      if (verdict === 'FAIR_CLOSED' && fairMinute() >= openMinutes - 5) tooLate += 1;
      else if (verdict !== 'ADMITTED') refused.set(verdict, (refused.get(verdict) ?? 0) + 1);
      if (verdict !== 'ADMITTED') return;
      ticketHolders += 1;
      inside += 1;
      peak = Math.max(peak, inside);
    } else {
      walkIns += 1;
      countAt(gate, 'in');
    }
    let sessionDone = !token;
    while (fairMinute() < Math.min(leave, openMinutes)) {
      const booth = pick(fair.booths);
      const events: Record<string, unknown>[] = [
        {
          eventId: crypto.randomUUID(),
          at: new Date(opening + fairMinute() * 60_000).toISOString(),
          kind: 'count',
          in: 1,
        },
      ];
      if (token) events.push({ eventId: crypto.randomUUID(), at: events[0]?.at, kind: 'badge', token });
      await request(`/v1/booths/${booth.boothId}/footfall`, { events });
      if (token && !sessionDone) {
        sessionDone = true;
        await attend(token, leave);
      }
      await untilMinute(fairMinute() + 15 + random() * 30);
    }
    if (stays) {
      stayed += 1;
      return;
    }
    const out = random() < 0.35 ? 'east' : 'main';
    if (token) {
      await scan(token, out, 'out');
      inside -= 1;
    } else countAt(out, 'out');
  };

  const bar = new SingleBar({
    format: `${day} {time} {bar} crowd {inside} | dashboard {venue} | walk-ins {walkIns} | tickets {tickets}`,
    hideCursor: true,
  });
  bar.start(openMinutes, 0, { time: hours.opens, inside: 0, venue: 0, walkIns: 0, tickets: 0 });
  /** The morning's people close their booths and leave in the last minutes. */
  const exhibitor = async (token: string) => {
    await untilMinute(openMinutes - 12 + random() * 8);
    if ((await scan(token, pick(['main', 'east']), 'out')) === 'EXITED') inside -= 1;
  };
  let done = false;
  const everyone = Promise.all([
    ...Array.from({ length: VISITORS }, (_, index) => visitor(index)),
    ...morning.insideTokens.map(exhibitor),
  ]).finally(() => {
    done = true;
  });
  while (!done || pendingCounts.size > 0) {
    await flushCounts();
    const { venue } = await request<{ venue: { count: number } }>('/v1/occupancy');
    const minute = Math.min(openMinutes, Math.floor(fairMinute()));
    const wall = opensHour * 60 + opensMinute + minute;
    // The dashboard trails the crowd by what is still on its way (a minute's taps, the projection).
    worstGap = Math.max(worstGap, Math.abs(venue.count - inside));
    bar.update(minute, {
      time: `${String(Math.floor(wall / 60)).padStart(2, '0')}:${String(wall % 60).padStart(2, '0')}`,
      inside,
      venue: venue.count,
      walkIns,
      tickets: ticketHolders,
    });
    await untilMinute(fairMinute() + 1);
  }
  await everyone;
  bar.stop();
  // Closing time, then the grace period: the scheduled closing runs on the demo clock by itself. The
  // clock jumps to when the closing is due and slows, so a slow machine never lets it run on into the
  // next day and close that too.
  const due = closing + fair.closingGraceMinutes * 60_000;
  await setClock(Math.max(due, Date.parse((await request<{ now: string }>('/v1/fair')).now)), CLOSING_SPEED);
  const closed = await (async () => {
    // Up to four minutes (times RAWAQ_PATIENCE, which a test on a slower machine sets to how much slower
    // it measured it): on a loaded machine the scheduled closing and its sweep take their time.
    const patience = Math.max(1, Number(process.env.RAWAQ_PATIENCE) || 1);
    for (let attempt = 0; attempt < 480 * patience; attempt += 1) {
      const occupancy = await request<{ venue: { count: number; closed?: boolean } }>('/v1/occupancy');
      const alerts = await request<{ alerts: { kind?: string; day?: string; sweptOut?: number }[] }>('/v1/alerts');
      const event = alerts.alerts.find((alert) => alert.kind === 'dayClosed' && alert.day === day);
      if (event && occupancy.venue.closed && occupancy.venue.count === 0) return event.sweptOut ?? 0;
      await sleep(500);
    }
    throw new Error(`${day} was not closed by the scheduled closing`);
  })();
  return {
    day,
    walkIns,
    ticketHolders,
    peak,
    worstGap,
    stayed,
    sweptOut: closed,
    morningCount: morning.startCount,
    morning,
    attended,
    onTheWay,
    refused,
    tooLate,
  };
}

async function main() {
  const fair = await request<Fair>('/v1/fair');
  const firstDay = fair.days.find((day) => day >= fair.now.slice(0, 10)) ?? fair.days[0];
  const days = fair.days.slice(fair.days.indexOf(firstDay as string), fair.days.indexOf(firstDay as string) + DAYS);
  if (days.length < DAYS) throw new Error(`the fair has only ${days.length} days left from ${firstDay}`);
  const holders = Math.round(VISITORS * TICKETED);
  console.log(
    `${DAYS} day(s) from ${days[0]}: ${VISITORS} visitors a day, ${holders} with tickets, the rest counted walk-ins`,
  );
  const tokens: string[] = [];
  for (let done = 0; done < holders; done += 500) {
    const batch = await request<{ tickets: { token: string }[] }>('/v1/tickets/batch', {
      tickets: Array.from({ length: Math.min(500, holders - done) }, () => ({ category: 'visitor' })),
    });
    tokens.push(...batch.tickets.map((ticket) => ticket.token));
  }
  const programme = (await request<{ workshops: Session[] }>('/v1/workshops')).workshops;
  const people = await morningPeople(fair, VISITORS);
  const results: DayResult[] = [];
  const reports: DayReport[] = [];
  for (const day of days) {
    // The exhibitors' morning in a quarter of a day's real time; the drill on the first day played.
    const morning = await playMorning(fair, day, people, { realMs: REAL_MS_A_DAY / 4, drill: day === days[0] });
    console.log(morningLine(day, morning));
    const result = await playDay(fair, day, tokens, programme, morning);
    results.push(result);
    // Counts kept as they happen (the holders counter reads the tickets stream, batching a few
    // seconds): read again, for up to 30 s, while the report has not caught up with what was sent.
    let report = await request<DayReport>(`/v1/reports/days/${day}`);
    for (let wait = 0; wait < 30 && disagreements(result, report).length > 0; wait += 1) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      report = await request<DayReport>(`/v1/reports/days/${day}`);
    }
    reports.push(report);
  }
  // The evening after the last day played, at real speed.
  const lastDay = fair.hours.find((hours) => hours.day === days.at(-1));
  if (lastDay) await setClock(Date.parse(lastDay.closesAt) + 90 * 60_000, 1);
  console.log('\nThe days in numbers:');
  console.log(
    '  day         walk-ins  ticket holders  peak inside  dashboard gap (max)  swept at closing  next morning',
  );
  for (const r of results) {
    console.log(
      `  ${r.day}  ${String(r.walkIns).padStart(8)}  ${`${r.tooLate > 0 ? `(${r.tooLate} too late) ` : ''}${r.ticketHolders}`.padStart(14)}  ${String(r.peak).padStart(11)}  ${String(r.worstGap).padStart(19)}  ${String(r.sweptOut).padStart(16)}  ${r.day === results[0]?.day ? '' : `started at ${r.morningCount}`}`,
    );
  }
  console.log('\nThe day reports against what was sent:');
  console.log(
    '  day         entries (report/sent)  holders  attendance (report/sent)  venue peak (report/crowd ±on the way)',
  );
  let failed = false;
  results.forEach((r, index) => {
    const report = reports[index] as DayReport;
    const attendedSent = [...r.attended.values()].reduce((sum, tokens) => sum + tokens.size, 0);
    const attendedReported = report.workshops
      .filter((row) => r.attended.has(row.workshopId))
      .reduce((sum, row) => sum + row.attended, 0);
    const venuePeak = report.zones.find((zone) => !zone.parentId)?.peak?.count ?? 0;
    const problems = disagreements(r, report);
    console.log(
      `  ${r.day}  ${`${report.entries.total}/${r.walkIns + r.ticketHolders + r.morning.entries}`.padStart(21)}  ${`${report.ticketHolders}/${r.ticketHolders + r.morning.holders}`.padStart(7)}  ${`${attendedReported}/${attendedSent}`.padStart(24)}  ${`${venuePeak}/${r.peak} ±${r.onTheWay}`.padStart(38)}  ${problems.length === 0 ? 'agrees' : 'DISAGREES'}`,
    );
    for (const problem of problems) console.log(`    ${problem}`);
    failed ||= problems.length > 0;
  });
  if (failed) {
    console.error('simulate: a day report disagrees with what was sent');
    process.exitCode = 1;
  }
}

main().catch((error) => {
  console.error(`simulate: ${(error as Error).message} (is \`npm start\` running on this DATA_DIR?)`);
  process.exitCode = 1;
});
