import { STORED } from './stored';
/** This device's id, made once and kept: what its scans, counts and reports carry. */
export function deviceId(): string {
  let id = localStorage.getItem(STORED.deviceId);
  if (!id) {
    id = `web-${crypto.randomUUID()}`;
    localStorage.setItem(STORED.deviceId, id);
  }
  return id;
}
