/** This device's id, made once and kept: what its scans, counts and reports carry. */
export function deviceId(): string {
  let id = localStorage.getItem('rawaq.deviceId');
  if (!id) {
    id = `web-${crypto.randomUUID()}`;
    localStorage.setItem('rawaq.deviceId', id);
  }
  return id;
}
