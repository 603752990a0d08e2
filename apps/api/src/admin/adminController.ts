import { Body, Controller, Path, Post, Response, Route, Security, Tags } from '@tsoa/runtime';
import type { ErrorBody } from '../http/ErrorBody';
import type { AliasMoveResponse, PromoteRequest, ReloadResponse, RollbackRequest } from './adminDtos';
import type { AdminService } from './adminService';

/**
 * Operations on the served models. Every route needs `Authorization: Bearer
 * <MLOPS_API_KEY>` (checked by `apiKeyGuard` through tsoa's authentication hook); without
 * a configured key they answer 404.
 */
@Route('admin')
@Tags('admin')
@Security('bearer')
@Response<ErrorBody>(401, 'no bearer token, or not the API key')
@Response<ErrorBody>(404, 'the admin routes are off (no MLOPS_API_KEY), or no such model/version')
export class AdminController extends Controller {
  constructor(private readonly service: AdminService) {
    super();
  }

  /** Re-reads the registry now and loads every production version that moved. */
  @Post('reload')
  public async reload(): Promise<ReloadResponse> {
    return this.service.reload();
  }

  /** Makes `version` the production version (the quality gate applies unless `force`), then serves it. */
  @Post('models/{name}/promote')
  @Response<ErrorBody>(409, 'the version failed its quality gate: pass force to promote anyway')
  @Response<ErrorBody>(422, 'the body is not {version, force?, reason?}')
  public async promote(@Path() name: string, @Body() body: PromoteRequest): Promise<AliasMoveResponse> {
    return this.service.promote(name, body.version, { force: body.force, reason: body.reason });
  }

  /** Puts back the production version before the current one, then serves it. */
  @Post('models/{name}/rollback')
  @Response<ErrorBody>(409, 'there is no earlier production version')
  public async rollback(@Path() name: string, @Body() body?: RollbackRequest): Promise<AliasMoveResponse> {
    return this.service.rollback(name, body?.reason);
  }
}
