import type { UiModelDetail, UiVersion } from '../uiTypes';
import { type Child, el } from './dom';

/** The model page's writes: each resolves once the page is drawn again with its outcome. */
export interface ModelActions {
  promote(version: number, reason: string): Promise<void>;
  rollback(reason: string): Promise<void>;
}

/** What the last move did, or the server's refusal of it, shown once on the page drawn after it. */
export interface ActionNotice {
  text: string;
  refused: boolean;
}

/**
 * The reason box, Rollback, the line saying what the last move did and the line
 * showing a refusal; `promoteButton` makes a version's Promote (none for production
 * or archived versions). While a move is in flight every button is disabled.
 */
export function actionControls(
  detail: UiModelDetail,
  actions: ModelActions,
  notice: ActionNotice | null,
): { element: HTMLElement; promoteButton: (v: UiVersion) => Child } {
  const reason = el('input', {
    id: 'action-reason',
    type: 'text',
    size: 40,
    maxlength: 500,
    placeholder: 'reason (kept in the audit trail)',
    'aria-label': 'reason for the move',
  });
  const done = notice && !notice.refused ? notice.text : null;
  const refused = notice?.refused ? notice.text : null;
  const result = el('p', { id: 'action-result', role: 'status', hidden: done === null }, done ?? '');
  const refusal = el(
    'p',
    { id: 'action-error', class: 'error', role: 'alert', hidden: refused === null },
    refused ?? '',
  );
  const buttons: HTMLButtonElement[] = [];
  const run = async (move: () => Promise<unknown>) => {
    for (const button of buttons) button.disabled = true;
    refusal.hidden = true;
    result.hidden = true;
    try {
      await move();
    } catch (error) {
      refusal.textContent = error instanceof Error ? error.message : String(error);
      refusal.hidden = false;
      for (const button of buttons) button.disabled = false;
    }
  };
  const production = detail.model.production_version;
  const rollback = el(
    'button',
    {
      type: 'button',
      id: 'rollback',
      disabled: production === null,
      title: 'point production back at the version before',
    },
    'Rollback',
  );
  rollback.addEventListener('click', () => void run(() => actions.rollback(reason.value.trim())));
  buttons.push(rollback);
  const element = el(
    'div',
    { id: 'model-actions' },
    el(
      'p',
      {},
      reason,
      ' ',
      rollback,
      el(
        'span',
        { class: 'muted' },
        ' Promote and rollback go through the registry (the gate, the audit trail) and need the admin key.',
      ),
    ),
    result,
    refusal,
  );
  const promoteButton = (v: UiVersion): Child => {
    if (v.production || v.archived) return '–';
    const button = el('button', { type: 'button', class: 'promote', 'data-version': v.version }, 'Promote');
    button.addEventListener('click', () => void run(() => actions.promote(v.version, reason.value.trim())));
    buttons.push(button);
    return button;
  };
  return { element, promoteButton };
}
