import { download } from './api';
import { h } from './dom';
import { explain } from './explain';
import type { MessageKey } from './messages';

/**
 * A button that downloads what the API makes (a CSV, the contacts), and the line that says, in the
 * reader's language, why it could not (no network, a refusal): a press is never silent. The line has
 * the button's id with `-problem`; place it under the button's row.
 */
export function downloadButton(
  id: string,
  label: MessageKey,
  file: () => { path: string; name: string } | undefined,
): { button: HTMLButtonElement; problem: HTMLElement } {
  const button = h('button', { type: 'button', id, t: label });
  const problem = h('p', { class: 'form-error', role: 'alert', id: `${id}-problem`, hidden: true });
  let busy = false;
  button.addEventListener('click', async () => {
    const target = file();
    if (!target || busy) return;
    busy = true;
    problem.hidden = true;
    try {
      await download(target.path, target.name);
    } catch (error) {
      problem.textContent = explain(error);
      problem.hidden = false;
    } finally {
      busy = false;
    }
  });
  return { button, problem };
}
