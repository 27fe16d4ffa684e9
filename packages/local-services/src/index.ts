export { type ComposeService, ComposeServices, type ComposeServicesOptions } from './compose-services.js';
export { freePort } from './free-port.js';
export { type MissingService, MissingServicesError } from './missing-services-error.js';
export { postgresBinDir } from './postgres-bin-dir.js';
export { PrivatePostgres, type PrivatePostgresOptions } from './private-postgres.js';
export { PrivateRedis, type PrivateRedisOptions } from './private-redis.js';
export { probePostgres } from './probe-postgres.js';
export { probeRedis } from './probe-redis.js';
export {
  findServiceTools,
  type ProvidedServices,
  type ProvideServicesOptions,
  provideServices,
  type ServiceTools,
} from './provide-services.js';
export type { ServiceProbe } from './service-probe.js';
