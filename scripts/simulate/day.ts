import { SingleBar } from 'cli-progress';
import { request, requestsInFlight, setClock, sleep } from './api';
import {
  arrival,
  type ClosingView,
  type DayResult,
  dayClosedAlert,
  type Fair,
  pick,
  random,
  type Session,
  sweptAtClosing,
} from './model';
import type { Morning } from './morning';

/** The model's day (10:00 to 20:00); a day with other hours is played in the same real time. */
const MODEL_MINUTES = 600;
/** Between a day's last visitor and its closing: fast enough for the closing, slow enough to never reach the next one. */
const CLOSING_SPEED = 60;
/** A booth visit not sent within this much fair time goes as a phone's offline queue would send it. */
const QUEUED_AFTER_MS = 10 * 60_000;

type DaySession = Session & { start: number; end: number };
type Direction = 'in' | 'out';

/** How a day is played: its visitors, those with tickets, the real time it lasts. */
export interface DayPlan {
  fair: Fair;
  day: string;
  visitors: number;
  tokens: string[];
  programme: Session[];
  morning: Morning;
  realMsADay: number;
}

/**
 * One fair day played against the API, on the demo clock sped up: every visitor arrives on the model's
 * curve, walk-ins are counted at the gates (each gate's taps sent every fair minute), ticket holders
 * scan in and out, visit booths, register and attend sessions; the morning's exhibitors leave at the
 * end; the scheduled closing sweeps those who stayed. What was sent is kept to hold the report to.
 */
export class FairDay {
  private readonly opening: number;
  private readonly closing: number;
  private readonly openMinutes: number;
  private readonly speed: number;
  private readonly sessions: DaySession[];
  private started = 0;
  private inside: number;
  private peak: number;
  private worstGap = 0;
  private onTheWay = 0;
  private walkIns = 0;
  private ticketHolders = 0;
  private tooLate = 0;
  private stayed = 0;
  private readonly refused = new Map<string, number>();
  private readonly attended: Map<string, Set<string>>;
  private readonly pendingCounts = new Map<string, { in: number; out: number }>();

  constructor(private readonly plan: DayPlan) {
    const hours = plan.fair.hours.find((candidate) => candidate.day === plan.day);
    if (!hours) throw new Error(`the fair gives no opening hours for ${plan.day}`);
    this.opening = Date.parse(hours.opensAt);
    this.closing = Date.parse(hours.closesAt);
    this.openMinutes = (this.closing - this.opening) / 60_000;
    this.speed = (this.openMinutes * 60_000) / plan.realMsADay;
    this.sessions = plan.programme
      .filter((session) => session.status !== 'cancelled')
      .map((session) => ({
        ...session,
        start: (Date.parse(session.startsAt) - this.opening) / 60_000,
        end: (Date.parse(session.endsAt) - this.opening) / 60_000,
      }))
      .filter((session) => session.start >= 0 && session.start < this.openMinutes);
    this.attended = new Map(this.sessions.map((session) => [session.workshopId, new Set<string>()]));
    // The exhibitors (and the press) already in since the morning.
    this.inside = plan.morning.inside;
    this.peak = this.inside;
  }

  private fairMinute(): number {
    return ((Date.now() - this.started) * this.speed) / 60_000;
  }

  private untilMinute(minute: number): Promise<unknown> {
    return sleep(Math.max(0, (minute * 60_000) / this.speed - (Date.now() - this.started)));
  }

  private fairIso(): string {
    return new Date(this.opening + this.fairMinute() * 60_000).toISOString();
  }

  private moved(delta: number): void {
    this.inside += delta;
    this.peak = Math.max(this.peak, this.inside);
  }

  /** A walk-in tapped at a gate: sent with the gate's next group of taps. */
  private countAt(gateId: string, direction: Direction): void {
    const tally = this.pendingCounts.get(gateId) ?? { in: 0, out: 0 };
    tally[direction] += 1;
    this.pendingCounts.set(gateId, tally);
    this.moved(direction === 'in' ? 1 : -1);
  }

  /** A steward's taps reach the API in small groups: every fair minute, each gate sends what it counted. */
  private async flushCounts(): Promise<void> {
    const pending = [...this.pendingCounts.values()].reduce((sum, tally) => sum + tally.in + tally.out, 0);
    this.onTheWay = Math.max(this.onTheWay, pending + requestsInFlight());
    for (const [gateId, tally] of [...this.pendingCounts]) {
      this.pendingCounts.delete(gateId);
      for (let sent = 0; sent < Math.max(tally.in, tally.out); sent += 50) {
        await request(`/v1/gates/${gateId}/counts`, {
          countId: crypto.randomUUID(),
          in: Math.min(50, Math.max(0, tally.in - sent)),
          out: Math.min(50, Math.max(0, tally.out - sent)),
          countedAt: this.fairIso(),
          deviceId: `steward-${gateId}`,
        });
      }
    }
  }

  private async scan(token: string, gateId: string, direction: Direction): Promise<string> {
    const body = {
      scanId: crypto.randomUUID(),
      token,
      gateId,
      direction,
      scannedAt: this.fairIso(),
      deviceId: `gate-${gateId}`,
    };
    return (await request<{ verdict: string }>('/v1/scans', body)).verdict;
  }

  private async door(session: DaySession, token: string, action: 'admissions' | 'exits'): Promise<string> {
    const path = `/v1/workshops/${session.workshopId}/${action}`;
    return (await request<{ verdict: string }>(path, { scanId: crypto.randomUUID(), token })).verdict;
  }

  /** A ticket holder who goes to a session starting within two hours of arriving (registering first). */
  private async attend(token: string, leave: number): Promise<void> {
    const now = this.fairMinute();
    const session = this.sessions.find(
      (candidate) => candidate.start >= now + 5 && candidate.start <= now + 120 && candidate.end < leave,
    );
    if (!session || random() >= 0.4) return;
    if (session.registrationRequired) {
      const path = `/v1/workshops/${session.workshopId}/registrations`;
      const { verdict } = await request<{ verdict: string }>(path, { token });
      if (verdict !== 'REGISTERED' && verdict !== 'ALREADY_REGISTERED') return;
    }
    await this.untilMinute(session.start - 5 - random() * 10);
    if ((await this.door(session, token, 'admissions')) !== 'ADMITTED') return;
    this.attended.get(session.workshopId)?.add(token);
    await this.untilMinute(session.end);
    await this.door(session, token, 'exits');
  }

  /** Comes in (a ticket scanned, or counted); false when turned away at the entrance. */
  private async enter(token: string | undefined, gate: string): Promise<boolean> {
    if (!token) {
      this.walkIns += 1;
      this.countAt(gate, 'in');
      return true;
    }
    const verdict = await this.scan(token, gate, 'in');
    if (verdict === 'FAIR_CLOSED' && this.fairMinute() >= this.openMinutes - 5) this.tooLate += 1;
    else if (verdict !== 'ADMITTED') this.refused.set(verdict, (this.refused.get(verdict) ?? 0) + 1);
    if (verdict !== 'ADMITTED') return false;
    this.ticketHolders += 1;
    this.moved(1);
    return true;
  }

  /** Walks from booth to booth until leaving (a ticket holder may go to a session on the way). */
  private async browse(token: string | undefined, leave: number): Promise<void> {
    let sessionDone = !token;
    while (this.fairMinute() < Math.min(leave, this.openMinutes)) {
      const booth = pick(this.plan.fair.booths);
      const at = this.fairIso();
      const events: Record<string, unknown>[] = [{ eventId: crypto.randomUUID(), at, kind: 'count', in: 1 }];
      if (token) events.push({ eventId: crypto.randomUUID(), at, kind: 'badge', token });
      // As the booth page does: a visit it could not send for a while was queued, and goes as offline.
      await request(`/v1/booths/${booth.boothId}/footfall`, () =>
        Date.parse(this.fairIso()) - Date.parse(at) >= QUEUED_AFTER_MS ? { events, offline: true } : { events },
      );
      if (token && !sessionDone) {
        sessionDone = true;
        await this.attend(token, leave);
      }
      await this.untilMinute(this.fairMinute() + 15 + random() * 30);
    }
  }

  private async visitor(index: number): Promise<void> {
    const token = index < this.plan.tokens.length ? this.plan.tokens[index] : undefined;
    const arrive = (arrival() * this.openMinutes) / MODEL_MINUTES;
    // A few stay past closing time, never counted out: the closing sweeps them.
    const stays = random() < 0.02;
    const leave = stays ? 10_000 : Math.min(this.openMinutes - 5, arrive + 45 + random() * 200);
    await this.untilMinute(arrive);
    if (!(await this.enter(token, random() < 0.35 ? 'east' : 'main'))) return;
    await this.browse(token, leave);
    if (stays) {
      this.stayed += 1;
      return;
    }
    const out = random() < 0.35 ? 'east' : 'main';
    if (!token) return this.countAt(out, 'out');
    await this.scan(token, out, 'out');
    this.moved(-1);
  }

  /** The morning's people close their booths and leave in the last minutes. */
  private async exhibitor(token: string): Promise<void> {
    await this.untilMinute(this.openMinutes - 12 + random() * 8);
    if ((await this.scan(token, pick(['main', 'east']), 'out')) === 'EXITED') this.moved(-1);
  }

  /** Every fair minute until everyone has gone: the taps sent, the dashboard read against the crowd. */
  private async watch(gone: () => boolean): Promise<void> {
    const hours = this.plan.fair.hours.find((candidate) => candidate.day === this.plan.day);
    const [opensHour = 10, opensMinute = 0] = (hours?.opens ?? '10:00').split(':').map(Number);
    const bar = new SingleBar({
      format: `${this.plan.day} {time} {bar} crowd {inside} | dashboard {venue} | walk-ins {walkIns} | tickets {tickets}`,
      hideCursor: true,
    });
    bar.start(this.openMinutes, 0, { time: hours?.opens, inside: 0, venue: 0, walkIns: 0, tickets: 0 });
    while (!gone() || this.pendingCounts.size > 0) {
      await this.flushCounts();
      const { venue } = await request<{ venue: { count: number } }>('/v1/occupancy');
      const minute = Math.min(this.openMinutes, Math.floor(this.fairMinute()));
      const wall = opensHour * 60 + opensMinute + minute;
      // The dashboard trails the crowd by what is still on its way (a minute's taps, the projection).
      this.worstGap = Math.max(this.worstGap, Math.abs(venue.count - this.inside));
      const time = `${String(Math.floor(wall / 60)).padStart(2, '0')}:${String(wall % 60).padStart(2, '0')}`;
      bar.update(minute, {
        time,
        inside: this.inside,
        venue: venue.count,
        walkIns: this.walkIns,
        tickets: this.ticketHolders,
      });
      await this.untilMinute(this.fairMinute() + 1);
    }
    bar.stop();
  }

  /**
   * Closing time, then the grace period: the scheduled closing runs on the demo clock by itself. The
   * clock jumps to when the closing is due and slows, so a slow machine never lets it run on into the
   * next day and close that too. Answers how many the closing swept out.
   */
  private async closed(): Promise<number> {
    const due = this.closing + this.plan.fair.closingGraceMinutes * 60_000;
    await setClock(Math.max(due, Date.parse((await request<{ now: string }>('/v1/fair')).now)), CLOSING_SPEED);
    // Up to four minutes (times RAWAQ_PATIENCE, which a test on a slower machine sets to how much slower
    // it measured it): on a loaded machine the scheduled closing and its sweep take their time.
    const patience = Math.max(1, Number(process.env.RAWAQ_PATIENCE) || 1);
    let seen = 'nothing read yet';
    for (let attempt = 0; attempt < 480 * patience; attempt += 1) {
      const occupancy = await request<ClosingView['occupancy']>('/v1/occupancy');
      const { alerts } = await request<{ alerts: ClosingView['alerts'] }>('/v1/alerts');
      const swept = sweptAtClosing(this.plan.day, { occupancy, alerts });
      if (swept !== undefined) return swept;
      const event = dayClosedAlert(this.plan.day, alerts);
      seen = `on ${occupancy.day} the venue ${occupancy.venue.closed ? 'closed' : 'open'} with ${occupancy.venue.count} inside, ${event ? 'a' : 'no'} dayClosed alert`;
      await sleep(500);
    }
    const { now } = await request<{ now: string }>('/v1/fair');
    throw new Error(`${this.plan.day} was not closed by the scheduled closing (last seen ${seen}; fair clock ${now})`);
  }

  async play(): Promise<DayResult> {
    this.started = await setClock(this.opening, this.speed);
    let gone = false;
    const everyone = Promise.all([
      ...Array.from({ length: this.plan.visitors }, (_, index) => this.visitor(index)),
      ...this.plan.morning.insideTokens.map((token) => this.exhibitor(token)),
    ]).finally(() => {
      gone = true;
    });
    await this.watch(() => gone);
    await everyone;
    const sweptOut = await this.closed();
    const { morning, day } = this.plan;
    return {
      day,
      walkIns: this.walkIns,
      ticketHolders: this.ticketHolders,
      peak: this.peak,
      worstGap: this.worstGap,
      stayed: this.stayed,
      sweptOut,
      morningCount: morning.startCount,
      morning,
      attended: this.attended,
      onTheWay: this.onTheWay,
      refused: this.refused,
      tooLate: this.tooLate,
    };
  }
}
