/**
 * On the venue machine (npm start serves `/local.json`; AWS does not): its local certificate's install
 * page, the link with the fingerprint in it (so a camera's preview shows it too), and how long the
 * certificate lasts. Undefined anywhere else.
 */
export interface VenueMachine {
  fingerprint: string;
  installUrl: string;
  installLink: string;
  validUntil: string;
}

export async function venueMachine(): Promise<VenueMachine | undefined> {
  const info = await fetch('/local.json', { cache: 'no-store' })
    .then((response) =>
      response.ok ? (response.json() as Promise<Partial<Omit<VenueMachine, 'installLink'>>>) : undefined,
    )
    .catch(() => undefined);
  if (!info?.fingerprint || !info.installUrl) return undefined;
  return {
    fingerprint: info.fingerprint,
    installUrl: info.installUrl,
    installLink: `${info.installUrl}#sha256=${info.fingerprint.replace(/:/g, '')}`,
    validUntil: info.validUntil ?? '',
  };
}
