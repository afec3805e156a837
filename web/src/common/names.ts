import { FIRST_ORGANISER_ID, FIRST_ORGANISER_LABEL } from '../../../shared/contract/credentials';
import { h } from './dom';
import { localName, t } from './i18n';
import type { Fair } from './types';

/**
 * A credential's name: its label, but the stack's own first organiser is named in the reader's
 * language, whether it comes with its id (the header, the access codes) or as who did something.
 */
export function credentialName(credential: { credentialId?: string; label: string }): string {
  const first = credential.credentialId === FIRST_ORGANISER_ID || credential.label === FIRST_ORGANISER_LABEL;
  return first ? t('firstOrganiser') : credential.label;
}

/** Who did something (an incident, a decision, a paper tally), as answers name them: by label. */
export const whoName = (label: string) => credentialName({ label });

/** A zone's name in the reader's language; undefined for an id the fair does not know. */
export function zoneNameIn(fair: Pick<Fair, 'zones'>, zoneId: string | undefined): string | undefined {
  const zone = fair.zones.find((candidate) => candidate.zoneId === zoneId);
  return zone ? localName(zone) : undefined;
}

/** A ticket or booth category's name in the reader's language; the id for one the fair does not list. */
export function categoryNameIn(fair: Pick<Fair, 'categories'>, categoryId: string): string {
  const category = fair.categories?.find((candidate) => candidate.categoryId === categoryId);
  return category ? localName(category) : categoryId;
}

/** A gate's name in the reader's language; undefined for an id the fair does not know. */
export function gateNameIn(fair: Pick<Fair, 'gates'>, gateId: string | undefined): string | undefined {
  const gate = fair.gates.find((candidate) => candidate.gateId === gateId);
  return gate ? localName(gate) : undefined;
}

/** Every zone as a choice in a form's list, named in the reader's language. */
export function zoneOptions(fair: Pick<Fair, 'zones'>): HTMLOptionElement[] {
  return fair.zones.map((zone) => h('option', { value: zone.zoneId }, localName(zone)));
}
