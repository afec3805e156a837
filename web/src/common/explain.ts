import { ApiError, NetworkError } from './api';
import { t } from './i18n';
import type { MessageKey } from './messages';

/** The names of the fields the pages send, in the reader's language. */
const FIELD_WORDS: Record<string, MessageKey> = {
  label: 'label',
  role: 'role',
  'scope.gates': 'gates',
  'scope.workshops': 'workshops',
  'scope.booth': 'booth',
  token: 'codeLabel',
  gateId: 'gateLabel',
};

/**
 * An error in words the person holding the phone understands, in their language: what happened and
 * what to do. The API's own message is for developers (English): a refusal names the fields it
 * concerns in the reader's language instead.
 */
export function explain(error: unknown): string {
  if (error instanceof NetworkError) return t('networkDown');
  if (error instanceof ApiError) {
    if (error.status === 401) return t('credentialRefused');
    if (error.status === 403) return t('errorForbidden');
    if (error.status === 404) return t('errorNotFound');
    if (error.status === 400 || error.status === 413) {
      const fields = [...new Set(error.fields.map((field) => (FIELD_WORDS[field] ? t(FIELD_WORDS[field]) : field)))];
      return t('errorInvalid', { detail: fields.length > 0 ? fields.join(', ') : t('errorRequest') });
    }
    return t('errorOther', { status: error.status });
  }
  return t('errorOther', { status: String(error) });
}
