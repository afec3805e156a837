import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

/**
 * Where each stream mapping has got to in each shard, on disk under $DATA_DIR, written after every
 * successful batch (temp file + rename, so a crash leaves the old or the new file, never half of one):
 * a restart resumes after the last record done, neither skipping nor replaying done work.
 */
export class CheckpointStore {
  private readonly positions: Record<string, string>;

  constructor(private readonly file: string | undefined) {
    this.positions = file && existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>) : {};
  }

  get(mappingId: string, shardId: string): string | undefined {
    return this.positions[`${mappingId}/${shardId}`];
  }

  set(mappingId: string, shardId: string, sequenceNumber: string): void {
    this.positions[`${mappingId}/${shardId}`] = sequenceNumber;
    if (!this.file) return;
    const temporary = `${this.file}.tmp`;
    writeFileSync(temporary, JSON.stringify(this.positions));
    renameSync(temporary, this.file);
  }
}

export function sequenceAfter(a: string, b: string | undefined): boolean {
  return b === undefined || BigInt(a) > BigInt(b);
}
