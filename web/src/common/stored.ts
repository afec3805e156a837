/**
 * Every name under which the pages keep something on a phone or a desk's browser, in one list: two
 * features can only share a key by being written here side by side. A rename (f4e0766) once gave the
 * gate's scan tally the walk-in panel's key, `rawaq.walkIns.<day>`, and each ticket a steward scanned
 * joined the walk-ins; nothing saw it until a loaded run's tally read 5 where 4 keys were pressed.
 * test/unit/stored-names.test.ts checks that no two names here can meet, whatever their parameters, and
 * that no page spells a `rawaq.` name anywhere else.
 */

/** localStorage keys that hold one thing per browser. */
export const STORED = {
  // Every page.
  apiUrl: 'rawaq.apiUrl',
  credential: 'rawaq.credential',
  me: 'rawaq.me',
  fair: 'rawaq.fair',
  language: 'rawaq.language',
  clockOffsetMs: 'rawaq.clockOffsetMs',
  deviceId: 'rawaq.deviceId',
  pinHash: 'rawaq.pinHash',
  evacuation: 'rawaq.evacuation',
  broadcastsRead: 'rawaq.broadcastsRead',
  badgeSize: 'rawaq.badgeSize',
  /** The camera was left on: a reloaded scanning page starts it again. */
  cameraOn: 'rawaq.cameraOn',
  // The gate.
  gate: 'rawaq.gate',
  direction: 'rawaq.direction',
  gateMode: 'rawaq.gateMode',
  offlineKit: 'rawaq.offlineKit',
  // The workshop door.
  workshop: 'rawaq.workshop',
  doorExits: 'rawaq.door.exits',
  // The booth.
  booth: 'rawaq.booth',
  boothKeys: 'rawaq.booth.keys',
  // The entrance screen: its last answer, shown again when it restarts with no network.
  statusScreen: 'rawaq.statusScreen',
  // The visitor's page.
  myTicket: 'rawaq.myTicket',
  phoneId: 'rawaq.phoneId',
} as const;

/** localStorage keys kept per fair day, per gate or per booth: each a family of its own. */
export const STORED_PER = {
  /** A gate phone's tally of its scans (in, out, refused) on a fair day. */
  scans: (day: string) => `rawaq.scans.${day}`,
  /** A gate phone's tally of the walk-ins its steward counted on a fair day. */
  walkIns: (day: string) => `rawaq.walkIns.${day}`,
  /** The last zone standing a gate phone read, for its gate on a fair day. */
  zoneStatus: (gateId: string, day: string) => `rawaq.zoneStatus.${gateId}.${day}`,
  /** A booth's lead notes edited offline, not yet sent. */
  leadEdits: (boothId: string) => `rawaq.leadEdits.${boothId}`,
  /** A booth's figures as last read, for a fair day. */
  boothStats: (boothId: string, day: string) => `rawaq.booth.stats.${boothId}.${day}`,
  /** That the visitor shared their contact with a booth. */
  sharedWith: (boothId: string) => `rawaq.shared.${boothId}`,
} as const;

/** sessionStorage: what one tab hands the print page. */
export const SESSION_STORED = { printJob: 'rawaq.printJob' } as const;

/** IndexedDB databases: the gate's offline scans, the booth's queued visits. */
export const DATABASES = { gate: 'rawaq-gate', booth: 'rawaq-booth' } as const;
