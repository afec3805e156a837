/**
 * What /print lays out on A4 sheets: badges (8 or 10 to a page, a QR code and its short code each)
 * or sign-in cards for exhibitors' phones. A page that has the data hands it over in sessionStorage
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
}

export interface SignInCard {
  label: string;
  /** The page's link with the credential in its fragment: the phone's camera opens it. */
  link: string;
  boothId?: string;
}

export type PrintJob =
  | { kind: 'badges'; badges: BadgeToPrint[]; perPage: 8 | 10 }
  | { kind: 'signIn'; cards: SignInCard[] };

const KEY = 'rawaq.printJob';

export function openPrintJob(job: PrintJob): void {
  sessionStorage.setItem(KEY, JSON.stringify(job));
  location.assign('/print');
}

export function takePrintJob(): PrintJob | undefined {
  const text = sessionStorage.getItem(KEY);
  return text ? (JSON.parse(text) as PrintJob) : undefined;
}
