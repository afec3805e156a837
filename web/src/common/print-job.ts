/**
 * What /print lays out on A4 sheets: badges (8 or 10 to a page, a QR code and its short code each),
 * sign-in cards for exhibitors' phones, or booths' posters. A page that has the data hands it over in sessionStorage
 * and opens /print, which the browser prints or saves as PDF.
 */
export interface BadgeToPrint {
  ticketId: string;
  token: string;
  shortCode?: string;
  holderName?: string;
  category: string;
  validDays: string[];
  boothId?: string;
  /** Printed on a panel beside the badge, folded behind it: only the holder shows it to a booth. */
  consentCode?: string;
}

export interface SignInCard {
  label: string;
  /** The page's link with the credential in its fragment: the phone's camera opens it. */
  link: string;
  boothId?: string;
}

export type PrintJob =
  | { kind: 'badges'; badges: BadgeToPrint[]; perPage: 8 | 10 }
  | { kind: 'signIn'; cards: SignInCard[] }
  /** A5 posters, two to an A4 sheet: each booth's QR code opens `<origin>/visit#<boothId>`. */
  | { kind: 'posters'; boothIds: string[]; origin: string }
  /** For a network or power cut: each gate's paper tally for a day, a row every 15 minutes. */
  | { kind: 'tallies'; day: string; gateIds: string[] }
  /** The same kit's attendance sheets: each workshop's roster for a day, read from the API when printed. */
  | { kind: 'rosters'; day: string; workshopIds: string[] }
  /** An attestation of attendance for each person a workshop's door admitted, two to an A4 sheet. */
  | { kind: 'attestations'; workshopId: string };

const KEY = 'rawaq.printJob';

export function openPrintJob(job: PrintJob): void {
  sessionStorage.setItem(KEY, JSON.stringify(job));
  location.assign('/print');
}

/**
 * The job handed over. Sign-in cards carry working credentials: they leave session storage as soon as
 * they are read, so the tab's storage holds no credential once the cards are on screen (a reload shows
 * nothing to print; the cards are made again from /organise).
 */
export function takePrintJob(): PrintJob | undefined {
  const text = sessionStorage.getItem(KEY);
  const job = text ? (JSON.parse(text) as PrintJob) : undefined;
  if (job?.kind === 'signIn') sessionStorage.removeItem(KEY);
  return job;
}
