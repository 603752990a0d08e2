import type { IocContainerFactory } from '@tsoa/runtime';
import type { Request } from 'express';

/**
 * tsoa asks this for a controller per request. Controllers are built once per app
 * by `createApp` (with that app's services) and kept in `app.locals`, so two apps
 * in one process (as in tests) never share state.
 */
export const iocContainer: IocContainerFactory = (request) => ({
  get: ((controller: unknown) => {
    const controllers = (request as Request).app.locals.controllers as Map<unknown, unknown>;
    const instance = controllers.get(controller);
    if (!instance) throw new Error(`no controller instance registered for ${String(controller)}`);
    return instance;
  }) as ReturnType<IocContainerFactory>['get'],
});
