import { FIRST_ORGANISER_LABEL } from '../../../shared/contract/credentials';
import { h } from './dom';
import { localName, localTitle, t } from './i18n';
import type { Fair } from './types';

/**
 * Who a credential is, by its label (answers name a credential, and who did something, by label);
 * the stack's own first organiser is named in the reader's language.
 */
export const nameOf = (label: string): string => (label === FIRST_ORGANISER_LABEL ? t('firstOrganiser') : label);

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

/** A province's name in the reader's language; the id for one the fair does not list. */
export function provinceNameIn(fair: Pick<Fair, 'provinces'>, provinceId: string): string {
  const province = fair.provinces?.find((candidate) => candidate.provinceId === provinceId);
  return province ? localName(province) : provinceId;
}

/** A gate's name in the reader's language; undefined for an id the fair does not know. */
export function gateNameIn(fair: Pick<Fair, 'gates'>, gateId: string | undefined): string | undefined {
  const gate = fair.gates.find((candidate) => candidate.gateId === gateId);
  return gate ? localName(gate) : undefined;
}

/** A workshop's title in the reader's language; undefined for one the fair as loaded does not list. */
export function workshopNameIn(fair: Pick<Fair, 'workshops'>, workshopId: string): string | undefined {
  const workshop = fair.workshops.find((candidate) => candidate.workshopId === workshopId);
  return workshop ? localTitle(workshop) : undefined;
}

/** Every zone as a choice in a form's list, named in the reader's language. */
export function zoneOptions(fair: Pick<Fair, 'zones'>): HTMLOptionElement[] {
  return fair.zones.map((zone) => h('option', { value: zone.zoneId }, localName(zone)));
}
