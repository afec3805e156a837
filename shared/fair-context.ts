import { resource } from './config';
import { TokenVerifier } from './domain/token-verifier';
import { ZoneTree } from './domain/zone-tree';
import { cached } from './store/cached';
import { dynamo } from './store/clients';
import { getFairMeta, listGates } from './store/fair-store';
import { getPublicKeys } from './store/public-keys-store';
import { listZones } from './store/zones-store';

/**
 * What most functions need to know about the fair, read once per warm instance and refreshed every
 * minute (a key rotation or a new gate shows up within that).
 */
const REFRESH_MS = 60_000;

export const fairMeta = cached(async () => {
  const meta = await getFairMeta(dynamo(), resource('FAIR_TABLE'));
  if (!meta) throw new Error('the fair has not been loaded: the seed custom resource has not run');
  return meta;
}, REFRESH_MS);

export const gatesById = cached(
  async () => new Map((await listGates(dynamo(), resource('FAIR_TABLE'))).map((gate) => [gate.gateId, gate])),
  REFRESH_MS,
);

export const tokenVerifier = cached(
  async () => new TokenVerifier(await getPublicKeys(dynamo(), resource('FAIR_TABLE'))),
  REFRESH_MS,
);

/** How the zones nest: read from the zones table, where a redeployed fair's new zones appear. */
export const zoneTree = cached(
  async () => new ZoneTree(await listZones(dynamo(), resource('ZONES_TABLE'))),
  REFRESH_MS,
);
