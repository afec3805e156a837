import { ApiError, NetworkError } from './api';
import { t } from './i18n';

/**
 * An error in words the person holding the phone understands, in their language: what happened and
 * what to do. The API's own message (English, for developers) is kept only as the detail of a refusal.
 */
export function explain(error: unknown): string {
  if (error instanceof NetworkError) return t('networkDown');
  if (error instanceof ApiError) {
    if (error.status === 401) return t('credentialRefused');
    if (error.status === 403) return t('errorForbidden');
    if (error.status === 404) return t('errorNotFound');
    if (error.status === 400 || error.status === 413) return t('errorInvalid', { detail: error.message });
    return t('errorOther', { status: error.status });
  }
  return t('errorOther', { status: String(error) });
}
