import { ALERT_LEVELS } from '../alertLevels';
import { el } from './dom';

/** The legend of the alert levels, each as the badge the pages draw it with. */
export function alertLegend(): HTMLElement {
  return el(
    'dl',
    { id: 'alert-legend', class: 'legend', 'aria-label': 'alert levels' },
    ...ALERT_LEVELS.map(({ level, meaning }) =>
      el(
        'div',
        {},
        el('dt', {}, el('span', { class: `badge ${level.replace(/ /g, '-')}` }, level)),
        el('dd', {}, meaning),
      ),
    ),
  );
}
