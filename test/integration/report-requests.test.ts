import { describe, expect, it } from 'vitest';
import { dayReport, type ReportDeps } from '#shared/use-cases/day-report';
import { countingTables, fairNow, localFair, scan } from '../support/api-client';

/**
 * The day report reads aggregates kept as the day goes (gate hours, holders, the booths' ranking), not
 * the scan log: its requests do not grow with the log. Counted on DynamoDB Local, table by table,
 * before and after 300 more records in the day's log. (The day's workshops are read one by one for
 * their attendance, and other test files add workshops meanwhile: those two tables are left out.)
 */
describe('the day report on the engine', () => {
  const { client, tables, calls } = countingTables();

  it("reads the same number of times however many records the day's scan log holds", async () => {
    const { fair } = await localFair(client, tables.TablesFair as string);
    const deps: ReportDeps = {
      client,
      tables: {
        fair: tables.TablesFair as string,
        zones: tables.TablesZones as string,
        stats: tables.TablesStats as string,
        scans: tables.TablesScans as string,
        workshops: tables.TablesWorkshops as string,
        alerts: tables.TablesAlerts as string,
        tickets: tables.TablesTickets as string,
      },
      fair,
      now: () => new Date(fairNow()),
    };
    const day = fairNow().slice(0, 10);
    const perTable = async () => {
      calls.length = 0;
      await dayReport(deps, day);
      const counted = new Map<string, number>();
      for (const call of calls)
        if (call.table !== deps.tables.workshops && call.table !== deps.tables.tickets)
          counted.set(`${call.command} ${call.table}`, (counted.get(`${call.command} ${call.table}`) ?? 0) + 1);
      return Object.fromEntries([...counted].sort());
    };
    const before = await perTable();
    // The scan log is read once at most (the day's overrides, by their index), never scanned.
    const onLog = Object.entries(before).filter(([key]) => key.endsWith(` ${deps.tables.scans}`));
    expect(onLog).toEqual([[`QueryCommand ${deps.tables.scans}`, 1]]);
    // 300 more records in the day's log: codes that are no ticket, refused at a gate.
    for (let sent = 0; sent < 300; sent += 50)
      await Promise.all(Array.from({ length: 50 }, () => scan('R1.not-a-ticket', 'main', 'in')));
    expect(await perTable()).toEqual(before);
  });
});
