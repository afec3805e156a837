import { localName } from './i18n';
import type { Fair } from './types';

/** A zone's name in the reader's language; undefined for an id the fair does not know. */
export function zoneNameIn(fair: Pick<Fair, 'zones'>, zoneId: string | undefined): string | undefined {
  const zone = fair.zones.find((candidate) => candidate.zoneId === zoneId);
  return zone ? localName(zone) : undefined;
}

/** A gate's name in the reader's language; undefined for an id the fair does not know. */
export function gateNameIn(fair: Pick<Fair, 'gates'>, gateId: string | undefined): string | undefined {
  const gate = fair.gates.find((candidate) => candidate.gateId === gateId);
  return gate ? localName(gate) : undefined;
}
