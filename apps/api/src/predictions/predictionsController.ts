import { Body, Controller, Path, Post, Request, Response, Route, SuccessResponse, Tags } from '@tsoa/runtime';
import type { Request as ExpressRequest } from 'express';
import type { ErrorBody } from '../http/ErrorBody';
import type {
  BatchPredictionResponse,
  BatchRequest,
  FeatureValues,
  PredictionResponse,
} from './predictionDtos';
import type { PredictionsService } from './predictionsService';

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

  /** Predicts a batch of instances with the default model (`MLOPS_MODEL`), all or none. */
  @Post('predict/batch')
  @SuccessResponse(200, 'predictions, in the order of the instances')
  @Response<ErrorBody>(413, 'more instances than MLOPS_BATCH_LIMIT, or a body over MLOPS_BATCH_BODY_LIMIT')
  @Response<ErrorBody>(422, 'an instance has a missing, unknown, mistyped or out-of-range feature')
  public async predictBatch(
    @Body() body: BatchRequest,
    @Request() request: ExpressRequest,
  ): Promise<BatchPredictionResponse> {
    return this.service.predictBatch(
      this.service.defaultModel,
      body.instances,
      request.res!.locals.requestId,
    );
  }

  /** Predicts a batch of instances with the production version of the named model. */
  @Post('models/{name}/predict/batch')
  @SuccessResponse(200, 'predictions, in the order of the instances')
  @Response<ErrorBody>(404, 'no production model of that name')
  @Response<ErrorBody>(413, 'more instances than MLOPS_BATCH_LIMIT, or a body over MLOPS_BATCH_BODY_LIMIT')
  @Response<ErrorBody>(422, 'an instance has a missing, unknown, mistyped or out-of-range feature')
  public async predictBatchWith(
    @Path() name: string,
    @Body() body: BatchRequest,
    @Request() request: ExpressRequest,
  ): Promise<BatchPredictionResponse> {
    return this.service.predictBatch(name, body.instances, request.res!.locals.requestId);
  }
}
