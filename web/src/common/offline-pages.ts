import { BUILT_FILES } from '../../pages';

/**
 * The pages themselves stay available when the network drops (a gate phone reloaded offline, the
 * entrance screen restarted during an outage): the service worker caches every page at its first visit.
 */
export function registerServiceWorker(): void {
  if ('serviceWorker' in navigator && location.protocol !== 'file:') {
    navigator.serviceWorker.register(`/${BUILT_FILES.serviceWorker}`).catch(() => undefined);
  }
}
