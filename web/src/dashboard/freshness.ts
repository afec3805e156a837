import { zoneOf } from '../../../shared/domain/fair-time';
import { h } from '../common/dom';
import { fairNow } from '../common/fair-clock';
import { formatShortDay, formatTime, t } from '../common/i18n';
import type { Shell } from '../common/shell';
import type { Fair } from '../common/types';

const STALE_AFTER_MS = 5000;

/**
 * How fresh the live figures are: "updated at" while they are, and past 5 s without an answer a banner
 * and the shell's stale state, so old figures are never shown as live.
 */
export function freshness(fair: Fair, shell: Pick<Shell, 'setConnection'>) {
  const banner = h('p', { class: 'card stale-banner wide', id: 'stale', hidden: true, role: 'status' });
  const updated = h('p', { class: 'muted', id: 'updated' });
  let lastLive = 0;
  function show(): void {
    const age = Date.now() - lastLive;
    const stale = lastLive === 0 || age > STALE_AFTER_MS;
    banner.hidden = !stale || lastLive === 0;
    if (stale && lastLive > 0) {
      const seconds = Math.round(age / 1000);
      const at = formatTime(lastLive + (fairNow().getTime() - Date.now()), zoneOf(fair), true);
      banner.textContent = `${t('stale', { seconds })} · ${t('updatedAt', { time: at })}`;
      shell.setConnection('stale', t('stale', { seconds }));
    } else if (lastLive > 0) {
      shell.setConnection('online');
      updated.textContent = t('updatedAt', { time: formatTime(fairNow(), zoneOf(fair), true) });
    }
    document.body.classList.toggle('is-stale', stale);
  }
  return {
    banner,
    updated,
    show,
    /** The live figures just arrived. */
    fresh(): void {
      lastLive = Date.now();
    },
  };
}

/**
 * The functions' zone data disagreeing with the fair's file: said until someone updates the runtime.
 */
export function zoneDataBanner(fair: Fair) {
  const banner = h('p', { class: 'card stale-banner wide', id: 'zone-data', hidden: true, role: 'alert' });
  return {
    banner,
    show(): void {
      const data = fair.timeZoneData;
      banner.hidden = data?.agreesWithFile !== false;
      if (data && !banner.hidden)
        banner.textContent = t('zoneDataDisagrees', {
          version: data.version,
          days: data.disagreements.map((entry) => formatShortDay(entry.day)).join(', '),
        });
    },
  };
}
