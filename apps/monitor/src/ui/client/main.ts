// The web UI's browser entry, bundled by esbuild into /assets/ui.js. It routes in the
// browser (History API): the path says which page is shown, links marked `data-route`
// change it without a reload, and back/forward re-render from the path alone.

import type { UiChallengerResponse } from '../uiChallengerTypes';
import type {
  UiAuditEntry,
  UiCompareResponse,
  UiDriftResponse,
  UiModelActionResponse,
  UiModelDetail,
  UiModelsResponse,
  UiReplicasResponse,
  UiRunDetail,
  UiRunsResponse,
  UiServingResponse,
} from '../uiTypes';
import { getJson, postJson, UiApiError } from './api';
import { comparePage, type ShownPage } from './comparePage';
import { el } from './dom';
import type { ActionNotice, ModelActions } from './modelActionControls';
import { modelPage } from './modelPage';
import { modelsPage } from './modelsPage';
import { modelPicker, monitoringPage } from './monitoringPage';
import { modelHref, monitoringQueryOf, type Route, routeOf, runsQueryOf, runsSearch } from './router';
import { runPage } from './runPage';
import { type RunsResult, runsPage } from './runsPage';

const view = document.getElementById('view') as HTMLElement;
/** Each render's number: a slow answer for a page already left is dropped. */
let renders = 0;
/** What the last promote or rollback did (or why it was refused), shown once on the model page drawn after it. */
let notice: ActionNotice | null = null;

async function shownFor(route: Route): Promise<ShownPage> {
  switch (route.page) {
    case 'models':
      document.title = 'Models · MLOps';
      return { page: modelsPage(await getJson<UiModelsResponse>('/api/ui/models')) };
    case 'model': {
      document.title = `${route.name} · Models · MLOps`;
      const [detail, models] = await Promise.all([
        getJson<UiModelDetail>(`/api/ui/models/${encodeURIComponent(route.name)}`),
        getJson<UiModelsResponse>('/api/ui/models'),
      ]);
      const shown = notice;
      notice = null;
      const picker = modelPicker(
        models.models.map((m) => m.name),
        route.name,
        (name) => go(modelHref(name)),
      );
      return modelPage(detail, modelActions(route.name), shown, picker);
    }
    case 'monitoring': {
      document.title = `Monitoring · ${route.name} · MLOps`;
      const query = monitoringQueryOf(location.search);
      const base = `/api/ui/models/${encodeURIComponent(route.name)}`;
      // The server checks every parameter (400 naming it); the address passes them on as they are.
      const search = (keys: readonly ('version' | 'range' | 'from' | 'to' | 'report')[]) => {
        const params = new URLSearchParams();
        for (const key of keys) if (query[key]) params.set(key, query[key] as string);
        return params.size ? `?${params}` : '';
      };
      const [models, drift, serving, challenger, replicas] = await Promise.all([
        getJson<UiModelsResponse>('/api/ui/models'),
        getJson<UiDriftResponse>(`${base}/drift${search(['version', 'range', 'from', 'to', 'report'])}`),
        getJson<UiServingResponse>(`${base}/serving${search(['version', 'range', 'from', 'to'])}`),
        // The production version against its challengers: the version picker does not apply.
        getJson<UiChallengerResponse>(`${base}/challenger${search(['range', 'from', 'to'])}`),
        getJson<UiReplicasResponse>(`/api/ui/replicas?model=${encodeURIComponent(route.name)}`),
      ]);
      return monitoringPage({ models, drift, serving, challenger, replicas }, query, go);
    }
    case 'runs': {
      document.title = 'Runs · MLOps';
      const query = runsQueryOf(location.search);
      return { page: runsPage(await runsOf(`/api/ui/runs${runsSearch(query)}`), query, go) };
    }
    case 'run':
      document.title = `${route.id} · Runs · MLOps`;
      return { page: runPage(await getJson<UiRunDetail>(`/api/ui/runs/${encodeURIComponent(route.id)}`)) };
    case 'compare': {
      document.title = 'Compare runs · MLOps';
      // The server reads and checks the ids (2 to 10, each held by the store).
      const ids = new URLSearchParams(location.search).getAll('runs').join(',');
      return comparePage(await getJson<UiCompareResponse>(`/api/ui/compare?runs=${encodeURIComponent(ids)}`));
    }
    case 'bad-address':
      throw new Error(route.message);
    case 'not-found':
      throw new Error(
        `there is no page at ${route.path}: see the models at /ui/models and the runs at /ui/runs`,
      );
  }
}

/**
 * Promote and rollback of model `name`: POSTed, then the page is drawn again from the
 * registry, saying what moved or why not (a refused promotion is in the audit trail).
 */
function modelActions(name: string): ModelActions {
  const base = `/api/ui/models/${encodeURIComponent(name)}`;
  // The gate's last refusal on this page: a forced attempt refused for another reason (no key) keeps its form.
  let refusedGate: ActionNotice['gate'];
  const attempt = async (
    path: string,
    body: { version?: number; reason: string; force?: boolean },
  ): Promise<void> => {
    try {
      const { entry } = await postJson<UiModelActionResponse>(path, body);
      notice = { text: movedText(entry), refused: false };
      refusedGate = undefined;
    } catch (error) {
      // No valid session: drawing the page again would leave for the login form, so the
      // refusal is shown where the user clicked, and the page (and its form) stay.
      if (error instanceof UiApiError && error.status === 401) {
        throw new UiApiError(
          401,
          `refused: this move needs the admin key and this page holds no valid session: log in at /login with the key (MLOPS_API_KEY), then try again. The server said: ${error.message}`,
          error.code,
        );
      }
      notice = { text: error instanceof Error ? error.message : String(error), refused: true };
      // A gate's refusal offers Force promote, with the rules that failed (one detail each).
      if (error instanceof UiApiError && error.code === 'gate-failed' && body.version !== undefined) {
        refusedGate = {
          version: body.version,
          failed: error.details.map((d) => d.message ?? d.field ?? '').filter((m) => m !== ''),
        };
        notice.gate = refusedGate;
      } else if (body.force && refusedGate?.version === body.version) notice.gate = refusedGate;
      else refusedGate = undefined;
    }
    await render();
  };
  return {
    promote: (version, reason, force) =>
      attempt(`${base}/promote`, force ? { version, reason, force: true } : { version, reason }),
    rollback: (reason) => attempt(`${base}/rollback`, { reason }),
  };
}

function movedText(entry: UiAuditEntry): string {
  const from = entry.from === null ? 'none' : `v${entry.from}`;
  if (entry.forced) {
    return `Force-promoted: production ${from} → v${entry.to} past its gate (audited as ${entry.actor}, forced: ${entry.reason}).`;
  }
  return `${entry.action === 'rollback' ? 'Rolled back' : 'Promoted'}: production ${from} → v${entry.to} (audited as ${entry.actor}).`;
}

/** The runs a query matched; a query the server refuses (400) is shown on the runs page, beside its box. */
async function runsOf(path: string): Promise<RunsResult> {
  try {
    return { data: await getJson<UiRunsResponse>(path) };
  } catch (error) {
    if (error instanceof UiApiError && error.status === 400) return { refusal: error.message };
    throw error;
  }
}

/** Moves to `address` (path and query) as a link would, and draws it. */
function go(address: string): void {
  if (address !== location.pathname + location.search) history.pushState(null, '', address);
  void render();
}

async function render(): Promise<void> {
  const mine = ++renders;
  const route = routeOf(location.pathname);
  let shown: ShownPage;
  try {
    shown = await shownFor(route);
  } catch (error) {
    const page = el(
      'section',
      {},
      el('h1', {}, 'Cannot show this page'),
      el(
        'p',
        { id: 'error', class: 'error', role: 'alert' },
        error instanceof Error ? error.message : String(error),
      ),
      el('p', {}, el('a', { href: '/ui/models', 'data-route': true }, 'all models')),
    );
    shown = { page };
  }
  if (mine !== renders) return;
  const { page, mounted } = shown;
  view.replaceChildren(page);
  // Charts need the page laid out; the render counts as finished once they are drawn.
  await mounted?.();
  if (mine !== renders) return;
  document.body.dataset.view = page.querySelector('#error') ? 'error' : route.page;
  // Tests and scripts wait on this: it changes once per finished render.
  document.body.dataset.loaded = String(mine);
}

document.addEventListener('click', (event) => {
  const link = (event.target as Element | null)?.closest?.('a[data-route]');
  if (!(link instanceof HTMLAnchorElement) || event.button !== 0) return;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  go(link.pathname + link.search);
});
window.addEventListener('popstate', () => void render());
if (location.pathname.replace(/\/+$/, '') === '/ui') history.replaceState(null, '', '/ui/models');
void render();
