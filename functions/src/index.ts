/**
 * Entry point for the Azure Functions host: registers every definition of the registry.
 * Outside the host, `@azure/functions` runs in test mode and these calls register nothing;
 * the local host (local-host.ts) reads the same registry instead.
 */
import azureFunctions from '@azure/functions';
import { buildFunctions } from './registry.js';
import { servicesFromEnvironment } from './services.js';

// @azure/functions is CommonJS: under ESM its members come through the default export.
const { app } = azureFunctions;

// Bodies stream to the handlers: the token is checked before a body is read, and each
// handler reads at most its route's cap (http/respond.ts), never a whole 200 MB upload.
app.setup({ enableHttpStream: true });

for (const fn of buildFunctions(servicesFromEnvironment())) {
  switch (fn.kind) {
    case 'http':
      app.http(fn.name, {
        route: fn.route,
        methods: fn.methods,
        authLevel: fn.authLevel,
        handler: fn.handler,
      });
      break;
    case 'timer':
      app.timer(fn.name, { schedule: fn.schedule, handler: fn.handler });
      break;
    case 'queue':
      app.storageQueue(fn.name, { queueName: fn.queueName, connection: fn.connection, handler: fn.handler });
      break;
  }
}
