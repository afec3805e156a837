import type { Fair } from '../../../shared/contract/answers';

/**
 * The API's answers as the pages read them: the API's own schemas (shared/contract/answers.ts, the
 * ones the OpenAPI document and the integration tests hold every answer to), imported as types only.
 */
export type {
  Alert,
  BoothStats,
  DoorAnswer,
  DryRun,
  Fair,
  Me,
  Occupancy,
  ScanAnswer as GateScanAnswer,
  Workshop,
  ZoneOccupancy,
} from '../../../shared/contract/answers';
export type { Role } from '../../../shared/domain/access';
export type { Level } from '../../../shared/domain/levels';

export type Zone = Fair['zones'][number];
export type Gate = Fair['gates'][number];
export type Booth = Fair['booths'][number];
export type Category = Fair['categories'][number];
export type DayHours = Fair['hours'][number];
