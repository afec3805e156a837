import { dynamo } from '../store/clients';
import type { ReportDeps } from '../use-cases/day-report';
import { now } from './clock';
import { resource } from './config';
import { fairMeta } from './fair-context';

/** What a day's or the fair's report reads: every table that keeps a figure of the day. */
export async function reportDeps(): Promise<ReportDeps> {
  return {
    client: dynamo(),
    tables: {
      fair: resource('FAIR_TABLE'),
      zones: resource('ZONES_TABLE'),
      stats: resource('STATS_TABLE'),
      scans: resource('SCANS_TABLE'),
      workshops: resource('WORKSHOPS_TABLE'),
      alerts: resource('ALERTS_TABLE'),
      tickets: resource('TICKETS_TABLE'),
    },
    fair: await fairMeta(),
    now,
  };
}
