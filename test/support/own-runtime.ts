import { freePort } from '../../local/emulators/free-port';
import { startRawaqRuntime } from '../../local/rawaq-runtime';
import type { LocalRuntime } from '../../local/runtime';

type RuntimeOptions = Parameters<typeof startRawaqRuntime>[0];

/**
 * A runtime of a test file's own (its clock moved by the test, a grant taken away, limits on): in
 * memory, on loopback, serving the API and the pages, quiet unless told otherwise. What differs is
 * passed; the first organiser credential comes back with it.
 */
export async function startOwnRuntime(
  options: Partial<RuntimeOptions> & Pick<RuntimeOptions, 'startEventSources'>,
): Promise<{ runtime: LocalRuntime; credential: string }> {
  const runtime = await startRawaqRuntime({
    dataDir: undefined,
    port: await freePort(),
    host: '127.0.0.1',
    serveApi: true,
    log: () => undefined,
    ...options,
  });
  return { runtime, credential: runtime.vault.get(runtime.output('FirstOrganiserSecretArn') ?? '') ?? '' };
}
