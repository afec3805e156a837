import type { Fair } from '../domain/fair';
import { DEMO_FAIR_FILE, loadFairFile } from './fair-file';

/** The fair Rawaq ships with (`fairs/oujda-ess-2027.json`), so a new user sees it working at once. */
export const demoFair: Fair = loadFairFile(DEMO_FAIR_FILE);
