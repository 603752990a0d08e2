import { Body, Controller, Path, Post, Request, Response, Route, SuccessResponse, Tags } from '@tsoa/runtime';
import type { Request as ExpressRequest } from 'express';
import type { FeatureValues, PredictionResponse } from './predictionDtos';
import type { PredictionsService } from './predictionsService';

/** Error body of every failed request. */
interface ErrorBody {
  error: { code: string; message: string; details: Array<{ field?: string; message: string }> };
}

@Route('')
@Tags('predictions')
export class PredictionsController extends Controller {
  constructor(private readonly service: PredictionsService) {
    super();
  }

  /** Predicts with the production version of the default model (`MLOPS_MODEL`). */
  @Post('predict')
  @SuccessResponse(200, 'prediction')
  @Response<ErrorBody>(422, 'a feature is missing, unknown, of the wrong type or out of range')
  public async predict(
    @Body() body: FeatureValues,
    @Request() request: ExpressRequest,
  ): Promise<PredictionResponse> {
    return this.service.predict(this.service.defaultModel, body, request.res!.locals.requestId);
  }

  /** Predicts with the production version of the named model. */
  @Post('models/{name}/predict')
  @SuccessResponse(200, 'prediction')
  @Response<ErrorBody>(404, 'no production model of that name')
  @Response<ErrorBody>(422, 'a feature is missing, unknown, of the wrong type or out of range')
  public async predictWith(
    @Path() name: string,
    @Body() body: FeatureValues,
    @Request() request: ExpressRequest,
  ): Promise<PredictionResponse> {
    return this.service.predict(name, body, request.res!.locals.requestId);
  }
}
