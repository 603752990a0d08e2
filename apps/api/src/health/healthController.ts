import { Controller, Get, Response, Route, Tags } from '@tsoa/runtime';
import type { Readiness, ReadinessReport } from './readiness';

interface HealthResponse {
  status: 'ok';
}

@Route('')
@Tags('health')
export class HealthController extends Controller {
  constructor(private readonly readiness: Readiness) {
    super();
  }

  /** Liveness: the process is up. */
  @Get('health')
  public async health(): Promise<HealthResponse> {
    return { status: 'ok' };
  }

  /**
   * Readiness, per model: 200 while the default model (`MLOPS_MODEL`) serves a
   * version, 503 (same body) while it does not; other models' failures show in the
   * body but never make the server unready.
   */
  @Get('ready')
  @Response<ReadinessReport>(503, 'the default model is not serving')
  public async ready(): Promise<ReadinessReport> {
    const report = this.readiness.report();
    if (!report.ready) this.setStatus(503);
    return report;
  }
}
