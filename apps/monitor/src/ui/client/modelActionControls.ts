import type { UiModelDetail, UiVersion } from '../uiTypes';
import { type Child, el } from './dom';

/** The model page's writes: each resolves once the page is drawn again with its outcome. */
export interface ModelActions {
  /** `force` promotes past a refusing gate (`reason` is then required), as `mlops models promote --force --reason`. */
  promote(version: number, reason: string, force?: boolean): Promise<void>;
  rollback(reason: string): Promise<void>;
}

/** What the last move did, or the server's refusal of it, shown once on the page drawn after it. */
export interface ActionNotice {
  text: string;
  refused: boolean;
  /** A gate's refusal: the version refused and each rule that failed (the 409's details). */
  gate?: { version: number; failed: string[] };
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
  const force = notice?.refused && notice.gate ? forcePromote(notice.gate, actions, buttons) : '';
  const run = async (move: () => Promise<unknown>) => {
    document.getElementById('force-error')?.setAttribute('hidden', '');
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
    force,
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

/**
 * After a gate's refusal: the rules that failed, and Force promote with its required
 * reason (the audit entry says forced and keeps it). The server decides as for every
 * write: the admin key, then the same gate, evaluated and recorded under the model's lock.
 */
function forcePromote(
  gate: NonNullable<ActionNotice['gate']>,
  actions: ModelActions,
  buttons: HTMLButtonElement[],
): HTMLElement {
  const reason = el('input', {
    id: 'force-reason',
    type: 'text',
    size: 50,
    maxlength: 500,
    // Checked on submit with the page's own message (the browser's bubble would say less).
    'aria-required': 'true',
    placeholder: 'why promote past the gate (required, audited)',
    'aria-label': 'reason for forcing the promotion',
  });
  const error = el('span', { id: 'force-error', class: 'error', role: 'alert', hidden: true });
  const button = el(
    'button',
    { type: 'submit', id: 'force-promote-button', 'data-version': gate.version },
    `Force promote v${gate.version}`,
  );
  buttons.push(button);
  const form = el(
    'form',
    { id: 'force-promote' },
    el('p', {}, `The gate refused v${gate.version}; the rules that failed:`),
    el('ul', { id: 'gate-refusal-rules' }, ...gate.failed.map((rule) => el('li', {}, rule))),
    el('p', {}, reason, ' ', button, ' ', error),
    el(
      'p',
      { class: 'muted' },
      'Forcing moves production anyway, as mlops models promote --force --reason does: the gate is still evaluated and the audit entry says forced, with your reason. It needs the admin key.',
    ),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const why = reason.value.trim();
    if (why === '') {
      error.textContent = 'a forced promotion needs a reason: say why production moves past its gate';
      error.hidden = false;
      return;
    }
    for (const b of buttons) b.disabled = true;
    void actions.promote(gate.version, why, true).catch((failure: unknown) => {
      error.textContent = failure instanceof Error ? failure.message : String(failure);
      error.hidden = false;
      for (const b of buttons) b.disabled = false;
    });
  });
  return form;
}
