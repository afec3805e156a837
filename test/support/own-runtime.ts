import type { LocalRuntime } from '../../local/runtime';

/**
 * A runtime of a test file's own (its clock moved by the test, a grant taken away, limits on): the
 * in-memory runtime the bench and the sample capture start too.
 */
export { startInMemoryRuntime as startOwnRuntime } from '../../local/rawaq-runtime';

/**
 * Whether the occupancy projector has finished every stream record the gate hours counter has, in
 * every shard: once the gate hours count a marker, the projector has then passed it too.
 */
export function projectorPassed(runtime: LocalRuntime): () => boolean {
  return () => {
    const projector = runtime.streamPositions('occupancy-projector');
    const gateHours = runtime.streamPositions('gate-hours-counter');
    if (gateHours.size === 0) return false;
    return [...gateHours].every(([shard, sequence]) => {
      const projected = projector.get(shard);
      return projected !== undefined && BigInt(projected) >= BigInt(sequence);
    });
  };
}
