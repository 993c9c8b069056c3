/** The wrapper every API function goes through: authenticate, authorise by role, map errors. */
import type { HttpHandler, HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import { requireRole, type Principal, type Role } from '../../../core/src/index.js';
import type { Services, ServicesProvider } from '../services.js';
import { errorResponse, languageOf, type Language } from './respond.js';

export interface ApiContext {
  readonly request: HttpRequest;
  readonly context: InvocationContext;
  readonly principal: Principal;
  readonly services: Services;
  readonly lang: Language;
}

export interface ApiOptions {
  /** The caller needs one of these roles (every member has `employee`). */
  roles?: readonly Role[];
}

export function api(
  getServices: ServicesProvider,
  options: ApiOptions,
  handler: (ctx: ApiContext) => Promise<HttpResponseInit>,
): HttpHandler {
  return async (request, context) => {
    try {
      const services = getServices();
      const principal = await services.auth.authenticate(request.headers.get('authorization'));
      if (options.roles) requireRole(principal, ...options.roles);
      await services.ready();
      return await handler({ request, context, principal, services, lang: languageOf(request) });
    } catch (error) {
      return errorResponse(error, request, context);
    }
  };
}
