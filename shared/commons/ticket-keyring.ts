import { TicketKeyring } from '../domain/signing-keys';
import { cached } from '../store/cached';
import { dynamo, secrets } from '../store/clients';
import { publishPublicKeys } from '../store/public-keys-store';
import { readSecret } from '../store/secret-store';
import { resource } from './config';

/**
 * The signing keyring, for the few functions allowed to read the signing secret. Read again every
 * minute (a rotation reaches every signer within a minute), and its public keys published before
 * anything is signed with it: no ticket is ever signed by a key gates and doors cannot learn.
 */
export const ticketKeyring = cached(async () => {
  const keyring = new TicketKeyring(await readSecret(secrets(), resource('SIGNING_KEY_SECRET_ARN')));
  await publishPublicKeys(dynamo(), resource('FAIR_TABLE'), keyring.publicKeys());
  return keyring;
}, 60_000);
