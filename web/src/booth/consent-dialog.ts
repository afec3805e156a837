import { h } from '../common/dom';
import { signal } from '../common/feedback';
import { applyLanguage, language, t } from '../common/i18n';
import { icon } from '../common/icons';

/**
 * The consent question, full screen: may this exhibitor keep the contact the visitor chose to share?
 * Asked on the screen and aloud in the page's language; one visitor at a time.
 */
export function consentDialog() {
  const question = h('p', { class: 'consent-question', id: 'consent-question', dir: 'auto' });
  const yes = h('button', { type: 'button', class: 'big-action consent-yes', id: 'consent-yes' });
  const no = h('button', { type: 'button', class: 'big-action consent-no', id: 'consent-no' });
  const speak = h('button', { type: 'button', class: 'link', id: 'consent-speak' });
  const element = h(
    'div',
    {
      class: 'consent',
      id: 'consent',
      hidden: true,
      role: 'dialog',
      'aria-modal': 'true',
      'aria-labelledby': question.id,
    },
    h(
      'div',
      { class: 'consent-card' },
      h('div', { class: 'consent-icon' }, icon('contact', 56)),
      question,
      h('div', { class: 'consent-answers' }, yes, no),
      speak,
    ),
  );
  let answered: ((agreed: boolean) => void) | undefined;
  const say = () => {
    if (!('speechSynthesis' in window)) return;
    const utterance = new SpeechSynthesisUtterance(question.textContent ?? '');
    utterance.lang = { ar: 'ar-MA', fr: 'fr-FR', en: 'en-GB' }[language()];
    speechSynthesis.cancel();
    speechSynthesis.speak(utterance);
  };
  const answer = (agreed: boolean) => {
    element.hidden = true;
    speechSynthesis?.cancel?.();
    const heard = answered;
    answered = undefined;
    heard?.(agreed);
  };
  yes.addEventListener('click', () => answer(true));
  no.addEventListener('click', () => answer(false));
  speak.addEventListener('click', say);
  const labels = (exhibitor: string) => {
    question.textContent = t('consentQuestion', { exhibitor });
    yes.textContent = `✓ ${t('consentYes')}`;
    no.textContent = `✕ ${t('consentNo')}`;
    speak.replaceChildren(icon('speaker', 20), ` ${t('consentSpeak')}`);
  };
  return {
    element,
    labels,
    /** Asks the visitor; `then` hears their answer once. */
    ask(exhibitor: string, then: (agreed: boolean) => void): void {
      answered = then;
      labels(exhibitor);
      element.hidden = false;
      signal('pass');
      yes.focus();
      say();
    },
  };
}

/** After a yes: the visitor shows the consent code folded behind their badge, or says they have none. */
export function consentCodeWait(noCode: () => void) {
  const button = h('button', { type: 'button', class: 'secondary', id: 'consent-no-code', t: 'consentNoCode' });
  const element = h(
    'div',
    { class: 'notice consent-code-wait', id: 'consent-code-wait', hidden: true, role: 'status' },
    h('p', { t: 'consentShowCode', dir: 'auto' }),
    button,
  );
  button.addEventListener('click', noCode);
  return {
    element,
    show(): void {
      element.hidden = false;
      applyLanguage(element);
    },
    hide(): void {
      element.hidden = true;
    },
  };
}
