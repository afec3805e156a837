import { parseArgs } from 'node:util';
import { request, setClock } from './simulate/api';
import { FairDay } from './simulate/day';
import { type DayReport, type DayResult, disagreements, type Fair, type Session } from './simulate/model';
import { morningLine, morningPeople, playMorning } from './simulate/morning';

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
const REAL_MS_A_DAY = Number(values.minutes) * 60_000;

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
    const result = await new FairDay({
      fair,
      day,
      visitors: VISITORS,
      tokens,
      programme,
      morning,
      realMsADay: REAL_MS_A_DAY,
    }).play();
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
