import { TicketKeyring } from '../domain/signing-keys';
import { cached } from '../store/cached';
import { dynamo, secrets } from '../store/clients';
import { publishPublicKeys } from '../store/public-keys-store';
import { readSecret } from '../store/secret-store';
import { now } from './clock';
import { resource } from './config';

/**
 * The signing keyring, for the few functions allowed to read the signing secret. Read again every
 * minute (a rotation reaches every signer within a minute), and its public keys published before
 * anything is signed with it: no ticket is ever signed by a key gates and doors cannot learn. The keys
 * the secret names as retired are published so at the same time (public-keys-store.ts).
 */
const REFRESH_MS = 60_000;

export const ticketKeyring = cached(async () => {
  const keyring = new TicketKeyring(await readSecret(secrets(), resource('SIGNING_KEY_SECRET_ARN'), REFRESH_MS));
  await publishPublicKeys(dynamo(), resource('FAIR_TABLE'), keyring.publicKeys(), keyring.retired, now().toISOString());
  return keyring;
}, REFRESH_MS);
