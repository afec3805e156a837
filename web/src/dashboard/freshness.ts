import { zoneOf } from '../../../shared/domain/fair-time';
import { h } from '../common/dom';
import { fairNow } from '../common/fair-clock';
import { formatShortDay, formatTime, t } from '../common/i18n';
import type { Shell } from '../common/shell';
import type { Fair } from '../common/types';

const STALE_AFTER_MS = 5000;

/**
 * How fresh the live figures are: "updated at" while they are, and past 5 s without an answer a banner
 * and the shell's stale state, so old figures are never shown as live. A page opened with no network
 * (its files from the phone's cache) has no figures at all: it says so, and that it is offline.
 */
export function freshness(fair: Fair, shell: Pick<Shell, 'setConnection'>) {
  const banner = h('p', { class: 'card stale-banner wide', id: 'stale', hidden: true, role: 'status' });
  const updated = h('p', { class: 'muted', id: 'updated' });
  let lastLive = 0;
  let unanswered = false;
  function show(): void {
    const age = Date.now() - lastLive;
    const stale = lastLive === 0 || age > STALE_AFTER_MS;
    banner.hidden = !stale || (lastLive === 0 && !unanswered);
    if (lastLive === 0 && unanswered) {
      banner.textContent = t('noLiveFigures');
      shell.setConnection('offline');
    } else if (stale && lastLive > 0) {
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
    /** A beat found no answer (no network, or the server's down). */
    unanswered(): void {
      unanswered = true;
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
