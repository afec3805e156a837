import { resource } from './config';
import { TicketKeyring } from './signing-keys';
import { cached } from './store/cached';
import { secrets } from './store/clients';
import { readSecret } from './store/secret-store';

/** The signing keyring, for the few functions allowed to read the signing secret. */
export const ticketKeyring = cached(
  async () => new TicketKeyring(await readSecret(secrets(), resource('SIGNING_KEY_SECRET_ARN'))),
  10 * 60_000,
);
