/** Visitor tickets for a bench step, issued 500 to a request through `post` (its answer's body). */
export async function issueVisitorTickets(
  post: (route: string, body: unknown) => Promise<Record<string, unknown>>,
  count: number,
): Promise<{ ticketId: string; token: string }[]> {
  const tickets: { ticketId: string; token: string }[] = [];
  for (let done = 0; done < count; done += 500) {
    const batch = await post('/v1/tickets/batch', {
      tickets: Array.from({ length: Math.min(500, count - done) }, () => ({ category: 'visitor' })),
    });
    tickets.push(...(batch.tickets as { ticketId: string; token: string }[]));
  }
  return tickets;
}
