import { machineFactor } from './machine-factor';

/**
 * Polls until `probe` gives a value (not undefined), or fails naming what it waited for. The wait is
 * scaled by how busy the machine is (machine-factor.ts).
 */
export async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 30_000,
  everyMs = 100,
): Promise<T> {
  const budget = Math.round(timeoutMs * machineFactor());
  const deadline = Date.now() + budget;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  throw new Error(`timed out after ${budget} ms waiting for ${what}`);
}
