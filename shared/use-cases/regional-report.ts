import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Booth } from '../domain/fair';
import { type BoothFigures, type RegionalGroup, regionalFigures } from '../domain/regional';
import type { RankingRow } from '../store/footfall-store';
import { LEAD_METHODS, listLeadAnswers } from '../store/leads-store';
import { listDeclaredSales } from '../store/sales-store';
import { getTicketsByIds } from '../store/tickets-store';
import { ticketsAttended } from '../store/workshop-door-store';

/**
 * A day's figures by the exhibitors' attributes (shared/domain/regional.ts): visits from the booths'
 * ranking, leads from each booth's answers that day (yes, from a consent code or the poster), the
 * exhibitors' attendance at the day's workshops (their tickets name their booth), declared sales.
 */
export async function regionalDay(
  deps: { client: DynamoDBDocumentClient; tables: { stats: string; workshops: string; tickets: string } },
  day: string,
  booths: Booth[],
  ranking: RankingRow[],
  workshopIds: string[],
): Promise<RegionalGroup[]> {
  const { client, tables } = deps;
  const [answers, sales, attendees] = await Promise.all([
    Promise.all(booths.map((booth) => listLeadAnswers(client, tables.stats, booth.boothId))),
    listDeclaredSales(client, tables.stats, day),
    Promise.all(workshopIds.map((workshopId) => ticketsAttended(client, tables.workshops, workshopId))),
  ]);
  const exhibitors = await getTicketsByIds(client, tables.tickets, attendees.flat(), ['ticketId', 'boothId']);
  const byBooth = new Map(ranking.map((row) => [row.boothId, row]));
  const salesOf = new Map(sales.map((declared) => [declared.boothId, declared.amountMad]));
  const attendance = new Map<string, number>();
  const boothOfTicket = new Map(exhibitors.map((ticket) => [ticket.ticketId, ticket.boothId]));
  for (const ticketId of attendees.flat()) {
    const boothId = boothOfTicket.get(ticketId);
    if (boothId) attendance.set(boothId, (attendance.get(boothId) ?? 0) + 1);
  }
  const figures = new Map<string, BoothFigures>(
    booths.map((booth, index) => {
      const sold = salesOf.get(booth.boothId);
      return [
        booth.boothId,
        {
          visits: byBooth.get(booth.boothId)?.visits ?? 0,
          leads: (answers[index] ?? []).filter(
            (answer) =>
              answer.consent && answer.day === day && (LEAD_METHODS as readonly string[]).includes(answer.method ?? ''),
          ).length,
          workshopAttendance: attendance.get(booth.boothId) ?? 0,
          ...(sold !== undefined ? { salesMad: sold } : {}),
        },
      ];
    }),
  );
  return regionalFigures(booths, figures);
}
