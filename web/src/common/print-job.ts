import type { Category } from '../../../shared/domain/ticket-token';
import { SESSION_STORED, STORED } from './stored';

/**
 * What /print lays out on A4 sheets: badges (90x55 mm ten to a sheet, or A6 four to a sheet, for the
 * common holders; a QR code and its short code each),
 * sign-in cards for exhibitors' phones, or booths' posters. A page that has the data hands it over in sessionStorage
 * and opens /print, which the browser prints or saves as PDF.
 */
export interface BadgeToPrint {
  ticketId: string;
  token: string;
  shortCode?: string;
  holderName?: string;
  category: Category;
  validDays: string[];
  boothId?: string;
  /** Printed on a panel beside the badge, folded behind it: only the holder shows it to a booth. */
  consentCode?: string;
}

/** Badge sizes for the common holders: 90x55 mm (ten to an A4 sheet) and A6 (four to a sheet). */
export const BADGE_SIZES = { '90x55': 10, a6: 4 } as const;
export type BadgeSize = keyof typeof BADGE_SIZES;

/** The size last chosen on this device (the holders a fair bought do not change between prints). */
export function badgeSize(): BadgeSize {
  return localStorage.getItem(STORED.badgeSize) === 'a6' ? 'a6' : '90x55';
}

export function chooseBadgeSize(size: BadgeSize): void {
  localStorage.setItem(STORED.badgeSize, size);
}

export interface SignInCard {
  label: string;
  /** The page's link with the credential in its fragment: the phone's camera opens it. */
  link: string;
  boothId?: string;
}

export type PrintJob =
  | { kind: 'badges'; badges: BadgeToPrint[]; size: BadgeSize }
  | { kind: 'signIn'; cards: SignInCard[] }
  /** A5 posters, two to an A4 sheet: each booth's QR code opens `<origin>/visit#<boothId>`. */
  | { kind: 'posters'; boothIds: string[]; origin: string }
  /** For a network or power cut: each gate's paper tally for a day, a row every 15 minutes. */
  | { kind: 'tallies'; day: string; gateIds: string[] }
  /** The same kit's attendance sheets: each workshop's roster for a day, read from the API when printed. */
  | { kind: 'rosters'; day: string; workshopIds: string[] }
  /** An attestation of attendance for each person a workshop's door admitted, two to an A4 sheet. */
  | { kind: 'attestations'; workshopId: string };

export function openPrintJob(job: PrintJob): void {
  sessionStorage.setItem(SESSION_STORED.printJob, JSON.stringify(job));
  location.assign('/print');
}

/**
 * The job handed over. Sign-in cards carry working credentials: they leave session storage as soon as
 * they are read, so the tab's storage holds no credential once the cards are on screen (a reload shows
 * nothing to print; the cards are made again from /organise).
 */
export function takePrintJob(): PrintJob | undefined {
  const text = sessionStorage.getItem(SESSION_STORED.printJob);
  const job = text ? (JSON.parse(text) as PrintJob) : undefined;
  if (job?.kind === 'signIn') sessionStorage.removeItem(SESSION_STORED.printJob);
  return job;
}
